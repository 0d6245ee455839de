import type { Asker, PersonEntry, UnitEntry } from '../../src/domain/questions/index.js';
import type { PlanRequest } from '../../src/service/question-planner.js';

/** The fixed small force every question test is asked against (issue 4 labelled set). */
export const NOW = new Date('2026-11-20T10:00:00Z');
export const TIME_ZONE = 'Europe/London';

export const UNITS: readonly UnitEntry[] = [
  { id: 'FORCE', name: 'Example Constabulary', kind: 'force', parentId: null },
  { id: 'N-LPA', name: 'North LPA', kind: 'command', parentId: 'FORCE' },
  { id: 'S-LPA', name: 'South LPA', kind: 'command', parentId: 'FORCE' },
  { id: 'C-LPA', name: 'City LPA', kind: 'command', parentId: 'FORCE' },
  { id: 'CID', name: 'CID', kind: 'department', parentId: 'FORCE' },
  { id: 'N-T1', name: 'North Team 1', kind: 'team', parentId: 'N-LPA' },
  { id: 'N-T2', name: 'North Team 2', kind: 'team', parentId: 'N-LPA' },
  { id: 'N-T3', name: 'North Team 3', kind: 'team', parentId: 'N-LPA' },
  { id: 'S-T1', name: 'South Team 1', kind: 'team', parentId: 'S-LPA' },
  { id: 'S-T2', name: 'South Team 2', kind: 'team', parentId: 'S-LPA' },
  { id: 'C-T1', name: 'City Team 1', kind: 'team', parentId: 'C-LPA' },
  { id: 'C-T2', name: 'City Team 2', kind: 'team', parentId: 'C-LPA' },
  { id: 'CID-T1', name: 'CID Team 1', kind: 'team', parentId: 'CID' },
];

/** Officers of North Team 2 (made-up names; officers, never victims). Two share a surname on purpose. */
export const PEOPLE: readonly PersonEntry[] = [
  { id: 'P-2100', name: 'PS 2100 Ruth Evans', unitId: 'N-T2' },
  { id: 'P-2101', name: 'PC 2101 Amara Shah', unitId: 'N-T2' },
  { id: 'P-2102', name: 'PC 2102 Tom Okafor', unitId: 'N-T2' },
  { id: 'P-2103', name: 'DC 2103 Lee Shah', unitId: 'N-T2' },
];

const ROLE_WORDS: Record<string, Asker['role']> = { officer: 'officer', supervisor: 'supervisor', inspector: 'inspector', admin: 'admin' };

/**
 * "supervisor of North Team 2", "inspector of South LPA", "senior lead", "officer" (North Team 2),
 * "anyone" (an officer) -> the asker.
 */
export function askerFor(persona: string): Asker {
  const trimmed = persona.trim();
  if (trimmed === 'senior lead') return { personId: 'P-SENIOR', role: 'senior', unitId: 'FORCE' };
  if (trimmed === 'officer' || trimmed === 'anyone') return { personId: 'P-2102', role: 'officer', unitId: 'N-T2' };
  const match = /^(officer|supervisor|inspector|admin) of (.+)$/.exec(trimmed);
  const unit = match ? UNITS.find((u) => u.name === match[2]) : undefined;
  if (!match || !unit) throw new Error(`unknown persona '${persona}': use "senior lead", "officer", "anyone" or "<role> of <unit name>"`);
  return { personId: `P-${match[1]}-${unit.id}`, role: ROLE_WORDS[match[1]!]!, unitId: unit.id };
}

/** What the optional AI planner is asked in its tests, and the query a good reply plans for it. */
export const PLAN_REQUEST: PlanRequest = {
  text: 'how r we lookin on VCOP innit',
  asker: { role: 'supervisor', unitId: 'N-T2' },
  units: UNITS,
  today: '2026-11-20',
  timeZone: 'Europe/London',
};

export const PLANNED_QUERY = {
  intent: { kind: 'figure' },
  metric: 'overall',
  scope: { kind: 'unit', unitId: 'N-T2' },
  period: { kind: 'now' },
};
