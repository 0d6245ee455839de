import { capitalise } from '../../domain/plain-text.js';
import { isDutyMetric, type Query } from '../../domain/questions/index.js';
import type { OfficerCases } from '../officer-view.js';
import type { Answer } from './answer-types.js';
import type { Target } from './scope-checks.js';

/** The duty as a noun: "referrals to support". */
const DUTY_NOUNS = {
  referral: 'referrals to support',
  written_acknowledgement: 'written acknowledgements',
  decision_updates: 'key decision updates',
} as const;

/**
 * The Code's later duties are counted per unit and per officer of a team's breakdown (the figures contract's
 * `obligations`), and their items are listed for a unit or for all of an officer's cases: a question that needs
 * one officer's figure for a duty, or an officer's items cut to the asker's scope, is declined with the reason
 * and what can be asked, never answered with another figure.
 */
export function dutyDecline(query: Query, target: Target, cases: OfficerCases): Extract<Answer, { kind: 'refusal' }> | null {
  const metric = query.metric;
  if (!isDutyMetric(metric)) return null;
  const noun = DUTY_NOUNS[metric];
  // A team's officers are ranked on a duty from the breakdown's obligations; one officer's figure is not yet kept.
  const perOfficer = query.intent.kind === 'my_items' ? cases.kind === 'within' : target.kind === 'officer';
  if (!perOfficer) return null;
  return {
    kind: 'refusal',
    reason: `${capitalise(noun)} are counted per team and command, not per officer, yet.`,
    hint: `Ask about a team or command, e.g. "${noun} for ${target.kind === 'unit' ? target.unit.name : 'my team'}".`,
  };
}
