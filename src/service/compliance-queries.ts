import type { LocalDate, Person, UnitDigest, UnitFigures, UnitKind, UnitRef } from '../domain/types.js';

/** A unit as stored, with its place in the hierarchy. */
export interface UnitNode extends UnitRef {
  parentId: string | null;
}

/** Figures for one officer (as OIC) inside a team's breakdown. */
export interface OfficerFigures extends Omit<UnitFigures, 'unit'> {
  officer: { id: string; name: string };
}

export interface UnitBreakdown {
  unit: UnitRef;
  asOf: string;
  /** Same figures for each direct child unit; empty for a team. */
  children: UnitFigures[];
  /** For a team: figures per OIC of the team's live cases; empty otherwise. */
  officers: OfficerFigures[];
}

/**
 * An officer's figures as someone other than the officer sees them: only the cases allocated inside the
 * viewer's scope (`withinUnitId`'s subtree), with the number of the officer's victims elsewhere.
 */
export interface OfficerFiguresWithin {
  figures: OfficerFigures;
  /** Live victims of the officer's cases outside the scope: not counted. */
  leftOut: number;
}

/** An officer's items inside a unit's subtree, with the number of their items elsewhere (not shown). */
export interface OfficerDigestWithin {
  digest: UnitDigest;
  leftOut: number;
}

export interface DigestOptions {
  /** Only the items of cases allocated to this officer (an officer's own reminder). */
  oicId?: string;
}

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
  officerDigestWithin(personId: string, at: Date, withinUnitId: string): Promise<OfficerDigestWithin>;
  breakdown(unitId: string, at: Date): Promise<UnitBreakdown>;
  digest(unitId: string, at: Date, options?: DigestOptions): Promise<UnitDigest>;
  /** `figures` and `digest` of one unit at one instant, from one evaluation. */
  figuresAndDigest(unitId: string, at: Date): Promise<{ figures: UnitFigures; digest: UnitDigest }>;
  /** Digests of every team at one instant, for the morning run and the benchmark. */
  allTeamDigests(at: Date): Promise<UnitDigest[]>;
}

export interface PeopleDirectory {
  findById(personId: string): Promise<Person | null>;
  findByAadObjectId(aadObjectId: string): Promise<Person | null>;
  listByUnit(unitId: string): Promise<Person[]>;
  /** People whose home unit is this unit or lies below it (the force: everyone), by name. */
  listWithin(unitId: string): Promise<Person[]>;
}

export type { LocalDate, UnitKind };
