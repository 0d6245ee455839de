import { OBLIGATION_IDS, type ObligationId, type Policy } from './policy.js';
import type { Ratio } from './types.js';

/**
 * The obligations of compliance-rules.md as the policy sets them: what starts each, when it falls due, what
 * fulfils it, what suspends it, and whether it counts towards "fully compliant". The numbers and the
 * fully-compliant set come from the policy file; the evaluation (rules.ts, src/store/evaluation-sql.ts)
 * judges each by its id.
 */
export interface Obligation {
  id: ObligationId;
  label: string;
  start: 'case_recorded' | 'last_update' | 'decision';
  due: {
    days: number;
    kind: 'working' | 'calendar';
    /** For a victim with Enhanced Rights, where the Code sets a shorter time. */
    enhancedDays: number | null;
    /** The victim's agreed frequency (from a completed needs assessment) replaces `days`. */
    agreedFrequency: boolean;
  };
  fulfilledBy: 'needs_assessment_completed' | 'contact_update' | 'referred' | 'contact_written_acknowledgement' | 'contact_decision_update';
  suspendedBy: 'contact_agreement' | null;
  /** Victims it applies to: all of the population, or only those who asked for a referral. */
  appliesTo: 'all' | 'referral_wanted' | 'each_decision';
  countsTowardsFullyCompliant: boolean;
}

export function obligationsOf(policy: Policy): Obligation[] {
  const counts = (id: ObligationId) => policy.fullyCompliant.includes(id);
  const working = (days: number, enhancedDays: number | null = null) => ({
    days,
    kind: 'working' as const,
    enhancedDays,
    agreedFrequency: false,
  });
  const all: Record<ObligationId, Omit<Obligation, 'id' | 'countsTowardsFullyCompliant'>> = {
    needsAssessment: {
      label: 'Needs assessment',
      start: 'case_recorded',
      due: working(policy.needsAssessmentWorkingDays),
      fulfilledBy: 'needs_assessment_completed',
      suspendedBy: null,
      appliesTo: 'all',
    },
    updates: {
      label: 'Victim updates',
      start: 'last_update',
      due: { days: policy.updateIntervalDays, kind: 'calendar', enhancedDays: null, agreedFrequency: true },
      fulfilledBy: 'contact_update',
      suspendedBy: 'contact_agreement',
      appliesTo: 'all',
    },
    referral: {
      label: 'Referral to support services',
      start: 'case_recorded',
      due: working(policy.referralWorkingDays),
      fulfilledBy: 'referred',
      suspendedBy: null,
      appliesTo: 'referral_wanted',
    },
    writtenAcknowledgement: {
      label: 'Written acknowledgement',
      start: 'case_recorded',
      due: working(policy.writtenAcknowledgementWorkingDays),
      fulfilledBy: 'contact_written_acknowledgement',
      suspendedBy: null,
      appliesTo: 'all',
    },
    decisionUpdates: {
      label: 'Key decisions told',
      start: 'decision',
      due: working(policy.decisionUpdateWorkingDays, policy.decisionUpdateWorkingDaysEnhanced),
      fulfilledBy: 'contact_decision_update',
      suspendedBy: null,
      appliesTo: 'each_decision',
    },
  };
  return OBLIGATION_IDS.map((id) => ({ id, ...all[id], countsTowardsFullyCompliant: counts(id) }));
}

/** The `obligations` of the figures contract (product.md): per duty, over the victims it applies to at t. */
export type ObligationFigures = Record<ObligationId, Ratio>;
