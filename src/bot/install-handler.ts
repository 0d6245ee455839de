import type { TurnContext } from 'botbuilder';
import { renderNotSetUpCard, renderSubscriptionConfirmationCard } from './cards/index.js';
import { sendCard } from './card-replies.js';
import type { BotDeps } from './bot-deps.js';
import { saveConversation, scopeOf } from './conversation.js';
import { helpCardFor } from './help-reply.js';
import { senderOf } from './sender.js';
import { defaultSubscriptionOf } from '../domain/subscription-fit.js';
import { runSubscriptionCommand } from './subscription-commands.js';

/**
 * The app was installed (installationUpdate "add") or the bot added to a conversation
 * (conversationUpdate): Teams usually sends both for one install, so a personal chat that is already
 * subscribed is not welcomed twice, and a channel is greeted on the installationUpdate only.
 */
export async function handleInstall(
  deps: BotDeps,
  context: TurnContext,
  source: 'installationUpdate' | 'conversationUpdate',
): Promise<void> {
  const activity = context.activity;
  if (scopeOf(activity) !== 'personal') {
    await saveConversation(deps.subscriptions, activity, null);
    if (source === 'conversationUpdate') return;
    await context.sendActivity(
      'Hello! I post Victims\' Code digests here when a supervisor asks: mention me with "subscribe North ' +
        'Team 3 at 07:30" (your team\'s name).',
    );
    return;
  }
  const person = await senderOf(deps.services.people, activity);
  if (!person) {
    await sendCard(context, renderNotSetUpCard(activity.from.aadObjectId ? { userObjectId: activity.from.aadObjectId } : {}));
    return;
  }
  const wanted = defaultSubscriptionOf(person);
  const existing = await deps.subscriptions.listForConversation(activity.conversation.id);
  if (wanted && existing.some((s) => s.kind === wanted.kind && s.unitId === wanted.unitId && s.enabled)) {
    await saveConversation(deps.subscriptions, activity, person);
    return;
  }
  const localTime = deps.services.config.defaultDigestTime;
  const subscribed = await runSubscriptionCommand(deps, context, person, { kind: 'subscribeDefault', localTime });
  if (subscribed.kind !== 'on') {
    await saveConversation(deps.subscriptions, activity, person);
    await sendCard(context, await helpCardFor(deps, person));
    return;
  }
  await sendCard(
    context,
    renderSubscriptionConfirmationCard({
      active: true,
      subject: subscribed.subject,
      timeText: subscribed.localTime,
      whereText: 'in this chat',
      timeZone: deps.services.policy.timeZone,
    }),
  );
}

/** The app was removed: stop posting to this conversation until it is installed again. */
export async function handleUninstall(deps: BotDeps, context: TurnContext): Promise<void> {
  const conversationId = context.activity.conversation.id;
  await deps.subscriptions.disable(conversationId, 'uninstalled');
  await deps.subscriptions.markInactive(conversationId, 'uninstalled');
}

/** The bot itself is among the members added (not a colleague joining a chat it is already in). */
export function botWasAdded(context: TurnContext): boolean {
  const botId = context.activity.recipient.id;
  return (context.activity.membersAdded ?? []).some((member) => member.id === botId);
}

/** installationUpdate's action: "add", "add-upgrade", "remove", "remove-upgrade". */
export function installAction(context: TurnContext): 'add' | 'remove' | 'other' {
  const action = String(context.activity.action ?? '');
  if (action.startsWith('add')) return 'add';
  if (action.startsWith('remove')) return 'remove';
  return 'other';
}
