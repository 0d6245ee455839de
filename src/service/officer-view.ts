import type { DigestOptions, Person } from '../domain/types.js';
import { scopeRootOf, type UnitTree } from '../domain/visibility.js';
import type { ComplianceQueries, OfficerDigestWithin, OfficerFiguresWithin } from './compliance-queries.js';

/**
 * Which of an officer's cases a viewer sees. The officer sees all of their own, and a senior lead (whose
 * scope is the force) sees them all too. Anyone else who may see the officer (the supervisor of the
 * officer's home team, the inspector above it) sees only the cases allocated inside their own scope: an
 * officer who moved teams keeps old cases, and a case of another team may be allocated to them, and those
 * crime references and figures belong to the other team's supervisor. What is left out is counted.
 */
export type OfficerCases = { kind: 'all' } | { kind: 'within'; unitId: string };

/** Call after the viewer has been allowed to see the officer (canSeeOfficer / authoriseOfficerItems). */
export function officerCasesFor(viewer: Person, officer: Pick<Person, 'id'>, tree: UnitTree, forceId: string): OfficerCases {
  if (viewer.id === officer.id) return { kind: 'all' };
  const root = scopeRootOf({ personId: viewer.id, role: viewer.role, unitId: viewer.unitId }, tree, forceId);
  if (root === null) throw new Error(`person ${viewer.id} (${viewer.role}) may not see another officer's cases: check visibility first`);
  return root === forceId ? { kind: 'all' } : { kind: 'within', unitId: root };
}

export type OfficerQueries = Pick<ComplianceQueries, 'officerFigures' | 'officerFiguresWithin' | 'digest' | 'officerDigestWithin'>;

export async function officerFiguresAsSeen(
  queries: OfficerQueries,
  officerId: string,
  at: Date,
  cases: OfficerCases,
): Promise<OfficerFiguresWithin> {
  if (cases.kind === 'within') return queries.officerFiguresWithin(officerId, at, cases.unitId);
  return { figures: await queries.officerFigures(officerId, at), leftOut: 0 };
}

export async function officerItemsAsSeen(
  queries: OfficerQueries,
  officerId: string,
  at: Date,
  cases: OfficerCases,
  forceId: string,
  options: Pick<DigestOptions, 'duties'> = {},
): Promise<OfficerDigestWithin> {
  if (cases.kind === 'within') return queries.officerDigestWithin(officerId, at, cases.unitId, options);
  return { digest: await queries.digest(forceId, at, { oicId: officerId, ...options }), leftOut: 0 };
}

/** "3 items in other teams are not shown"; null when nothing was left out. */
export function itemsNotShownText(count: number): string | null {
  if (count <= 0) return null;
  return count === 1 ? '1 item in another team is not shown' : `${count} items in other teams are not shown`;
}

/** "2 victims in other teams are not counted"; null when nothing was left out. */
export function victimsNotCountedText(count: number): string | null {
  if (count <= 0) return null;
  return count === 1 ? '1 victim in another team is not counted' : `${count} victims in other teams are not counted`;
}
