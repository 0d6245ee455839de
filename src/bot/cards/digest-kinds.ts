import { type DigestGroup, digestGroupOf } from '../../domain/digest.js';
import type { PromiseDuty } from '../../domain/promises.js';
import type { DigestItemKind } from '../../domain/types.js';

/** How a digest card names each kind of item, its duty and its group (compliance-rules.md "Digest items"). */
export const KIND_LABELS: Record<DigestItemKind, string> = {
  update_overdue: 'Update overdue',
  needs_assessment_missing: 'Needs assessment missing',
  update_due_soon: 'Update due soon',
  needs_assessment_due_soon: 'Needs assessment due soon',
  referral_overdue: 'Referral overdue',
  referral_due_soon: 'Referral due soon',
  written_acknowledgement_overdue: 'Written acknowledgement overdue',
  written_acknowledgement_due_soon: 'Written acknowledgement due soon',
  decision_update_overdue: 'Key decision not told',
  decision_update_due_soon: 'Key decision to tell soon',
};

/** What a planned date is for, in "… planned by Fri 27 Nov". */
export const DUTY_WORDS: Record<PromiseDuty, string> = {
  update: 'update',
  needs_assessment: 'needs assessment',
  referral: 'referral',
  written_acknowledgement: 'written acknowledgement',
  decision_update: 'decision update',
};

const GROUP_HEADINGS: Record<DigestGroup, string> = {
  updatesAndAssessments: 'Updates and needs assessments',
  referral: 'Referrals to support services',
  writtenAcknowledgement: 'Written acknowledgements',
  decisionUpdates: 'Key decisions told',
};

/**
 * The heading each shown item opens, if any: the first item of a group on the page opens it. A digest of
 * one group has no headings (the card looks as it always did); a group carried over from the previous page
 * is named again at the top, so every page says what it lists.
 */
export function groupHeadings(all: readonly { kind: DigestItemKind }[], shown: readonly { kind: DigestItemKind }[]): (string | null)[] {
  const sizes = new Map<DigestGroup, number>();
  for (const item of all) sizes.set(digestGroupOf(item.kind), (sizes.get(digestGroupOf(item.kind)) ?? 0) + 1);
  if (sizes.size < 2) return shown.map(() => null);
  return shown.map((item, index) => {
    const group = digestGroupOf(item.kind);
    const previous = shown[index - 1];
    if (previous !== undefined && digestGroupOf(previous.kind) === group) return null;
    return `${GROUP_HEADINGS[group]} (${sizes.get(group) ?? 0})`;
  });
}
