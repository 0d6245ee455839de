import { z } from 'zod';
import { digestInputIds } from './digest-card.js';

/**
 * Reads what the digest card's buttons send back (`activity.value.action.data` of an
 * `adaptiveCard/action` invoke: the button's data merged with the card's inputs). Only the shape is
 * checked here; whether the person may act is decided on the server from their role, never from this.
 */

export type ActionDataResult<T> = { ok: true; value: T } | { ok: false; problem: string };

const itemAction = z.object({ itemRef: z.string().min(1), digestId: z.string().min(1).optional() }).passthrough();
const pageAction = z.object({ offset: z.coerce.number().int().min(0).default(0), digestId: z.string().min(1).optional() }).passthrough();

export interface AcknowledgeActionData {
  itemRef: string;
  digestId?: string;
  /** Trimmed; absent when the note box was left empty. */
  note?: string;
  /** The date box as sent (`YYYY-MM-DD` from Input.Date), unchecked: the service decides whether it can be used. */
  plannedOn?: string;
}

export interface ReassignActionData {
  itemRef: string;
  digestId?: string;
  toOfficerId: string;
  reason: string;
}

export interface PageActionData {
  offset: number;
  digestId?: string;
}

/** Verb `acknowledgeItem`. */
export function readAcknowledgeAction(data: unknown): ActionDataResult<AcknowledgeActionData> {
  const parsed = itemAction.safeParse(data);
  if (!parsed.success)
    return { ok: false, problem: 'This button is missing the item it belongs to; open the latest digest and try again.' };
  const { itemRef, digestId } = parsed.data;
  const ids = digestInputIds(itemRef);
  const note = textInput(parsed.data, ids.note);
  const plannedOn = textInput(parsed.data, ids.plannedOn);
  return {
    ok: true,
    value: { itemRef, ...(digestId ? { digestId } : {}), ...(note ? { note } : {}), ...(plannedOn ? { plannedOn } : {}) },
  };
}

/** Verb `reassignItem`. */
export function readReassignAction(data: unknown): ActionDataResult<ReassignActionData> {
  const parsed = itemAction.safeParse(data);
  if (!parsed.success)
    return { ok: false, problem: 'This button is missing the item it belongs to; open the latest digest and try again.' };
  const { itemRef, digestId } = parsed.data;
  const ids = digestInputIds(itemRef);
  const toOfficerId = textInput(parsed.data, ids.officer);
  const reason = textInput(parsed.data, ids.reason);
  if (!toOfficerId) return { ok: false, problem: 'Choose the officer who takes the case, then press Reassign case again.' };
  if (!reason) return { ok: false, problem: 'Say why the case moves, then press Reassign case again.' };
  return { ok: true, value: { itemRef, ...(digestId ? { digestId } : {}), toOfficerId, reason } };
}

/** Verbs `showMore` and `refreshDigest`. */
export function readPageAction(data: unknown): ActionDataResult<PageActionData> {
  const parsed = pageAction.safeParse(data ?? {});
  if (!parsed.success)
    return { ok: false, problem: 'This button asked for a page that does not exist; open the latest digest and try again.' };
  const { offset, digestId } = parsed.data;
  return { ok: true, value: { offset, ...(digestId ? { digestId } : {}) } };
}

function textInput(data: Record<string, unknown>, id: string): string | undefined {
  const value = data[id];
  if (typeof value !== 'string') return undefined;
  const trimmed = value.trim();
  return trimmed === '' ? undefined : trimmed;
}
