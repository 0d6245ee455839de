import type { PeriodSpec } from '../periods.js';
import type { Role, UnitKind } from '../types.js';

/** The vocabulary of a parsed question (issue 4). Pure types: the parser never reads the store. */

export interface UnitEntry {
  id: string;
  name: string;
  kind: UnitKind;
  parentId: string | null;
}

export interface PersonEntry {
  id: string;
  name: string;
  unitId: string;
}

export interface Asker {
  personId: string;
  role: Role;
  unitId: string;
}

export type Metric = 'overall' | 'needs_assessment' | 'updates';

export type Scope = { kind: 'unit'; unitId: string } | { kind: 'officer'; personId: string | 'self' } | { kind: 'force' };

/**
 * Which units a list holds when the question names them and they are not the default: the scope's
 * child units for "compare", its teams for the rest. "Which command is best" ranks commands, "show
 * each team's rate" across the force lists teams. Absent = the default.
 */
export type ListLevel = 'teams' | 'commands';

export type Intent =
  | { kind: 'figure' }
  | { kind: 'compare_children'; among?: ListLevel }
  /** threshold null = the policy's target rate */
  | { kind: 'below_target'; threshold: number | null; among?: ListLevel }
  | { kind: 'rank'; order: 'best' | 'worst'; among?: ListLevel }
  | { kind: 'most'; of: 'overdue_updates' | 'missing_needs_assessments'; among?: ListLevel }
  | { kind: 'trend'; months: number }
  | { kind: 'my_items' };

export interface Query {
  intent: Intent;
  metric: Metric;
  scope: Scope;
  period: PeriodSpec;
}

export type Understanding =
  | { kind: 'query'; query: Query }
  /** Asked back with one button per option: the parser never picks between equal readings. */
  | { kind: 'ambiguous'; question: string; options: { label: string; query: Query }[] }
  | { kind: 'help' }
  | { kind: 'not_understood'; suggestions: string[] };

export interface QuestionContext {
  asker: Asker;
  units: readonly UnitEntry[];
  /** People the asker may name ("how is PC Shah doing?"); optional, names are matched only when given. */
  people?: readonly PersonEntry[];
  now: Date;
  timeZone: string;
}
