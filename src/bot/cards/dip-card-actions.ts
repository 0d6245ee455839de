import { z } from 'zod';
import type { ActionDataResult } from './digest-card-actions.js';

/**
 * What the dip-sample cards' buttons send back. Only the shape is checked here: whether the case is in a
 * stored sample and whether the person may audit it are decided on the server, never from this.
 */

const month = z.string().regex(/^\d{4}-\d{2}$/);
// No id holds a NUL (imports refuse it, and the store cannot hold it): a forged one is refused here.
const id = z
  .string()
  .min(1)
  .max(200)
  .refine((value) => !value.includes('\u0000'));
const sampleAction = z.object({ unitId: id, period: month }).passthrough();
const caseAction = sampleAction.extend({ caseId: id, submit: z.boolean().optional() }).passthrough();

const ANSWERS = new Set(['yes', 'no', 'na']);
const ANSWER_PREFIX = 'dipAnswer.';
const NOTE_PREFIX = 'dipNote.';

export interface DipAuditActionData {
  ref: { unitId: string; period: string; caseId: string };
  submit: boolean;
  /** Per question the card sent: the answer chosen (absent when none is), the note (null when emptied). */
  changes: { questionId: string; answer?: 'yes' | 'no' | 'na'; note?: string | null }[];
}

/** Verb `openDipSample`: a unit's sample for a month. */
export function readDipSampleAction(data: unknown): ActionDataResult<{ unitId: string; period: string }> {
  const parsed = sampleAction.safeParse(data);
  if (!parsed.success) return { ok: false, problem: 'This button does not say which sample it opens; say "dip sample" for yours.' };
  return { ok: true, value: { unitId: parsed.data.unitId, period: parsed.data.period } };
}

/** Verbs `openDipAudit` and `saveDipAudit`: the case, and for a save the card's answers and notes. */
export function readDipAuditAction(data: unknown): ActionDataResult<DipAuditActionData> {
  const parsed = caseAction.safeParse(data);
  if (!parsed.success)
    return { ok: false, problem: 'This button does not say which sampled case it is about; say "dip sample" for yours.' };
  const byQuestion = new Map<string, DipAuditActionData['changes'][number]>();
  const entry = (questionId: string) => {
    const found = byQuestion.get(questionId) ?? { questionId };
    byQuestion.set(questionId, found);
    return found;
  };
  for (const [key, value] of Object.entries(parsed.data)) {
    if (typeof value !== 'string') continue;
    if (key.startsWith(ANSWER_PREFIX)) {
      const answer = value.trim().toLowerCase();
      if (answer === '') continue;
      if (!ANSWERS.has(answer)) return { ok: false, problem: 'An answer must be Yes, No or Not applicable: choose one and save again.' };
      entry(key.slice(ANSWER_PREFIX.length)).answer = answer as 'yes' | 'no' | 'na';
    } else if (key.startsWith(NOTE_PREFIX)) {
      const note = value.trim();
      entry(key.slice(NOTE_PREFIX.length)).note = note === '' ? null : note;
    }
  }
  const { unitId, period, caseId, submit } = parsed.data;
  return { ok: true, value: { ref: { unitId, period, caseId }, submit: submit === true, changes: [...byQuestion.values()] } };
}
