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

export type Metric = 'overall' | 'needs_assessment' | 'updates' | DutyMetric;

/** The Code's later duties (compliance-rules.md 4-6), asked about by name: figures from the obligations. */
export type DutyMetric = 'referral' | 'written_acknowledgement' | 'decision_updates';
export const DUTY_METRICS: readonly DutyMetric[] = ['referral', 'written_acknowledgement', 'decision_updates'];

export function isDutyMetric(metric: Metric): metric is DutyMetric {
  return (DUTY_METRICS as readonly Metric[]).includes(metric);
}

export type Scope = { kind: 'unit'; unitId: string } | { kind: 'officer'; personId: string | 'self' } | { kind: 'force' };

/**
 * Which units a list holds when the question names them and they are not the default: the scope's
 * child units for "compare", its teams for the rest. "Which command is best" ranks commands, "show
 * each team's rate" across the force lists teams. Absent = the default.
 */
export type ListLevel = 'teams' | 'commands';

/** The units a list holds when the question named them ("compare South Team 1 and South Team 2"): ids of the scope's units. */
export type OnlyUnits = string[];

export type Intent =
  /** count: "how many victims are waiting on an update": the answer leads with the number, the rate beside it. */
  | { kind: 'figure'; count?: true }
  /** rag: "show me the amber ones", the rows of that RAG only. */
  /** change: "which of my teams slipped since September", the rows whose rate fell (or rose) over the period. */
  | { kind: 'compare_children'; among?: ListLevel; only?: OnlyUnits; rag?: 'RED' | 'AMBER' | 'GREEN'; change?: 'down' | 'up' }
  /** threshold null = the policy's target rate */
  | { kind: 'below_target'; threshold: number | null; among?: ListLevel; only?: OnlyUnits }
  /** limit: "bottom 5 teams", the first N rows only. */
  | { kind: 'rank'; order: 'best' | 'worst'; among?: ListLevel; limit?: number; only?: OnlyUnits }
  | { kind: 'most'; of: 'overdue_updates' | 'missing_needs_assessments'; among?: ListLevel; only?: OnlyUnits }
  /** through: the last month-end of the series when it is before this month ("June to August, month by month"). */
  | { kind: 'trend'; months: number; through?: { year: number; month: number } }
  /** Open items of the scope: an officer's own reminder, or a unit's digest. */
  | { kind: 'my_items' }
  /** "How many promises did my team miss this month?": acknowledgements with a planned date, kept, missed and open. */
  | { kind: 'promises' }
  /**
   * The dip-sample audits (issue 16): the reviewers' figures beside the records' for the same cases, how many
   * drawn cases are not submitted yet, or the cases the records called compliant and the reviewer did not.
   */
  | { kind: 'dip_audit'; show: DipAuditShow; lead?: 'good_service' };

export type DipAuditShow = 'results' | 'outstanding' | 'box_ticked';

export interface Query {
  intent: Intent;
  metric: Metric;
  scope: Scope;
  period: PeriodSpec;
  /** "Force compliance excluding CID": units left out, from the figure or the list (ids within the scope). */
  except?: string[];
}

/**
 * What the parser filled in because the question did not say (issue 12): the answer says so ("no period
 * given, so: now"), so a default is never mistaken for what was asked.
 */
export interface Assumed {
  /** No time word at all: answered for now. */
  period: boolean;
  /** No unit, officer or "my/our" word at all: answered for the asker's natural scope. */
  place: boolean;
}

export type Understanding =
  | { kind: 'query'; query: Query; assumed: Assumed }
  /** Asked back with one button per option: the parser never picks between equal readings. */
  | { kind: 'ambiguous'; question: string; options: { label: string; query: Query }[] }
  /**
   * Words no reader understood: never dropped. `reading` is the question as read without them (null when
   * nothing else was read), offered as a button rather than answered unasked.
   */
  | { kind: 'unread'; words: string[]; reading: { query: Query; assumed: Assumed } | null; suggestions: string[] }
  /** A unit or officer named that the force does not have: said back, with the nearest names as buttons. */
  | { kind: 'unknown_name'; said: string; options: { label: string; query: Query }[]; suggestions: string[] }
  /** Understood, but not something figures can answer ("next week"): the reason says why. */
  /** hint: what to ask instead, when it is not the usual "ask about now or a past period". */
  | { kind: 'cannot_answer'; said: string; reason: string; hint?: string }
  | { kind: 'help' }
  | { kind: 'not_understood'; suggestions: string[] };

export interface QuestionContext {
  asker: Asker;
  units: readonly UnitEntry[];
  /** People the asker may name ("how is PC Shah doing?"); optional, names are matched only when given. */
  people?: readonly PersonEntry[];
  now: Date;
  timeZone: string;
  /** What a bare "Q1" means (policy `quarters`): the calendar year's, or the financial year's (April-March). */
  quarters?: 'calendar' | 'financial';
}
