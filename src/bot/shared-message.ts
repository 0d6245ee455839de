import type { TurnContext } from 'botbuilder';
import { cardMessage } from './card-replies.js';
import type { BotDeps } from './bot-deps.js';
import type { DigestView } from './digest-id.js';
import { viewCardFor, type DigestCardOptions, type ViewCard } from './digest-replies.js';

/**
 * After an action, the message pressed is edited so that everyone in the conversation sees the new
 * state (beyond the users Teams refreshes automatically). It is edited only with the view it was posted
 * with: the presser's own card when that is the view (a supervisor on their team's digest, an officer on
 * their own items). When the presser sees something else (an officer pressing on a channel's team digest
 * gets their own items), the view is rebuilt for the person it is posted there for, the subscriber of
 * this conversation's digest of that unit: it shows nothing the conversation does not already get every
 * morning. Without such a subscriber the message is left as it is, and the presser's own view goes in
 * the invoke response only.
 */
export async function updateSharedMessage(
  deps: BotDeps,
  context: TurnContext,
  presser: ViewCard,
  view: DigestView,
  options: DigestCardOptions = {},
): Promise<void> {
  const messageId = context.activity.replyToId;
  if (!messageId) return;
  const conversationId = context.activity.conversation.id;
  const card = presser.shows === 'view' ? presser.card : await postedViewCard(deps, conversationId, view, options);
  if (!card) {
    deps.services.logger.info(
      { conversationId, view: view.kind },
      'original message not edited: the presser sees another view and no subscriber of this conversation sees this one',
    );
    return;
  }
  try {
    await context.updateActivity({ ...cardMessage(card), id: messageId });
  } catch (error) {
    deps.services.logger.warn(
      { err: error, conversationId },
      'could not edit the original digest message; the person who acted still sees the new card',
    );
  }
}

async function postedViewCard(deps: BotDeps, conversationId: string, view: DigestView, options: DigestCardOptions): Promise<object | null> {
  if (view.kind !== 'team') return null;
  const subscriberId = await deps.subscriptions.subscriberOf(conversationId, view.unitId);
  const subscriber = subscriberId === null ? null : await deps.services.people.findById(subscriberId);
  if (!subscriber) return null;
  const posted = await viewCardFor(deps, subscriber, view, options);
  return posted.shows === 'view' ? posted.card : null;
}
