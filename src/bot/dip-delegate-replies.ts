import type { Person } from '../domain/types.js';
import { setDipDelegate, type DipDelegateResult } from '../service/dip-delegate.js';
import { renderRefusalCard, renderShiftConfirmationCard, type AdaptiveCard } from './cards/index.js';
import type { BotDeps } from './bot-deps.js';

const HOW_TO_CHANGE = 'Name another with "dip delegate PS 1234", remove them with "dip delegate none".';

/** "dip delegate PS 1001", "dip delegate none": the use case (src/service/dip-delegate.ts) decides; this says the outcome. */
export async function dipDelegateCardFor(deps: BotDeps, actor: Person, who: string | null): Promise<AdaptiveCard> {
  const result = await setDipDelegate(deps.services, actor, who, deps.services.clock.now());
  const log = deps.services.logger.child({ actorId: actor.id, command: 'dipDelegate' });
  if (result.kind === 'named' || result.kind === 'removed') log.info({ result: result.kind }, 'dip-audit delegate changed');
  return delegateCard(result);
}

function delegateCard(result: DipDelegateResult): AdaptiveCard {
  switch (result.kind) {
    case 'named':
      return renderShiftConfirmationCard({
        title: `✓ ${result.delegate.name} audits ${result.unit.name}'s dip samples for you`,
        detail:
          `They may open, save and submit the audits of ${result.unit.name}'s samples (not of their own team's cases), ` +
          `as you may${result.replaced ? `; ${result.replaced.name} no longer can` : ''}.`,
        howToChange: HOW_TO_CHANGE,
      });
    case 'removed':
      return renderShiftConfirmationCard({
        title: `✓ No delegate for ${result.unit.name}'s dip audits`,
        detail: result.removed ? `${result.removed.name} can no longer audit its samples.` : 'There was none: nothing changed.',
        howToChange: 'Name one with "dip delegate PS 1234".',
      });
    case 'refused':
      return renderRefusalCard({ title: "I can't set that delegate", reason: result.reason });
    case 'unknown_person':
      return renderRefusalCard({
        title: "I can't find that person",
        reason: `Nobody in the records is called '${result.given}'.`,
        hint: 'Use their collar number, e.g. "dip delegate PS 2345".',
      });
    case 'ambiguous_person':
      return renderRefusalCard({
        title: 'More than one person fits',
        reason: `'${result.given}' could be ${result.candidates.map((person) => person.name).join(', ')}.`,
        hint: 'Use their collar number, e.g. "dip delegate PS 2345".',
      });
  }
}
