import { localDateOf, type WorkingDays } from './calendar.js';
import { defaultPolicy, type Policy } from './policy.js';
import type { ContactKind, LocalDate } from './types.js';

/**
 * The later duties of compliance-rules.md (4-6) for one victim at an instant t: the reference the set-based
 * SQL (src/store/evaluation-sql.ts) is checked against.
 */

export interface LaterFacts {
  enhanced: boolean;
  recordedAt: Date;
  needsAssessment: { completedAt: Date | null; referralWanted?: boolean | null; referredAt?: Date | null } | null;
  contacts: ReadonlyArray<{ at: Date; kind: ContactKind; decisionId?: string | null }>;
  /** The key decisions on the victim's case. */
  decisions?: ReadonlyArray<{ id: string; at: Date }>;
}

export type DutyStatus = 'met' | 'due' | 'breach';

export interface LaterDuties {
  /** Null when the duty does not apply (no completed needs assessment recording `referralWanted: true`). */
  referral: { status: DutyStatus; dueDate: LocalDate } | null;
  writtenAcknowledgement: { status: DutyStatus; dueDate: LocalDate };
  /** Null when no decision on the case was made at or before t. */
  decisionUpdates: { status: DutyStatus; decisions: { decisionId: string; status: DutyStatus; dueDate: LocalDate }[] } | null;
}

export type LaterDutiesPolicy = Partial<
  Pick<
    Policy,
    'referralWorkingDays' | 'writtenAcknowledgementWorkingDays' | 'decisionUpdateWorkingDays' | 'decisionUpdateWorkingDaysEnhanced'
  >
> &
  Pick<Policy, 'timeZone'>;

export function evaluateLaterDuties(facts: LaterFacts, at: Date, policy: LaterDutiesPolicy, calendar: WorkingDays): LaterDuties {
  const t = at.getTime();
  const today = localDateOf(at, policy.timeZone);
  const recordedOn = localDateOf(facts.recordedAt, policy.timeZone);
  const judge = (met: boolean, dueDate: LocalDate) => ({ status: statusOf(met, dueDate, today), dueDate });

  const na = facts.needsAssessment;
  const referralApplies = na?.completedAt != null && na.completedAt.getTime() <= t && na.referralWanted === true;
  const referral = referralApplies
    ? judge(
        na?.referredAt != null && na.referredAt.getTime() <= t,
        calendar.addWorkingDays(recordedOn, policy.referralWorkingDays ?? defaultPolicy.referralWorkingDays),
      )
    : null;

  const acknowledged = facts.contacts.some((c) => c.kind === 'written_acknowledgement' && c.at.getTime() <= t);
  const ackDays = policy.writtenAcknowledgementWorkingDays ?? defaultPolicy.writtenAcknowledgementWorkingDays;
  const writtenAcknowledgement = judge(acknowledged, calendar.addWorkingDays(recordedOn, ackDays));

  const decisionDays = facts.enhanced
    ? (policy.decisionUpdateWorkingDaysEnhanced ?? defaultPolicy.decisionUpdateWorkingDaysEnhanced)
    : (policy.decisionUpdateWorkingDays ?? defaultPolicy.decisionUpdateWorkingDays);
  const decisions = (facts.decisions ?? [])
    .filter((d) => d.at.getTime() <= t)
    .map((d) => {
      const told = facts.contacts.some((c) => c.kind === 'decision_update' && c.decisionId === d.id && c.at.getTime() <= t);
      return { decisionId: d.id, ...judge(told, calendar.addWorkingDays(localDateOf(d.at, policy.timeZone), decisionDays)) };
    });
  const decisionUpdates = decisions.length === 0 ? null : { status: worstOf(decisions.map((d) => d.status)), decisions };
  return { referral, writtenAcknowledgement, decisionUpdates };
}

function statusOf(met: boolean, dueDate: LocalDate, today: LocalDate): DutyStatus {
  if (met) return 'met';
  return today > dueDate ? 'breach' : 'due';
}

/** A victim is in breach of the duty if any of their decisions is; else due if any is still owed. */
function worstOf(statuses: readonly DutyStatus[]): DutyStatus {
  if (statuses.includes('breach')) return 'breach';
  return statuses.includes('due') ? 'due' : 'met';
}
