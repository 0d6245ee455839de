import type { ObligationFigures } from '../domain/obligations.js';
import type {
  DigestOptions,
  LocalDate,
  OfficerDigestWithin,
  OfficerFigures,
  OfficerFiguresWithin,
  Person,
  PromiseCounts,
  UnitBreakdown,
  UnitDigest,
  UnitFigures,
  UnitKind,
  UnitNode,
} from '../domain/types.js';
import type { StoredPromise } from '../store/promise-store.js';

/*
 * The ports of the compliance service's read side. The store implements them (src/store/sql-compliance-queries.ts)
 * without importing this file: its classes are checked against these interfaces where src/app.ts wires them.
 */

/**
 * The read side of the compliance service: everything the API, the bot and the question answerer
 * read. Implemented over the store with set-based SQL; faked in memory in some unit tests.
 * `at` is always an instant; the service turns it into the force's local date itself.
 */
export interface ComplianceQueries {
  findUnit(unitId: string): Promise<UnitNode | null>;
  listUnits(): Promise<UnitNode[]>;
  figures(unitId: string, at: Date): Promise<UnitFigures>;
  /** Figures of many units at one instant in one pass (rankings, "teams below 85%"). */
  figuresForUnits(unitIds: readonly string[], at: Date): Promise<UnitFigures[]>;
  /** Every case allocated to the officer, wherever it sits (the officer's own view). */
  officerFigures(personId: string, at: Date): Promise<OfficerFigures>;
  /** The officer's cases inside `withinUnitId`'s subtree only, and how many victims were left out. */
  officerFiguresWithin(personId: string, at: Date, withinUnitId: string): Promise<OfficerFiguresWithin>;
  /** The officer's items inside `withinUnitId`'s subtree only, and how many were left out. */
  officerDigestWithin(
    personId: string,
    at: Date,
    withinUnitId: string,
    options?: Pick<DigestOptions, 'duties'>,
  ): Promise<OfficerDigestWithin>;
  breakdown(unitId: string, at: Date): Promise<UnitBreakdown>;
  digest(unitId: string, at: Date, options?: DigestOptions): Promise<UnitDigest>;
  /** `figures` with the per-duty `obligations` of the figures contract (product.md), from one evaluation. */
  figuresWithObligations(unitId: string, at: Date): Promise<{ figures: UnitFigures; obligations: ObligationFigures }>;
  /** `figuresWithObligations` of many units at one instant in one pass, in the order asked (the performance report). */
  figuresWithObligationsForUnits(unitIds: readonly string[], at: Date): Promise<{ figures: UnitFigures; obligations: ObligationFigures }[]>;
  /** `figures` and `digest` of one unit at one instant, from one evaluation. */
  figuresAndDigest(unitId: string, at: Date): Promise<{ figures: UnitFigures; digest: UnitDigest }>;
  /** Digests of every team at one instant, for the morning run and the benchmark. */
  allTeamDigests(at: Date): Promise<UnitDigest[]>;
  /**
   * Acknowledgements with a planned date, on cases the unit's subtree holds at t, by state at t
   * (src/domain/promises.ts): kept, missed, open; GREY ones in none.
   */
  promiseCounts(unitId: string, at: Date): Promise<PromiseCounts>;
  /** The same over the cases allocated to the officer at t; with `withinUnitId`, only those inside its subtree. */
  officerPromiseCounts(personId: string, at: Date, withinUnitId?: string): Promise<PromiseCounts>;
  /** The promises `promiseCounts` counts, each graded at t, oldest acknowledgement first (a digest shows them). */
  promisesInUnit(unitId: string, at: Date): Promise<StoredPromise[]>;
  /** The promises `officerPromiseCounts` counts, each graded at t, oldest acknowledgement first. */
  officerPromises(personId: string, at: Date, withinUnitId?: string): Promise<StoredPromise[]>;
}

export interface PeopleDirectory {
  findById(personId: string): Promise<Person | null>;
  findByAadObjectId(aadObjectId: string): Promise<Person | null>;
  listByUnit(unitId: string): Promise<Person[]>;
  /** People whose home unit is this unit or lies below it (the force: everyone), by name. */
  listWithin(unitId: string): Promise<Person[]>;
}

export type {
  DigestOptions,
  LocalDate,
  PromiseCounts,
  OfficerDigestWithin,
  OfficerFigures,
  OfficerFiguresWithin,
  UnitBreakdown,
  UnitKind,
  UnitNode,
};
