import { z } from 'zod';

/**
 * The dip-sample audit's policy keys (issue 16): how many cases an inspector reads per unit and month,
 * at which unit level, across which categories, how long before a case may be drawn again, on which
 * working day of the month the sample is drawn, and the questions each case is read against.
 */

/** West Midlands' nine questions (issue 16); a force lists its own in `dipQuestions`. */
export const DEFAULT_DIP_QUESTIONS: readonly DipQuestion[] = Object.freeze([
  { id: 'codeCompliant', text: 'Was the case Code compliant?' },
  { id: 'goodService', text: 'Was the service to the victim good?' },
  { id: 'writtenAcknowledgement', text: 'Was the victim given a written acknowledgement?' },
  { id: 'assessedAndReferred', text: 'Were the needs assessed, and the victim referred, within 2 days?' },
  {
    id: 'updates',
    text: 'Were updates given within 5 working days (1 for an enhanced victim), and were they of good quality?',
  },
  { id: 'toldOfEnd', text: 'Was the victim told of the end of the case?' },
  { id: 'vpsTaken', text: 'Was a Victim Personal Statement (VPS) offered and taken?' },
  { id: 'vpsUsed', text: 'Was the VPS used?' },
  { id: 'toldOutcome', text: 'Was the victim told the outcome?' },
]);

export interface DipQuestion {
  /** Letters, digits, `_` and `-`: it names the card's inputs and the stored answers. */
  id: string;
  text: string;
}

/** The unit kinds a sample may be drawn for (a command's sample is then its teams' samples, and so on). */
export const DIP_UNIT_LEVELS = ['team', 'department', 'command'] as const;
export type DipUnitLevel = (typeof DIP_UNIT_LEVELS)[number];

const wholeNumber = (what: string, min: number, max: number) =>
  z
    .number({ invalid_type_error: `must be a whole number from ${min} to ${max} (${what})` })
    .int(`must be a whole number from ${min} to ${max}`)
    .min(min, `must be a whole number from ${min} to ${max}`)
    .max(max, `must be a whole number from ${min} to ${max}`);

const question = z
  .object(
    {
      id: z
        .string({ invalid_type_error: 'must be a short id of letters, digits, _ or -, e.g. "vpsTaken"' })
        .regex(/^[A-Za-z][A-Za-z0-9_-]{0,39}$/, 'must be a short id of letters, digits, _ or -, e.g. "vpsTaken" (up to 40)'),
      text: z
        .string({ invalid_type_error: 'must be the question as the inspector reads it' })
        .trim()
        .min(1, 'must be the question as the inspector reads it')
        .max(300, 'must be at most 300 characters'),
    },
    { invalid_type_error: 'must be {"id": "...", "text": "..."}' },
  )
  .strict();

export const dipPolicyShape = {
  /** Cases per unit per month: Leicestershire's inspectors read 10 per team; at most 25, so one team's cases fit one card. */
  dipSampleSize: wholeNumber('cases drawn per unit per month, e.g. 10', 1, 25).default(10),
  dipSampleUnitLevel: z
    .enum(DIP_UNIT_LEVELS, { errorMap: () => ({ message: `must be one of ${DIP_UNIT_LEVELS.join(', ')}` }) })
    .default('team'),
  /** The strata: these categories only, drawn in turn; empty (the default) = every category the cases carry. */
  dipSampleCategories: z
    .array(z.string({ invalid_type_error: 'must be a category name' }).trim().min(1, 'must not be empty'), {
      invalid_type_error: 'must be a list of categories, e.g. ["RASSO", "domestic abuse"] ([] for every category)',
    })
    .refine((names) => new Set(names.map((name) => name.toLowerCase())).size === names.length, 'must name each category once')
    .default([]),
  /** A case drawn in a month is not drawn again for this many months before or after it. */
  dipSampleLookBackMonths: wholeNumber('months before a case may be drawn again, e.g. 12', 0, 60).default(12),
  /** The sample is drawn at the start of this working day of the month (1: the first working day). */
  dipSampleDrawWorkingDay: wholeNumber('the working day of the month the sample is drawn on, e.g. 1', 1, 15).default(1),
  /** The month's audits are due by this working day of the month: an inspector with audits left is reminded that day. */
  dipAuditReminderWorkingDay: wholeNumber('the working day of the month the audits are due by, e.g. 15', 2, 18).default(15),
  /**
   * After this working day of the month the month's unfinished audits are overdue, shown to the senior lead:
   * "last" (the default: the month's audits are the month's, so they are overdue from the next month) or 2 to 18.
   */
  dipAuditOverdueWorkingDay: z
    .union([z.literal('last'), z.number().int().min(2).max(18)], {
      errorMap: () => ({ message: 'must be "last" (the last working day of the month) or a whole number from 2 to 18' }),
    })
    .default('last'),
  /** Closed cases are drawn too when they closed this many days or fewer before the draw. */
  dipSampleClosedWithinDays: wholeNumber('days a closed case stays in the pool, e.g. 31', 0, 366).default(31),
  dipQuestions: z
    .array(question, { invalid_type_error: 'must be a list of {"id", "text"} questions' })
    .min(1, 'must list at least one question')
    .max(30, 'must list at most 30 questions')
    .refine((list) => new Set(list.map((q) => q.id)).size === list.length, 'must give each question its own id')
    .default(DEFAULT_DIP_QUESTIONS.map((q) => ({ ...q }))),
};

/** The checks across the dip keys (each key alone is checked by its schema), each naming the key to change. */
export function dipPolicyProblems(policy: {
  dipSampleDrawWorkingDay: number;
  dipAuditReminderWorkingDay: number;
  dipAuditOverdueWorkingDay: number | 'last';
}): string[] {
  const problems: string[] = [];
  if (policy.dipAuditReminderWorkingDay <= policy.dipSampleDrawWorkingDay) {
    problems.push(
      `dipAuditReminderWorkingDay: must be after the draw day (dipSampleDrawWorkingDay ${policy.dipSampleDrawWorkingDay}) ` +
        `(got ${policy.dipAuditReminderWorkingDay})`,
    );
  }
  const overdue = policy.dipAuditOverdueWorkingDay;
  if (overdue !== 'last' && overdue < policy.dipAuditReminderWorkingDay) {
    problems.push(
      `dipAuditOverdueWorkingDay: must be on or after the reminder day (dipAuditReminderWorkingDay ` +
        `${policy.dipAuditReminderWorkingDay}), or "last" (got ${overdue})`,
    );
  }
  return problems;
}
