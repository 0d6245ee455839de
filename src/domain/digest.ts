import { createHash } from 'node:crypto';
import { addCalendarDays, daysBetween } from './calendar.js';
import type { Policy } from './policy.js';
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
 * that falls within `dueSoonDays` and can still be met. A victim outside the population has none.
 */
export function digestItemsFor(evaluation: VictimEvaluation, victim: DigestVictim, policy: Pick<Policy, 'dueSoonDays'>): DigestItem[] {
  if (!evaluation.inPopulation) return [];
  const { today, update, needsAssessment } = evaluation;
  const lastDayOfWarning = addCalendarDays(today, policy.dueSoonDays);
  const isDueSoon = (dueDate: string) => today <= dueDate && dueDate <= lastDayOfWarning;
  const item = (kind: DigestItemKind, dueDate: string, daysOverdue: number): DigestItem => ({
    kind,
    caseId: victim.caseId,
    victimId: victim.victimId,
    oicId: victim.oicId,
    category: victim.category,
    dueDate,
    daysOverdue,
    enhanced: victim.enhanced,
  });

  const items: DigestItem[] = [];
  if (update.status === 'breach') items.push(item('update_overdue', update.dueDate, update.daysOverdue));
  if (needsAssessment.status === 'breach') {
    items.push(item('needs_assessment_missing', needsAssessment.dueDate, daysBetween(needsAssessment.dueDate, today)));
  }
  if (update.status === 'on_time' && isDueSoon(update.dueDate)) items.push(item('update_due_soon', update.dueDate, 0));
  if (needsAssessment.status === 'due' && isDueSoon(needsAssessment.dueDate)) {
    items.push(item('needs_assessment_due_soon', needsAssessment.dueDate, 0));
  }
  return items;
}

const BREACH_KINDS: ReadonlySet<DigestItemKind> = new Set(['update_overdue', 'needs_assessment_missing']);

/** An item in breach (overdue, missing), as against one due soon. */
export function isBreachKind(kind: DigestItemKind): boolean {
  return BREACH_KINDS.has(kind);
}

/**
 * Digest order: breaches before due-soon items; breaches by days overdue (most first), due-soon items
 * by due date (soonest first); enhanced victims first on ties. The final keys (case, victim, kind)
 * only make the order total, so the same data always gives the same digest.
 */
export function compareDigestItems(a: DigestItem, b: DigestItem): number {
  const aBreach = BREACH_KINDS.has(a.kind);
  const bBreach = BREACH_KINDS.has(b.kind);
  if (aBreach !== bBreach) return aBreach ? -1 : 1;
  const urgency = aBreach ? b.daysOverdue - a.daysOverdue : compareText(a.dueDate, b.dueDate);
  if (urgency !== 0) return urgency;
  if (a.enhanced !== b.enhanced) return a.enhanced ? -1 : 1;
  return compareText(a.caseId, b.caseId) || compareText(a.victimId, b.victimId) || compareText(a.kind, b.kind);
}

/** Code-unit order, not locale order: the same on every machine and in every runtime. */
function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/**
 * An opaque, stable reference to an item, for cards and acknowledgements: cards must not carry victim
 * ids. The same obligation (kind, victim, due date) always gets the same ref, and a new deadline gets a
 * new one, so an acknowledgement belongs to the deadline it was given for.
 */
export function itemRef(item: Pick<DigestItem, 'kind' | 'victimId' | 'dueDate'>): string {
  // JSON of an array keeps the fields apart: no victim id can be read as a different split of the others.
  const fields = JSON.stringify([item.kind, item.victimId, item.dueDate]);
  return createHash('sha256').update(fields).digest('base64url').slice(0, 16);
}
