import { ActivityTypes, type TurnContext } from 'botbuilder';
import { renderRefusalCard } from './cards/index.js';
import { sendCard } from './card-replies.js';
import type { BotDeps } from './bot-deps.js';
import { parseChatCommand } from './chat-command.js';
import { helpCardFor } from './help-reply.js';
import { placeOf, saveConversation, scopeOf } from './conversation.js';
import { defaultViewFor, digestCardFor } from './digest-replies.js';
import { answerChatQuestion } from './question-handler.js';
import { subscribeIfNeverSubscribed } from './install-handler.js';
import { identifySender, notSetUpCardFor } from './sender.js';
import { answerCoverCommand } from './cover-commands.js';
import { answerSubscriptionCommand } from './subscription-commands.js';
import { answerWeeklyCommand } from './weekly-commands.js';
import { dipDelegateCardFor } from './dip-delegate-replies.js';
import { dipSampleCardFor } from './dip-sample-replies.js';

/** A chat message: typing indicator first, then who is asking, then the command or question. */
export async function handleMessage(deps: BotDeps, context: TurnContext): Promise<void> {
  await context.sendActivity({ type: ActivityTypes.Typing });
  const activity = context.activity;
  const sender = await identifySender(deps, activity);
  if (sender.kind === 'not_set_up') {
    await sendCard(context, notSetUpCardFor(activity, sender.reason));
    return;
  }
  const person = sender.person;
  if (scopeOf(activity) === 'personal') {
    // Keeps the stored reference current (Teams may move a chat to another serviceUrl).
    await saveConversation(deps.subscriptions, activity, person);
    // Matched by address only now (at install Teams could not be asked, or the records lacked the address).
    if (sender.newLink) await subscribeIfNeverSubscribed(deps, context, person);
  }

  const command = parseChatCommand(activity.text ?? '');
  switch (command.kind) {
    case 'help':
      return sendCard(context, await helpCardFor(deps, person, placeOf(activity)));
    case 'digest':
      return sendCard(context, await digestCardFor(deps, person, defaultViewFor(person)));
    case 'myItems':
      return sendCard(context, await digestCardFor(deps, person, { kind: 'officer', officerId: person.id }));
    case 'digestAt':
      return answerSubscriptionCommand(deps, context, person, { kind: 'setTime', localTime: command.localTime });
    case 'digestOff':
      return answerSubscriptionCommand(deps, context, person, { kind: 'turnOff' });
    case 'subscribe':
      return answerSubscriptionCommand(deps, context, person, {
        kind: 'subscribeUnit',
        unitName: command.unitName,
        localTime: command.localTime ?? deps.services.config.defaultDigestTime,
      });
    case 'digestDays':
      return answerSubscriptionCommand(deps, context, person, { kind: 'setDays', days: command.days });
    case 'quietHours':
      return answerSubscriptionCommand(deps, context, person, { kind: 'setQuiet', quiet: command.quiet });
    case 'cover':
      return answerCoverCommand(deps, context, person, command.command);
    case 'weekly':
      return answerWeeklyCommand(deps, context, person, command.command);
    case 'dipSample':
      return sendCard(context, await dipSampleCardFor(deps, person, command.period));
    case 'dipDelegate':
      return sendCard(context, await dipDelegateCardFor(deps, person, command.who));
    case 'badDays':
      return sendCard(
        context,
        renderRefusalCard({
          title: "I didn't understand those days",
          reason: `'${command.given.slice(0, 30)}' is not a list of days.`,
          hint: 'Say the days, e.g. "digest days mon-fri", "digest days mon, wed, fri" or "digest days every day".',
        }),
      );
    case 'badTime':
      return sendCard(
        context,
        renderRefusalCard({
          title: "I didn't understand that time",
          reason: `'${command.given.slice(0, 20)}' is not a time of day.`,
          hint: 'Use a 24-hour time, e.g. "digest at 06:30".',
        }),
      );
    case 'question':
      return answerChatQuestion(deps, context, person, command.text);
  }
}
