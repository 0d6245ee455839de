import type { TurnContext } from 'botbuilder';
import type { Person } from '../domain/types.js';
import { dayText } from '../domain/wording.js';
import { setCover, type CoverCommand, type CoverResult } from '../service/set-cover.js';
import { renderRefusalCard, renderShiftConfirmationCard, type AdaptiveCard } from './cards/index.js';
import { sendCard } from './card-replies.js';
import type { BotDeps } from './bot-deps.js';

const HOW_TO_CHANGE = 'Say "away until Mon 30 Nov", "back", "deputy PS 2345" or "deputy off".';
const NO_DEPUTY = 'the inspector of your command, marked as cover';

/** "away until 30 Nov", "back", "deputy PS 2345": the use case (src/service/set-cover.ts) decides; this says the outcome. */
export async function answerCoverCommand(deps: BotDeps, context: TurnContext, person: Person, command: CoverCommand): Promise<void> {
  const at = deps.services.clock.now();
  const result = await setCover(deps.services, person, command, at);
  await sendCard(context, coverCard(result));
}

function coverCard(result: CoverResult): AdaptiveCard {
  switch (result.kind) {
    case 'away':
      return renderShiftConfirmationCard({
        title: `✓ Away until ${dayText(result.awayUntil)}`,
        detail:
          `Until then your team's digest goes to ${result.deputy ? result.deputy.name : NO_DEPUTY}. ` +
          `Yours comes back on the day after ${dayText(result.awayUntil)}.`,
        howToChange: HOW_TO_CHANGE,
      });
    case 'back':
      return renderShiftConfirmationCard({
        title: '✓ Welcome back',
        detail: "Your team's digest comes to you again from its next time.",
        howToChange: HOW_TO_CHANGE,
      });
    case 'deputy': {
      const who = result.deputy ? result.deputy.name : NO_DEPUTY;
      return renderShiftConfirmationCard({
        title: result.deputy ? `✓ Your deputy is ${result.deputy.name}` : '✓ No deputy',
        detail: result.awayUntil
          ? `You are away until ${dayText(result.awayUntil)}: your team's digest goes to ${who} meanwhile.`
          : `When you are away ("away until Mon 30 Nov"), your team's digest goes to ${who}.`,
        howToChange: HOW_TO_CHANGE,
      });
    }
    case 'bad_date':
      return renderRefusalCard({
        title: "I didn't understand that date",
        reason: `'${result.given.slice(0, 30)}' is not a date.`,
        hint: 'Say the last day you are away, e.g. "away until Mon 30 Nov" or "away until 30/11".',
      });
    case 'past_date':
      return renderRefusalCard({
        title: 'That date has passed',
        reason: `${dayText(result.awayUntil)} is before today.`,
        hint: 'Say the last day you are away, e.g. "away until Mon 30 Nov"; "back" when you are back.',
      });
    case 'unknown_person':
      return renderRefusalCard({
        title: "I can't find that person",
        reason: `Nobody in the records is called '${result.given}'.`,
        hint: 'Use their collar number, e.g. "deputy PS 2345".',
      });
    case 'ambiguous_person':
      return renderRefusalCard({
        title: 'More than one person fits',
        reason: `'${result.given}' could be ${result.candidates.map((person) => person.name).join(', ')}.`,
        hint: 'Use their collar number, e.g. "deputy PS 2345".',
      });
    case 'not_deputy':
      return renderRefusalCard({ title: "That person can't be your deputy", reason: result.reason, hint: HOW_TO_CHANGE });
  }
}
