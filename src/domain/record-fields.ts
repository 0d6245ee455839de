import { z } from 'zod';
import { isIsoInstant, parseIsoInstant } from './instant.js';

/** The fields and vocabularies records are made of (records-format.md): ids, text, instants, kinds. */

export const MAX_ID_LENGTH = 200;
const MAX_TEXT_LENGTH = 1000;

/** PostgreSQL cannot store the NUL character in text: refused here, where the line can be named. */
const NO_NUL = (value: string) => !value.includes('\u0000');
const NUL_MESSAGE = 'must not contain the NUL character (\\u0000): remove it from the extract';

export const id = z
  .string()
  .trim()
  .min(1, 'must not be empty')
  .max(MAX_ID_LENGTH, `must be at most ${MAX_ID_LENGTH} characters`)
  .refine(NO_NUL, NUL_MESSAGE);

export const text = z
  .string()
  .trim()
  .min(1, 'must not be empty')
  .max(MAX_TEXT_LENGTH, `must be at most ${MAX_TEXT_LENGTH} characters`)
  .refine(NO_NUL, NUL_MESSAGE);

/** True for a real calendar instant written as ISO 8601 with an offset (`Z` or `+01:00`) that the store can hold. */
export const isIsoInstantWithOffset = isIsoInstant;

/** The string is kept as sent (the store reads it with its offset); the one parser decides what is valid. */
export const instant = z.string().superRefine((value, ctx) => {
  const parsed = parseIsoInstant(value);
  if (!parsed.ok) ctx.addIssue({ code: 'custom', message: parsed.problem });
});

export const UNIT_KINDS = ['force', 'command', 'department', 'team'] as const;
export const ROLES = ['officer', 'supervisor', 'inspector', 'senior', 'admin'] as const;
export const CONTACT_KINDS = ['update', 'agreement', 'written_acknowledgement', 'decision_update'] as const;
/** The Code's key decisions (Right 6) a victim is owed an update about (records-format.md, later record types). */
export const DECISION_KINDS = [
  'arrest',
  'interview_under_caution',
  'released_on_bail',
  'released_under_investigation',
  'bail_changed',
  'charge',
  'out_of_court_disposal',
  'no_further_action',
  'not_investigated',
  'other',
] as const;
export const CONTACT_METHODS = ['phone', 'email', 'sms', 'visit', 'letter', 'other'] as const;
