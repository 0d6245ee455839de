import { z } from 'zod';
import { dipPolicyProblems, dipPolicyShape } from './dip-policy.js';

/**
 * A force's compliance policy (compliance-rules.md). Every number in the rules is a default here, not a
 * constant in code: where the spec and a force's policy file differ, the file wins.
 */

/** Zone names only (Europe/London, UTC): Intl also accepts offsets such as `+01:00`, which know nothing of DST. */
const IANA_ZONE_NAME = /^[A-Za-z][A-Za-z0-9_+-]*(?:\/[A-Za-z0-9_+-]+)*$/;

function isIanaTimeZone(value: string): boolean {
  if (!IANA_ZONE_NAME.test(value)) return false;
  try {
    new Intl.DateTimeFormat('en-GB', { timeZone: value });
    return true;
  } catch (error) {
    if (error instanceof RangeError) return false;
    throw error;
  }
}

/** The duties the records can show (compliance-rules.md), by the ids of the figures contract (product.md). */
export const OBLIGATION_IDS = ['needsAssessment', 'updates', 'referral', 'writtenAcknowledgement', 'decisionUpdates'] as const;
export type ObligationId = (typeof OBLIGATION_IDS)[number];

const days = (what: string) =>
  z
    .number({ invalid_type_error: `must be a number of days (${what})` })
    .int('must be a whole number of days')
    .min(0, 'must be 0 or more days')
    .max(366, 'must be at most 366 days');

const percentage = (what: string) =>
  z
    .number({ invalid_type_error: `must be a percentage from 0 to 100 (${what})` })
    .min(0, 'must be a percentage from 0 to 100')
    .max(100, 'must be a percentage from 0 to 100');

/** A list of obligation ids, each named once (`fullyCompliant`, `digestDuties`). */
const obligationList = (example: string) =>
  z
    .array(z.enum(OBLIGATION_IDS, { errorMap: () => ({ message: `must list obligation ids: ${OBLIGATION_IDS.join(', ')}` }) }), {
      invalid_type_error: `must be a list of obligation ids, e.g. ${example} (from ${OBLIGATION_IDS.join(', ')})`,
    })
    .min(1, 'must name at least one obligation')
    .refine((ids) => new Set(ids).size === ids.length, 'must name each obligation once');

export const policySchema = z
  .object({
    timeZone: z
      .string({ invalid_type_error: 'must be an IANA time zone name, e.g. Europe/London' })
      .refine(isIanaTimeZone, { message: 'must be an IANA time zone name, e.g. Europe/London' })
      .default('Europe/London'),
    needsAssessmentWorkingDays: days('working days from recording to the needs assessment deadline, e.g. 2').default(2),
    updateIntervalDays: days('calendar days between victim updates when none was agreed, e.g. 28').default(28),
    dueSoonDays: days('how many days ahead the digest warns of a deadline, e.g. 3').default(3),
    targetRate: percentage('the GREEN threshold, e.g. 90').default(90.0),
    amberMargin: percentage('how far below target is still AMBER, e.g. 5').default(5.0),
    // How far ahead an acknowledgement's planned date may be ("update planned by Fri 27 Nov"), in calendar
    // days from the local date it is given on: 28 days, the default update interval, so a promise is due
    // before the next update would be. 0 allows today only. A date in the past is never accepted.
    plannedDateMaxDays: days('how many days ahead an acknowledgement may plan, e.g. 28').default(28),
    // What a bare "Q1" means in a question: the calendar year's (January-March), or the police financial
    // year's (April-June). "Q1 2026/27" always says the financial year.
    quarters: z
      .enum(['calendar', 'financial'], { errorMap: () => ({ message: 'must be "calendar" or "financial" (April-March)' }) })
      .default('calendar'),
    // The later duties of compliance-rules.md (each measured; off "fully compliant" unless listed there).
    referralWorkingDays: days('working days from recording to the referral to support services, e.g. 2').default(2),
    writtenAcknowledgementWorkingDays: days('working days from recording to the written acknowledgement, e.g. 1').default(1),
    decisionUpdateWorkingDays: days('working days from a key decision to telling the victim, e.g. 5').default(5),
    decisionUpdateWorkingDaysEnhanced: days('the same for a victim with Enhanced Rights, e.g. 1').default(1),
    // Which duties "fully compliant" needs none of in breach: Leicestershire's two by default.
    fullyCompliant: obligationList('["needsAssessment", "updates"]').default(['needsAssessment', 'updates']),
    // Which duties a digest lists items for (overdue and due soon): the two of today's digest by default.
    digestDuties: obligationList('["needsAssessment", "updates", "referral"]').default(['needsAssessment', 'updates']),
    // The dip-sample audit (issue 16): src/domain/dip-policy.ts.
    ...dipPolicyShape,
  })
  .strict();

export type Policy = z.output<typeof policySchema>;

export const defaultPolicy: Policy = Object.freeze(policySchema.parse({}));

export class PolicyError extends Error {
  constructor(readonly problems: string[]) {
    super(`The policy is not valid:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'PolicyError';
  }
}

const KNOWN_KEYS = Object.keys(policySchema.shape).join(', ');

/** Every missing key takes the spec's default; every problem is reported at once, each naming its key. */
export function parsePolicy(json: unknown): Policy {
  if (typeof json !== 'object' || json === null || Array.isArray(json)) {
    throw new PolicyError([`the policy must be a JSON object such as {"updateIntervalDays": 28} (known keys: ${KNOWN_KEYS})`]);
  }
  const parsed = policySchema.safeParse(json);
  if (parsed.success) {
    const problems = dipPolicyProblems(parsed.data);
    if (problems.length > 0) throw new PolicyError(problems);
    return parsed.data;
  }
  const problems = parsed.error.issues.flatMap((issue) => {
    if (issue.code === 'unrecognized_keys') {
      return issue.keys.map((key) => `${key}: is not a policy setting; remove it or correct the spelling (known keys: ${KNOWN_KEYS})`);
    }
    const key = issue.path.join('.');
    const got = (json as Record<string, unknown>)[String(issue.path[0])];
    return [`${key}: ${issue.message} (got ${JSON.stringify(got)})`];
  });
  throw new PolicyError(problems);
}
