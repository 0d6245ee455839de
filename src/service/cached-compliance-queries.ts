import { createHash } from 'node:crypto';
import type { Policy } from '../domain/policy.js';
import type { ComplianceQueries } from './compliance-queries.js';
import { type DataVersionSource, type KeepOptions, type KeptAnswerStore, type VersionName, VersionedAnswers } from './versioned-answers.js';

export type { DataVersionSource, KeptAnswerStore } from './versioned-answers.js';

/** Every figure, digest and unit is read from the records only (src/store/evaluation-sql.ts reads no acknowledgement). */
const RECORDS: readonly VersionName[] = ['version'];
/** Promise counts read the acknowledgements and the items they refer to besides (src/store/promise-store.ts). */
const RECORDS_AND_ACTIONS: readonly VersionName[] = ['version', 'actionsVersion'];
/** Figures and breakdowns (plain JSON, what past period ends and trends read): kept in the store too. */
const STORED: KeepOptions = { stored: true };

/**
 * "Evaluate once, answer many" (issue 15): the read side of the compliance service, answering from what an
 * earlier evaluation produced when nothing it depends on has changed (src/service/versioned-answers.ts). An
 * answer is kept under
 * - the method and its arguments;
 * - the data versions of the tables the method reads: the records' for every method, and for the promise
 *   counts the acknowledgements' too, so a button press in Teams leaves every figure and digest kept;
 * - the policy (a digest of it): replicas with different policy files never share an answer;
 * - the instant, reduced to its local date at or after the latest instant the records carry; an answer for an
 *   exact instant before it (a month end, a trend's point) is kept across the records' changes that cannot reach
 *   it, and the figures and breakdowns among them are kept in the store too (`stored`: a restart reads them).
 * The evaluation compares t with the records' instants ("recorded at or before t", "closed after t", contacts,
 * decisions, allocations, acknowledgements) and uses t's local date; the `asOf` an answer carries is the
 * instant asked, stamped on each reply.
 */
export class CachedComplianceQueries implements ComplianceQueries {
  private readonly answers: VersionedAnswers;
  private readonly policyId: string;

  constructor(
    private readonly inner: ComplianceQueries,
    versions: DataVersionSource,
    policy: Pick<Policy, 'timeZone'>,
    maxEntries = 500,
    store: KeptAnswerStore | null = null,
  ) {
    this.policyId = createHash('sha256').update(JSON.stringify(policy)).digest('hex').slice(0, 16);
    this.answers = new VersionedAnswers(versions, policy.timeZone, maxEntries, store);
  }

  /** How many answers are kept now (for tests and the benchmark). */
  get size(): number {
    return this.answers.size;
  }

  findUnit: ComplianceQueries['findUnit'] = (unitId) => this.cached('findUnit', [unitId], null, () => this.inner.findUnit(unitId));
  listUnits: ComplianceQueries['listUnits'] = () => this.cached('listUnits', [], null, () => this.inner.listUnits());
  figures: ComplianceQueries['figures'] = (unitId, at) =>
    this.cached('figures', [unitId], at, () => this.inner.figures(unitId, at), RECORDS, STORED);
  figuresForUnits: ComplianceQueries['figuresForUnits'] = (unitIds, at) =>
    this.cached('figuresForUnits', [unitIds], at, () => this.inner.figuresForUnits(unitIds, at), RECORDS, STORED);
  officerFigures: ComplianceQueries['officerFigures'] = (personId, at) =>
    this.cached('officerFigures', [personId], at, () => this.inner.officerFigures(personId, at), RECORDS, STORED);
  officerFiguresWithin: ComplianceQueries['officerFiguresWithin'] = (personId, at, withinUnitId) =>
    this.cached(
      'officerFiguresWithin',
      [personId, withinUnitId],
      at,
      () => this.inner.officerFiguresWithin(personId, at, withinUnitId),
      RECORDS,
      STORED,
    );
  officerDigestWithin: ComplianceQueries['officerDigestWithin'] = (personId, at, withinUnitId, options) =>
    this.cached('officerDigestWithin', [personId, withinUnitId, options?.duties ?? null], at, () =>
      this.inner.officerDigestWithin(personId, at, withinUnitId, options),
    );
  breakdown: ComplianceQueries['breakdown'] = (unitId, at) =>
    this.cached('breakdown', [unitId], at, () => this.inner.breakdown(unitId, at), RECORDS, STORED);
  digest: ComplianceQueries['digest'] = (unitId, at, options) =>
    // Every option that changes the answer is in the key: the officer, and the duties listed instead of the policy's.
    this.cached('digest', [unitId, options?.oicId ?? null, options?.duties ?? null], at, () => this.inner.digest(unitId, at, options));
  figuresWithObligations: ComplianceQueries['figuresWithObligations'] = (unitId, at) =>
    this.cached('figuresWithObligations', [unitId], at, () => this.inner.figuresWithObligations(unitId, at), RECORDS, STORED);
  figuresWithObligationsForUnits: ComplianceQueries['figuresWithObligationsForUnits'] = (unitIds, at) =>
    this.cached(
      'figuresWithObligationsForUnits',
      [unitIds],
      at,
      () => this.inner.figuresWithObligationsForUnits(unitIds, at),
      RECORDS,
      STORED,
    );
  figuresAndDigest: ComplianceQueries['figuresAndDigest'] = (unitId, at) =>
    this.cached('figuresAndDigest', [unitId], at, () => this.inner.figuresAndDigest(unitId, at));
  allTeamDigests: ComplianceQueries['allTeamDigests'] = (at) => this.cached('allTeamDigests', [], at, () => this.inner.allTeamDigests(at));
  promiseCounts: ComplianceQueries['promiseCounts'] = (unitId, at) =>
    this.cached('promiseCounts', [unitId], at, () => this.inner.promiseCounts(unitId, at), RECORDS_AND_ACTIONS);
  officerPromiseCounts: ComplianceQueries['officerPromiseCounts'] = (personId, at, withinUnitId) =>
    this.cached(
      'officerPromiseCounts',
      [personId, withinUnitId ?? null],
      at,
      () => this.inner.officerPromiseCounts(personId, at, withinUnitId),
      RECORDS_AND_ACTIONS,
    );

  promisesInUnit: ComplianceQueries['promisesInUnit'] = (unitId, at) =>
    this.cached('promisesInUnit', [unitId], at, () => this.inner.promisesInUnit(unitId, at), RECORDS_AND_ACTIONS);
  officerPromises: ComplianceQueries['officerPromises'] = (personId, at, withinUnitId) =>
    this.cached(
      'officerPromises',
      [personId, withinUnitId ?? null],
      at,
      () => this.inner.officerPromises(personId, at, withinUnitId),
      RECORDS_AND_ACTIONS,
    );

  private cached<T>(
    method: string,
    args: readonly unknown[],
    at: Date | null,
    evaluate: () => Promise<T>,
    reads: readonly VersionName[] = RECORDS,
    options: KeepOptions = {},
  ): Promise<T> {
    return this.answers.answer(reads, [method, args, this.policyId], at, evaluate, options);
  }
}
