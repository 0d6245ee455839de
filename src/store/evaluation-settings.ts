import type { ObligationId } from '../domain/policy.js';

/** The int[] settings ($5) of the evaluation statements (evaluation-sql.ts), shared by the SQL built from them. */

/** Each duty's bit in the fully-compliant mask ($5[6]) and the digest duties' mask ($5[7]). */
export const OBLIGATION_BITS: Record<ObligationId, number> = {
  needsAssessment: 1,
  updates: 2,
  referral: 4,
  writtenAcknowledgement: 8,
  decisionUpdates: 16,
};

/** One of the int[] settings of $5, by its 1-based place. */
export const setting = (place: number) => `($5::int[])[${place}]`;
/** Whether digests list items of the duty (`digestDuties`, $5[7]). */
export const inDigest = (duty: ObligationId) => `${setting(7)} & ${OBLIGATION_BITS[duty]} <> 0`;
