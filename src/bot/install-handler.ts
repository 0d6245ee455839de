import type { TurnContext } from 'botbuilder';
import type { Person } from '../domain/types.js';
import { renderSubscriptionConfirmationCard } from './cards/index.js';
import { sendCard } from './card-replies.js';
import type { BotDeps } from './bot-deps.js';
import { saveConversation, scopeOf } from './conversation.js';
import { helpCardFor } from './help-reply.js';
import { identifySender, notSetUpCardFor } from './sender.js';
import { defaultSubscriptionOf } from '../domain/subscription-fit.js';
import { runSubscriptionCommand } from './subscription-commands.js';
import { WEEKLY_DEFAULT } from '../service/set-weekly-summary.js';
import { runWeeklyCommand, weeklyCard } from './weekly-commands.js';

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
  const sender = await identifySender(deps, activity);
  if (sender.kind === 'not_set_up') {
    await sendCard(context, notSetUpCardFor(activity, sender.reason));
    return;
  }
  const person = sender.person;
  const wanted = defaultSubscriptionOf(person);
  const existing = await deps.subscriptions.listForConversation(activity.conversation.id);
  if (wanted && existing.some((s) => s.kind === wanted.kind && s.unitId === wanted.unitId && s.enabled)) {
    await saveConversation(deps.subscriptions, activity, person);
    return;
  }
  await subscribeByDefault(deps, context, person);
}

/**
 * A personal chat's first message from a person just matched by address: if the chat has never had a
 * subscription (the install found no one, or Teams could not be asked then), it gets the one an install
 * would have made, and says so before the answer.
 */
export async function subscribeIfNeverSubscribed(deps: BotDeps, context: TurnContext, person: Person): Promise<void> {
  if (!defaultSubscriptionOf(person)) return;
  if ((await deps.subscriptions.listForConversation(context.activity.conversation.id)).length > 0) return;
  await subscribeByDefault(deps, context, person);
}

/** The role's default subscription in this personal chat, confirmed with a card (or the help card when there is none). */
async function subscribeByDefault(deps: BotDeps, context: TurnContext, person: Person): Promise<void> {
  const activity = context.activity;
  const localTime = deps.services.config.defaultDigestTime;
  const subscribed = await runSubscriptionCommand(deps, context, person, { kind: 'subscribeDefault', localTime });
  if (subscribed.kind !== 'on') {
    await saveConversation(deps.subscriptions, activity, person);
    // Inspectors and senior leads: the weekly summary, Monday 08:00, unless they had it (or turned it off) before.
    const hadWeekly = (await deps.subscriptions.listForConversation(activity.conversation.id)).some((s) => s.kind === 'weekly_summary');
    if ((person.role === 'inspector' || person.role === 'senior') && !hadWeekly)
      await sendCard(context, weeklyCard(deps, await runWeeklyCommand(deps, context, person, { kind: 'on', ...WEEKLY_DEFAULT })));
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
