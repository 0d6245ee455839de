import type { ObligationId } from '../domain/policy.js';
import type { LocalDate } from '../domain/types.js';
import type { VictimDutyRow } from '../store/dip-audit-store.js';

export type DutyState = 'met' | 'due' | 'breach' | 'suspended' | 'not_applicable';

/** One duty of one victim as the records judge it; `dueOn` where it has a deadline. */
export interface DutyView {
  obligation: ObligationId;
  state: DutyState;
  dueOn: LocalDate | null;
}

/** What the data says about a sampled case, victim by victim (no victim details: the order and the Enhanced flag only). */
export interface CaseDuties {
  /** The instant the case was judged at: the draw, or just before it closed. */
  at: Date;
  victims: { enhanced: boolean; fullyCompliant: boolean; duties: DutyView[] }[];
  /** None of the policy's fully-compliant duties in breach for any victim; null when the case has no victim live then. */
  fullyCompliant: boolean | null;
}

const state = (met: boolean | null, breach: boolean): DutyState => (breach ? 'breach' : met ? 'met' : 'due');

export function dutiesOf(rows: readonly VictimDutyRow[], at: Date): CaseDuties {
  const victims = rows.map((row) => ({
    enhanced: row.enhanced,
    fullyCompliant: !row.full_breach,
    duties: [
      { obligation: 'needsAssessment' as const, state: state(row.na_met, row.na_breach), dueOn: row.na_due_on },
      {
        obligation: 'updates' as const,
        state: row.update_suspended ? ('suspended' as const) : row.update_breach ? ('breach' as const) : ('met' as const),
        dueOn: row.update_suspended ? null : row.update_due_on,
      },
      {
        obligation: 'referral' as const,
        state: row.referral_applies ? state(row.referral_met, row.referral_breach) : ('not_applicable' as const),
        dueOn: null,
      },
      { obligation: 'writtenAcknowledgement' as const, state: state(row.ack_met, row.ack_breach), dueOn: row.ack_due_on },
      {
        obligation: 'decisionUpdates' as const,
        state: !row.decision_applies
          ? ('not_applicable' as const)
          : row.decision_breach
            ? ('breach' as const)
            : row.decision_due_on === null
              ? ('met' as const)
              : ('due' as const),
        dueOn: row.decision_due_on,
      },
    ],
  }));
  return { at, victims, fullyCompliant: victims.length === 0 ? null : victims.every((v) => v.fullyCompliant) };
}
