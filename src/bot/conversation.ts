import { TurnContext, type Activity } from 'botbuilder';
import type { ExamplePlace } from '../domain/questions/index.js';
import type { Person } from '../domain/types.js';
import type { ConversationScope, SaveConversationInput, SubscriptionStore } from '../store/subscription-store.js';
import { tenantOf } from './incoming-activity.js';

/** personal (1:1 with the bot), team (a channel) or groupChat. */
export function scopeOf(activity: Activity): ConversationScope {
  switch (activity.conversation.conversationType) {
    case 'channel':
      return 'team';
    case 'groupChat':
      return 'groupChat';
    default:
      return 'personal';
  }
}

/** Where a card is seen: by the one person of a personal chat, or by everyone in a channel or group chat. */
export function placeOf(activity: Activity): ExamplePlace {
  return scopeOf(activity) === 'personal' ? 'personal' : 'shared';
}

/** "in this chat" / "in this channel": where a subscription's digests arrive. */
export function whereText(activity: Activity): string {
  return scopeOf(activity) === 'team' ? 'in this channel' : 'in this chat';
}

/**
 * Stores (or refreshes) where the bot can post in this conversation later. A personal chat belongs to
 * its person; a channel or group chat to no one.
 */
export async function saveConversation(subscriptions: SubscriptionStore, activity: Activity, person: Person | null): Promise<void> {
  await subscriptions.saveConversation(conversationOf(activity, person));
}

/** The conversation as it is stored: its reference (with the Teams user it was saved from), scope and owner. */
export function conversationOf(activity: Activity, person: Person | null): SaveConversationInput {
  const scope = scopeOf(activity);
  return {
    conversationId: activity.conversation.id,
    reference: TurnContext.getConversationReference(activity),
    scope,
    personId: scope === 'personal' ? (person?.id ?? null) : null,
    tenantId: tenantOf(activity) ?? null,
  };
}
