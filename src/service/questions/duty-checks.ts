import { isDutyMetric, type Query } from '../../domain/questions/index.js';
import { METRIC_WORDS } from '../../domain/wording.js';
import type { Answer } from './answer-types.js';
import type { Target } from './scope-checks.js';

/** The duty as a noun: "referrals to support". */
const DUTY_NOUNS = {
  referral: 'referrals to support',
  written_acknowledgement: 'written acknowledgements',
  decision_updates: 'key decision updates',
} as const;

/**
 * The Code's later duties are counted per unit (the figures contract's `obligations`): a question that
 * needs them per officer, or as a list of items, is declined with the reason and what can be asked, never
 * answered with another figure.
 */
export function dutyDecline(query: Query, target: Target): Extract<Answer, { kind: 'refusal' }> | null {
  const metric = query.metric;
  if (!isDutyMetric(metric)) return null;
  const noun = DUTY_NOUNS[metric];
  const perOfficer =
    target.kind === 'officer' ||
    (target.unit.kind === 'team' && ['rank', 'compare_children', 'most', 'below_target'].includes(query.intent.kind));
  if (query.intent.kind === 'my_items') {
    return {
      kind: 'refusal',
      reason: `I cannot list ${noun} one by one yet: I can give the figure (${METRIC_WORDS[metric]}) for a team or command.`,
      hint: `Ask e.g. "${noun} for ${target.kind === 'unit' ? target.unit.name : 'my team'} this month".`,
    };
  }
  if (perOfficer) {
    return {
      kind: 'refusal',
      reason: `${capitalised(noun)} are counted per team and command, not per officer, yet.`,
      hint: `Ask about a team or command, e.g. "${noun} for ${target.kind === 'unit' ? target.unit.name : 'my team'}".`,
    };
  }
  return null;
}

function capitalised(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
