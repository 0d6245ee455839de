import type { TurnContext } from 'botbuilder';
import { WEEKDAY_NAMES } from '../domain/shift-rules.js';
import type { Person } from '../domain/types.js';
import { setWeeklySummary, type WeeklyCommand, type WeeklyResult } from '../service/set-weekly-summary.js';
import { renderRefusalCard, renderShiftConfirmationCard, type AdaptiveCard } from './cards/index.js';
import { sendCard } from './card-replies.js';
import type { BotDeps } from './bot-deps.js';
import { conversationOf } from './conversation.js';

const HOW_TO_CHANGE = 'Change it with "weekly at tue 09:00", stop it with "weekly off".';

/** "weekly at tue 09:00", "weekly on", "weekly off" (src/service/set-weekly-summary.ts). */
export function runWeeklyCommand(deps: BotDeps, context: TurnContext, person: Person, command: WeeklyCommand): Promise<WeeklyResult> {
  return setWeeklySummary(
    { db: deps.services.db, subscriptions: deps.subscriptions },
    { actor: person, conversation: conversationOf(context.activity, person), command, at: deps.services.clock.now() },
  );
}

export async function answerWeeklyCommand(deps: BotDeps, context: TurnContext, person: Person, command: WeeklyCommand): Promise<void> {
  const result = await runWeeklyCommand(deps, context, person, command);
  await sendCard(context, weeklyCard(deps, result));
}

export function weeklyCard(deps: BotDeps, result: WeeklyResult): AdaptiveCard {
  switch (result.kind) {
    case 'on':
      return renderShiftConfirmationCard({
        title: `✓ Your weekly summary, ${WEEKDAY_NAMES[result.weekday - 1]} at ${result.localTime}`,
        detail:
          `Every ${WEEKDAY_NAMES[result.weekday - 1]} at ${result.localTime} (${deps.services.policy.timeZone}) in this chat: the ` +
          'figure and its change over the week, teams below target, overdue enhanced victims, the oldest breaches and ' +
          'teams whose sergeant is not receiving the digest.',
        howToChange: HOW_TO_CHANGE,
      });
    case 'off':
      return renderShiftConfirmationCard({
        title: 'Your weekly summary is off',
        detail: 'You can still ask for the figures at any time.',
        howToChange: 'Turn it back on with "weekly on" (Mondays at 08:00) or "weekly at tue 09:00".',
      });
    case 'refused':
      return renderRefusalCard({ title: "I can't set that up", reason: result.reason, hint: result.hint });
  }
}
