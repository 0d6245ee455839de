import { addCalendarDays, daysBetween, localDateOf, type WorkingDays } from './calendar.js';
import { evaluateLaterDuties, type LaterDuties, type LaterDutiesPolicy, type LaterFacts } from './later-duties.js';
import { defaultPolicy, type ObligationId, type Policy } from './policy.js';
import type { ContactKind, LocalDate } from './types.js';

/**
 * The reference evaluation of compliance-rules.md for one victim at an instant t. The store evaluates
 * whole subtrees in SQL (src/store/evaluation-sql.ts); a test checks both agree, so any change to the
 * rules is made in both places.
 */

export interface VictimFacts {
  victimId: string;
  caseId: string;
  enhanced: boolean;
  recordedAt: Date;
  closedAt: Date | null;
  needsAssessment:
    | ({ completedAt: Date | null; updateFrequencyDays: number | null } & Pick<
        NonNullable<LaterFacts['needsAssessment']>,
        'referralWanted' | 'referredAt'
      >)
    | null;
  contacts: LaterFacts['contacts'];
  decisions?: LaterFacts['decisions'];
}

export interface VictimEvaluation {
  inPopulation: boolean;
  today: LocalDate;
  needsAssessment: { status: 'met' | 'due' | 'breach'; dueDate: LocalDate };
  update: {
    status: 'on_time' | 'breach' | 'suspended';
    intervalDays: number;
    lastContactDate: LocalDate;
    dueDate: LocalDate;
    daysOverdue: number;
  };
  /** The later duties (compliance-rules.md 4-6); null where a duty does not apply to the victim at t. */
  later: LaterDuties;
  /** None of the policy's fully-compliant duties (default: needs assessment and updates) in breach. */
  fullyCompliant: boolean;
}

type RulesPolicy = Pick<Policy, 'timeZone' | 'needsAssessmentWorkingDays' | 'updateIntervalDays'> &
  LaterDutiesPolicy &
  Partial<Pick<Policy, 'fullyCompliant'>>;

export function evaluateVictim(facts: VictimFacts, at: Date, policy: RulesPolicy, calendar: WorkingDays): VictimEvaluation {
  const t = at.getTime();
  const today = localDateOf(at, policy.timeZone);
  const needsAssessment = evaluateNeedsAssessment(facts, t, today, policy, calendar);
  const update = evaluateUpdate(facts, t, today, policy);
  const later = evaluateLaterDuties(facts, at, policy, calendar);
  const breached: Record<ObligationId, boolean> = {
    needsAssessment: needsAssessment.status === 'breach',
    updates: update.status === 'breach',
    referral: later.referral?.status === 'breach',
    writtenAcknowledgement: later.writtenAcknowledgement.status === 'breach',
    decisionUpdates: later.decisionUpdates?.status === 'breach',
  };
  const fullyCompliant = (policy.fullyCompliant ?? defaultPolicy.fullyCompliant).every((id) => !breached[id]);
  return { inPopulation: isLiveAt(facts, t), today, needsAssessment, update, later, fullyCompliant };
}

/** Recorded at or before t and not closed at t: a case closed exactly at t is no longer live. */
function isLiveAt(facts: VictimFacts, t: number): boolean {
  return facts.recordedAt.getTime() <= t && (facts.closedAt === null || facts.closedAt.getTime() > t);
}

function evaluateNeedsAssessment(
  facts: VictimFacts,
  t: number,
  today: LocalDate,
  policy: RulesPolicy,
  calendar: WorkingDays,
): VictimEvaluation['needsAssessment'] {
  const dueDate = calendar.addWorkingDays(localDateOf(facts.recordedAt, policy.timeZone), policy.needsAssessmentWorkingDays);
  if (completedBy(facts.needsAssessment, t)) return { status: 'met', dueDate };
  return { status: today > dueDate ? 'breach' : 'due', dueDate };
}

function completedBy(needsAssessment: VictimFacts['needsAssessment'], t: number): boolean {
  return needsAssessment?.completedAt != null && needsAssessment.completedAt.getTime() <= t;
}

function evaluateUpdate(facts: VictimFacts, t: number, today: LocalDate, policy: RulesPolicy): VictimEvaluation['update'] {
  const intervalDays = agreedFrequencyAt(facts.needsAssessment, t) ?? policy.updateIntervalDays;
  // A decision_update tells the victim of the investigation too: it counts as an update (records-format.md).
  const lastContactAt = latestAtOrBefore(facts.contacts, ['update', 'decision_update'], t) ?? facts.recordedAt.getTime();
  const lastContactDate = localDateOf(new Date(lastContactAt), policy.timeZone);
  const dueDate = addCalendarDays(lastContactDate, intervalDays);
  const latestAgreement = latestAtOrBefore(facts.contacts, ['agreement'], t);
  if (latestAgreement !== null && latestAgreement > lastContactAt) {
    return { status: 'suspended', intervalDays, lastContactDate, dueDate, daysOverdue: 0 };
  }
  const daysOverdue = Math.max(0, daysBetween(dueDate, today));
  return { status: daysOverdue > 0 ? 'breach' : 'on_time', intervalDays, lastContactDate, dueDate, daysOverdue };
}

/**
 * The victim's agreed update frequency counts only once the needs assessment that records it was
 * completed at or before t. The agreement is made during the assessment; before that nothing was
 * agreed, and using a later assessment's answer would let figures "as at t" change with data from
 * after t (a month's published figure must not move when the assessment is completed next month).
 */
function agreedFrequencyAt(needsAssessment: VictimFacts['needsAssessment'], t: number): number | null {
  return completedBy(needsAssessment, t) ? (needsAssessment?.updateFrequencyDays ?? null) : null;
}

/** Epoch milliseconds of the latest contact of one of `kinds` at or before t, or null when there is none. */
function latestAtOrBefore(contacts: VictimFacts['contacts'], kinds: readonly ContactKind[], t: number): number | null {
  let latest: number | null = null;
  for (const contact of contacts) {
    const at = contact.at.getTime();
    if (kinds.includes(contact.kind) && at <= t && (latest === null || at > latest)) latest = at;
  }
  return latest;
}
