import { capitalise } from '../domain/plain-text.js';
import type { Activity, TurnContext } from 'botbuilder';
import type { Person } from '../domain/types.js';
import { changeSubscription, type ChangeSubscriptionResult, type SubscriptionCommand } from '../service/change-subscription.js';
import { weekdaysText, type QuietHours, type WeekdaySet } from '../domain/shift-rules.js';
import { renderRefusalCard, renderShiftConfirmationCard, renderSubscriptionConfirmationCard, type AdaptiveCard } from './cards/index.js';
import { sendCard } from './card-replies.js';
import type { BotDeps } from './bot-deps.js';
import { conversationOf, whereText } from './conversation.js';

/**
 * "digest at 06:30", "digest off", "subscribe North Team 3 at 07:30" and the default made at install:
 * the use case (src/service/change-subscription.ts) decides who may change what; this says the outcome.
 */
export function runSubscriptionCommand(
  deps: BotDeps,
  context: TurnContext,
  person: Person,
  command: SubscriptionCommand,
): Promise<ChangeSubscriptionResult> {
  return changeSubscription(
    { db: deps.services.db, subscriptions: deps.subscriptions, queries: deps.services.queries },
    { actor: person, conversation: conversationOf(context.activity, person), command, at: deps.services.clock.now() },
  );
}

export async function answerSubscriptionCommand(
  deps: BotDeps,
  context: TurnContext,
  person: Person,
  command: SubscriptionCommand,
): Promise<void> {
  const result = await runSubscriptionCommand(deps, context, person, command);
  await sendCard(context, subscriptionCard(deps, context.activity, command, result));
}

function subscriptionCard(deps: BotDeps, activity: Activity, command: SubscriptionCommand, result: ChangeSubscriptionResult): AdaptiveCard {
  switch (result.kind) {
    case 'on':
      return renderSubscriptionConfirmationCard({
        active: true,
        subject: result.subject,
        timeText: result.localTime,
        whereText: whereText(activity),
        timeZone: deps.services.policy.timeZone,
      });
    case 'off':
      return renderSubscriptionConfirmationCard({ active: false, subject: result.subject, whereText: whereText(activity) });
    case 'shift':
      return renderShiftConfirmationCard(shiftConfirmation(result.subject, result.change, whereText(activity)));
    case 'nothing_to_move':
    case 'no_default':
      return renderRefusalCard({
        title: 'There is no digest here to move',
        reason: 'Nothing is subscribed in this conversation yet.',
        hint: 'Subscribe a team first, e.g. "subscribe North Team 3 at 07:30".',
      });
    case 'unknown_unit':
      return renderRefusalCard({
        title: "I can't find that team",
        reason: `No team or unit is called '${result.given.slice(0, 80)}'.`,
        hint: 'Use its full name as the records system has it, e.g. "subscribe North Team 3 at 07:30".',
      });
    case 'refused':
      return renderRefusalCard({
        ...(command.kind === 'subscribeUnit' ? {} : { title: "I can't change that" }),
        reason: result.reason,
        hint: result.hint,
      });
  }
}

function shiftConfirmation(subject: string, change: { days: WeekdaySet } | { quiet: QuietHours | null }, where: string) {
  const howToChange = 'Change the days with "digest days mon-fri" (or "every day"), quiet hours with "quiet hours 22:00-06:00" (or "off").';
  if ('days' in change) {
    const days = weekdaysText(change.days);
    return {
      title: `✓ ${capitalise(subject)} ${days}`,
      detail: `You'll get ${subject} ${where} ${days}, at its usual time.`,
      howToChange,
    };
  }
  if (change.quiet === null)
    return { title: `✓ No quiet hours for ${subject}`, detail: `${capitalise(subject)} comes ${where} at its usual time.`, howToChange };
  const { from, until } = change.quiet;
  return {
    title: `✓ Quiet hours ${from}-${until} for ${subject}`,
    detail:
      `Nothing is posted ${where} from ${from} until ${until}: a digest due then comes at ${until} the same day ` +
      '(or not that day, when the quiet hours end only the next morning).',
    howToChange,
  };
}
