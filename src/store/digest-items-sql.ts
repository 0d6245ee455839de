import { inDigest } from './evaluation-settings.js';

/**
 * The digest items of compliance-rules.md ("Digest items") as SQL over the `judged j` of evaluation-sql.ts:
 * breaches, and what falls due within $5[1] days and is not yet a breach, for the duties in `digestDuties`.
 */

export interface DigestItemsOptions {
  groupKey?: string;
  joins?: string;
  where?: string;
}

/** The SELECT listing digest items from `judged j` (decision updates from `decision_duties dd`, one per decision). */
export function digestItemsSelect(options: DigestItemsOptions = {}): string {
  const groupKey = options.groupKey ?? 'null::text';
  const where = options.where ? `and (${options.where})` : '';
  const item = (kind: string, dueOn: string, condition: string, decisions = false) => `
  select ${groupKey} as group_id, '${kind}' as kind, j.case_id, j.victim_id, j.oic_id, j.category,
    ${dueOn}::text as due_date, ${kind.endsWith('_due_soon') ? '0' : `(j.today - ${dueOn})`} as days_overdue, j.enhanced,
    ${decisions ? 'dd.decision_id' : 'null::text'} as decision_id
  from judged j ${decisions ? 'join decision_duties dd on dd.victim_id = j.victim_id' : ''} ${options.joins ?? ''}
  where ${condition} ${where}`;
  const dueSoon = (dueOn: string) => `${dueOn} - j.today <= j.due_soon_days`;
  return [
    item('update_overdue', 'j.update_due_on', `${inDigest('updates')} and j.update_breach`),
    item('needs_assessment_missing', 'j.na_due_on', `${inDigest('needsAssessment')} and j.na_breach`),
    item(
      'update_due_soon',
      'j.update_due_on',
      `${inDigest('updates')} and not j.update_suspended and not j.update_breach and ${dueSoon('j.update_due_on')}`,
    ),
    item(
      'needs_assessment_due_soon',
      'j.na_due_on',
      `${inDigest('needsAssessment')} and not j.na_met and not j.na_breach and ${dueSoon('j.na_due_on')}`,
    ),
    item('referral_overdue', 'j.referral_due_on', `${inDigest('referral')} and j.referral_breach`),
    item(
      'referral_due_soon',
      'j.referral_due_on',
      `${inDigest('referral')} and j.referral_applies and not j.referral_met and not j.referral_breach and ${dueSoon('j.referral_due_on')}`,
    ),
    item('written_acknowledgement_overdue', 'j.ack_due_on', `${inDigest('writtenAcknowledgement')} and j.ack_breach`),
    item(
      'written_acknowledgement_due_soon',
      'j.ack_due_on',
      `${inDigest('writtenAcknowledgement')} and not j.ack_met and not j.ack_breach and ${dueSoon('j.ack_due_on')}`,
    ),
    item('decision_update_overdue', 'dd.due_on', `${inDigest('decisionUpdates')} and not dd.told and j.today > dd.due_on`, true),
    item(
      'decision_update_due_soon',
      'dd.due_on',
      `${inDigest('decisionUpdates')} and not dd.told and j.today <= dd.due_on and ${dueSoon('dd.due_on')}`,
      true,
    ),
  ].join('\nunion all');
}
