import { createHash } from 'node:crypto';
import { addCalendarDays, daysBetween } from './calendar.js';
import type { DutyStatus } from './later-duties.js';
import { defaultPolicy, type ObligationId, type Policy } from './policy.js';
import type { VictimEvaluation } from './rules.js';
import type { DigestItem, DigestItemKind } from './types.js';

/** What a digest item says about the victim's case: ids and category only, never personal details. */
export interface DigestVictim {
  victimId: string;
  caseId: string;
  oicId: string;
  category: string;
  enhanced: boolean;
}

/**
 * The items a supervisor is asked to act on for one evaluated victim: each breach, and each deadline
 * that falls within `dueSoonDays` and can still be met, for the duties the policy's `digestDuties` lists
 * (compliance-rules.md "Digest items"; a decision-update item per decision). A victim outside the
 * population has none.
 */
export function digestItemsFor(
  evaluation: VictimEvaluation,
  victim: DigestVictim,
  policy: Pick<Policy, 'dueSoonDays'> & Partial<Pick<Policy, 'digestDuties'>>,
): DigestItem[] {
  if (!evaluation.inPopulation) return [];
  const { today, update, needsAssessment, later } = evaluation;
  const shown = new Set(policy.digestDuties ?? defaultPolicy.digestDuties);
  const lastDayOfWarning = addCalendarDays(today, policy.dueSoonDays);
  const isDueSoon = (dueDate: string) => today <= dueDate && dueDate <= lastDayOfWarning;
  const item = (kind: DigestItemKind, dueDate: string, daysOverdue: number, decisionId?: string): DigestItem => ({
    kind,
    caseId: victim.caseId,
    victimId: victim.victimId,
    oicId: victim.oicId,
    category: victim.category,
    dueDate,
    daysOverdue,
    enhanced: victim.enhanced,
    ...(decisionId === undefined ? {} : { decisionId }),
  });
  /** The overdue item of a duty in breach, or its due-soon item. */
  const judged = (duty: { status: DutyStatus; dueDate: string }, overdue: DigestItemKind, dueSoon: DigestItemKind, decisionId?: string) => {
    if (duty.status === 'breach') return [item(overdue, duty.dueDate, daysBetween(duty.dueDate, today), decisionId)];
    return duty.status === 'due' && isDueSoon(duty.dueDate) ? [item(dueSoon, duty.dueDate, 0, decisionId)] : [];
  };

  const items: DigestItem[] = [];
  const updates = shown.has('updates');
  const assessments = shown.has('needsAssessment');
  if (updates && update.status === 'breach') items.push(item('update_overdue', update.dueDate, update.daysOverdue));
  if (assessments && needsAssessment.status === 'breach') {
    items.push(item('needs_assessment_missing', needsAssessment.dueDate, daysBetween(needsAssessment.dueDate, today)));
  }
  if (updates && update.status === 'on_time' && isDueSoon(update.dueDate)) items.push(item('update_due_soon', update.dueDate, 0));
  if (assessments && needsAssessment.status === 'due' && isDueSoon(needsAssessment.dueDate)) {
    items.push(item('needs_assessment_due_soon', needsAssessment.dueDate, 0));
  }
  if (shown.has('referral') && later.referral) items.push(...judged(later.referral, 'referral_overdue', 'referral_due_soon'));
  if (shown.has('writtenAcknowledgement')) {
    items.push(...judged(later.writtenAcknowledgement, 'written_acknowledgement_overdue', 'written_acknowledgement_due_soon'));
  }
  if (shown.has('decisionUpdates')) {
    for (const decision of later.decisionUpdates?.decisions ?? []) {
      items.push(...judged(decision, 'decision_update_overdue', 'decision_update_due_soon', decision.decisionId));
    }
  }
  return items;
}

/** The duty an item is about (the ids of the figures contract), and whether it is a breach or due soon. */
export function kindOf(kind: DigestItemKind): { duty: ObligationId; breach: boolean } {
  switch (kind) {
    case 'update_overdue':
      return { duty: 'updates', breach: true };
    case 'update_due_soon':
      return { duty: 'updates', breach: false };
    case 'needs_assessment_missing':
      return { duty: 'needsAssessment', breach: true };
    case 'needs_assessment_due_soon':
      return { duty: 'needsAssessment', breach: false };
    case 'referral_overdue':
      return { duty: 'referral', breach: true };
    case 'referral_due_soon':
      return { duty: 'referral', breach: false };
    case 'written_acknowledgement_overdue':
      return { duty: 'writtenAcknowledgement', breach: true };
    case 'written_acknowledgement_due_soon':
      return { duty: 'writtenAcknowledgement', breach: false };
    case 'decision_update_overdue':
      return { duty: 'decisionUpdates', breach: true };
    case 'decision_update_due_soon':
      return { duty: 'decisionUpdates', breach: false };
  }
}

/** An item in breach (overdue, missing), as against one due soon. */
export function isBreachKind(kind: DigestItemKind): boolean {
  return kindOf(kind).breach;
}

/**
 * The groups a card lists items in: today's two duties together (their items interleaved, as the digest
 * always showed them), then one group per later duty.
 */
export type DigestGroup = 'updatesAndAssessments' | 'referral' | 'writtenAcknowledgement' | 'decisionUpdates';

export function digestGroupOf(kind: DigestItemKind): DigestGroup {
  const { duty } = kindOf(kind);
  return duty === 'updates' || duty === 'needsAssessment' ? 'updatesAndAssessments' : duty;
}

/**
 * Entries already most urgent first, grouped by duty: each group keeps that order, and the groups come in
 * the order of their most urgent entry. A digest of one group is left exactly as it was.
 */
export function groupByDuty<T>(entries: readonly T[], kindOfEntry: (entry: T) => DigestItemKind): T[] {
  const groups = new Map<DigestGroup, T[]>();
  for (const entry of entries) {
    const group = digestGroupOf(kindOfEntry(entry));
    const members = groups.get(group) ?? [];
    members.push(entry);
    groups.set(group, members);
  }
  return [...groups.values()].flat();
}

/**
 * Digest order: breaches before due-soon items; breaches by days overdue (most first), due-soon items
 * by due date (soonest first); enhanced victims first on ties. The final keys (case, victim, kind)
 * only make the order total, so the same data always gives the same digest.
 */
export function compareDigestItems(a: DigestItem, b: DigestItem): number {
  const aBreach = isBreachKind(a.kind);
  const bBreach = isBreachKind(b.kind);
  if (aBreach !== bBreach) return aBreach ? -1 : 1;
  const urgency = aBreach ? b.daysOverdue - a.daysOverdue : compareText(a.dueDate, b.dueDate);
  if (urgency !== 0) return urgency;
  if (a.enhanced !== b.enhanced) return a.enhanced ? -1 : 1;
  return (
    compareText(a.caseId, b.caseId) ||
    compareText(a.victimId, b.victimId) ||
    compareText(a.kind, b.kind) ||
    compareText(a.decisionId ?? '', b.decisionId ?? '')
  );
}

/** Code-unit order, not locale order: the same on every machine and in every runtime. */
function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/**
 * An opaque, stable reference to an item, for cards and acknowledgements: cards must not carry victim
 * ids. The same obligation (kind, victim, due date; and decision, for a decision update) always gets the
 * same ref, and a new deadline gets a new one, so an acknowledgement belongs to the deadline it was given
 * for. Two decisions on one day are two deadlines with the same date: the decision keeps their refs apart.
 */
export function itemRef(item: Pick<DigestItem, 'kind' | 'victimId' | 'dueDate' | 'decisionId'>): string {
  // JSON of an array keeps the fields apart: no victim id can be read as a different split of the others.
  // Items of no decision keep the three fields their refs have always been made of.
  const base = [item.kind, item.victimId, item.dueDate];
  const fields = JSON.stringify(item.decisionId === undefined ? base : [...base, item.decisionId]);
  return createHash('sha256').update(fields).digest('base64url').slice(0, 16);
}
