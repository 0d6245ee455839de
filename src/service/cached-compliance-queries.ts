import { createHash } from 'node:crypto';
import { localDateOf } from '../domain/calendar.js';
import type { Policy } from '../domain/policy.js';
import type { ComplianceQueries } from './compliance-queries.js';

/**
 * The store's data version (src/store/data-version-store.ts): it moves at the commit of any write figures
 * read; with it, from the same row, an instant at or after every one the records carry (epoch ms).
 */
export interface DataVersionSource {
  current(): Promise<Horizon>;
}

type Horizon = { version: string; lastEventMs: number | null };

/**
 * "Evaluate once, answer many" (issue 15): the read side of the compliance service, answering from what an
 * earlier evaluation produced when nothing it depends on has changed. An answer is kept under
 * - the method and its arguments;
 * - the store's data version, read on every call (one primary-key read, with the records' latest instant), so
 *   a write committed by any replica on the same database is seen by the next answer;
 * - the policy (a digest of it): replicas with different policy files never share an answer;
 * - the instant, reduced only where that provably changes nothing. The evaluation compares t with the
 *   records' instants ("recorded at or before t", "closed after t", contacts, decisions, allocations,
 *   acknowledgements) and uses t's local date. At or after the latest instant any record carries, every
 *   such comparison comes out the same, so there the key keeps t's local date only (how "now" is asked);
 *   before it, the key keeps the exact instant (a past month end is one fixed instant, so it repeats).
 * The `asOf` an answer carries is the instant asked, stamped on each reply.
 *
 * Versions only grow, so the first call that reads a newer one drops every answer kept (a force-wide digest
 * list is megabytes at 500k victims, and one kept under an old version would never be asked for again).
 * An answer is kept only when the version read again after the evaluation is the one read before it: then
 * no write committed in between, and the evaluation saw exactly that version's data. Answers are copied in
 * and out, so a caller that sorts or edits what it got cannot change what the next caller gets.
 */
export class CachedComplianceQueries implements ComplianceQueries {
  private readonly entries = new Map<string, unknown>();
  private readonly policyId: string;
  /** The newest version seen: answers kept under older ones can never be asked for again. */
  private newestVersion = 0n;

  constructor(
    private readonly inner: ComplianceQueries,
    private readonly versions: DataVersionSource,
    private readonly policy: Pick<Policy, 'timeZone'>,
    private readonly maxEntries = 500,
  ) {
    this.policyId = createHash('sha256').update(JSON.stringify(policy)).digest('hex').slice(0, 16);
  }

  /** How many answers are kept now (for tests and the benchmark). */
  get size(): number {
    return this.entries.size;
  }

  findUnit: ComplianceQueries['findUnit'] = (unitId) => this.cached('findUnit', [unitId], null, () => this.inner.findUnit(unitId));
  listUnits: ComplianceQueries['listUnits'] = () => this.cached('listUnits', [], null, () => this.inner.listUnits());
  figures: ComplianceQueries['figures'] = (unitId, at) => this.cached('figures', [unitId], at, () => this.inner.figures(unitId, at));
  figuresForUnits: ComplianceQueries['figuresForUnits'] = (unitIds, at) =>
    this.cached('figuresForUnits', [unitIds], at, () => this.inner.figuresForUnits(unitIds, at));
  officerFigures: ComplianceQueries['officerFigures'] = (personId, at) =>
    this.cached('officerFigures', [personId], at, () => this.inner.officerFigures(personId, at));
  officerFiguresWithin: ComplianceQueries['officerFiguresWithin'] = (personId, at, withinUnitId) =>
    this.cached('officerFiguresWithin', [personId, withinUnitId], at, () => this.inner.officerFiguresWithin(personId, at, withinUnitId));
  officerDigestWithin: ComplianceQueries['officerDigestWithin'] = (personId, at, withinUnitId, options) =>
    this.cached('officerDigestWithin', [personId, withinUnitId, options?.duties ?? null], at, () =>
      this.inner.officerDigestWithin(personId, at, withinUnitId, options),
    );
  breakdown: ComplianceQueries['breakdown'] = (unitId, at) =>
    this.cached('breakdown', [unitId], at, () => this.inner.breakdown(unitId, at));
  digest: ComplianceQueries['digest'] = (unitId, at, options) =>
    // Every option that changes the answer is in the key: the officer, and the duties listed instead of the policy's.
    this.cached('digest', [unitId, options?.oicId ?? null, options?.duties ?? null], at, () => this.inner.digest(unitId, at, options));
  figuresWithObligations: ComplianceQueries['figuresWithObligations'] = (unitId, at) =>
    this.cached('figuresWithObligations', [unitId], at, () => this.inner.figuresWithObligations(unitId, at));
  figuresWithObligationsForUnits: ComplianceQueries['figuresWithObligationsForUnits'] = (unitIds, at) =>
    this.cached('figuresWithObligationsForUnits', [unitIds], at, () => this.inner.figuresWithObligationsForUnits(unitIds, at));
  figuresAndDigest: ComplianceQueries['figuresAndDigest'] = (unitId, at) =>
    this.cached('figuresAndDigest', [unitId], at, () => this.inner.figuresAndDigest(unitId, at));
  allTeamDigests: ComplianceQueries['allTeamDigests'] = (at) => this.cached('allTeamDigests', [], at, () => this.inner.allTeamDigests(at));
  promiseCounts: ComplianceQueries['promiseCounts'] = (unitId, at) =>
    this.cached('promiseCounts', [unitId], at, () => this.inner.promiseCounts(unitId, at));
  officerPromiseCounts: ComplianceQueries['officerPromiseCounts'] = (personId, at, withinUnitId) =>
    this.cached('officerPromiseCounts', [personId, withinUnitId ?? null], at, () =>
      this.inner.officerPromiseCounts(personId, at, withinUnitId),
    );

  private async cached<T>(method: string, args: readonly unknown[], at: Date | null, evaluate: () => Promise<T>): Promise<T> {
    const horizon = await this.versions.current();
    if (BigInt(horizon.version) > this.newestVersion) {
      this.newestVersion = BigInt(horizon.version);
      this.entries.clear();
    }
    const key = JSON.stringify([method, args, horizon.version, this.policyId, at === null ? null : this.instantKey(at, horizon)]);
    if (this.entries.has(key)) {
      const kept = this.entries.get(key) as T;
      // Most recently used last: the first key is the one to drop.
      this.entries.delete(key);
      this.entries.set(key, kept);
      return stamped(kept, at);
    }
    const answer = await evaluate();
    if ((await this.versions.current()).version === horizon.version) {
      this.entries.set(key, structuredClone(answer));
      if (this.entries.size > this.maxEntries) this.entries.delete(this.entries.keys().next().value as string);
    }
    return answer;
  }

  private instantKey(at: Date, horizon: Horizon): string {
    const afterEveryRecord = horizon.lastEventMs === null || at.getTime() >= horizon.lastEventMs;
    return afterEveryRecord ? `after:${localDateOf(at, this.policy.timeZone)}` : `at:${at.toISOString()}`;
  }
}

/** A copy of a kept answer whose `asOf` fields (figures, breakdowns, digests) carry the instant asked. */
function stamped<T>(kept: T, at: Date | null): T {
  const copy = structuredClone(kept);
  if (at !== null) stamp(copy, at.toISOString());
  return copy;
}

function stamp(value: unknown, asOf: string): void {
  if (Array.isArray(value)) {
    for (const item of value) stamp(item, asOf);
  } else if (typeof value === 'object' && value !== null) {
    const record = value as Record<string, unknown>;
    if (typeof record.asOf === 'string') record.asOf = asOf;
    for (const inner of Object.values(record)) stamp(inner, asOf);
  }
}
