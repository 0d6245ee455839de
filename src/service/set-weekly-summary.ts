import type { Person } from '../domain/types.js';
import { appendAudit } from '../store/audit-log.js';
import type { Db } from '../store/db.js';
import type { SaveConversationInput, SubscriptionStore } from '../store/subscription-store.js';

/** Monday at 08:00 (the force's time zone) unless the person says otherwise. */
export const WEEKLY_DEFAULT = { weekday: 1, localTime: '08:00' } as const;

export type WeeklyCommand =
  /** "weekly at tue 09:00", "weekly on" (Monday 08:00); `weekday` 1 (Mon) to 7 (Sun). */
  | { kind: 'on'; weekday: number; localTime: string }
  /** "weekly off". */
  | { kind: 'off' };

export type WeeklyResult =
  | { kind: 'on'; weekday: number; localTime: string; unitId: string }
  | { kind: 'off' }
  | { kind: 'refused'; reason: string; hint: string };

export interface SetWeeklyDeps {
  db: Db;
  subscriptions: Pick<SubscriptionStore, 'saveConversation' | 'subscribe' | 'disable'>;
}

/**
 * The weekly summary of an inspector's command or a senior lead's force: one subscription of its own kind,
 * on one weekday, in the person's own chat, through the digest run's ledger (one card a week, caught up
 * after a restart the same day, never twice across replicas). Audited.
 */
export async function setWeeklySummary(
  deps: SetWeeklyDeps,
  input: { actor: Person; conversation: SaveConversationInput; command: WeeklyCommand; at: Date },
): Promise<WeeklyResult> {
  const { actor, conversation, command } = input;
  if (actor.role !== 'inspector' && actor.role !== 'senior')
    return {
      kind: 'refused',
      reason: 'The weekly summary is for inspectors and senior leads, on their command or the force.',
      hint: 'Your morning digest has the team\'s figures: "digest".',
    };
  if (conversation.scope !== 'personal')
    return { kind: 'refused', reason: 'The weekly summary comes to your own chat with me.', hint: 'Say "weekly on" there.' };
  if (command.kind === 'off') {
    await deps.subscriptions.disable(conversation.conversationId, 'turned_off', actor.id, 'weekly');
    await audit(deps.db, input, null);
    return { kind: 'off' };
  }
  await deps.subscriptions.saveConversation(conversation);
  await deps.subscriptions.subscribe({
    conversationId: conversation.conversationId,
    personId: actor.id,
    kind: 'weekly_summary',
    unitId: actor.unitId,
    localTime: command.localTime,
    origin: 'explicit',
    days: 1 << (command.weekday - 1),
  });
  await audit(deps.db, input, { weekday: command.weekday, localTime: command.localTime });
  return { kind: 'on', weekday: command.weekday, localTime: command.localTime, unitId: actor.unitId };
}

async function audit(
  db: Db,
  input: { actor: Person; conversation: SaveConversationInput; at: Date },
  when: { weekday: number; localTime: string } | null,
): Promise<void> {
  await appendAudit(db, {
    at: input.at,
    actorId: input.actor.id,
    action: 'subscription.changed',
    subject: `conversation:${input.conversation.conversationId}`,
    details: { command: when ? 'weeklyOn' : 'weeklyOff', unitIds: [input.actor.unitId], ...when },
  });
}
