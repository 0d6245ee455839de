import { exampleQuestions, type ExamplePlace } from '../domain/questions/index.js';
import type { Person } from '../domain/types.js';
import { DEFAULT_HELP, SHARED_PLACE_COMMANDS, renderHelpCard, type AdaptiveCard } from './cards/index.js';
import type { BotDeps } from './bot-deps.js';

/**
 * The help card for this person and place: example questions of the kind their role asks, naming units
 * they may see (the force's own names), so that no example they tap is refused. In a channel or group
 * chat anyone there may tap them, so the examples are ones every role is answered in its own scope, and
 * the commands are the ones that change that conversation's digest.
 */
export async function helpCardFor(deps: BotDeps, person: Person, place: ExamplePlace = 'personal'): Promise<AdaptiveCard> {
  const units = await deps.services.queries.listUnits();
  const examples = exampleQuestions({ personId: person.id, role: person.role, unitId: person.unitId }, units, place).filter(
    (question) => question !== 'help',
  );
  return renderHelpCard({
    exampleQuestions: examples.map((question) => ({ title: question, question })),
    commands: place === 'shared' ? SHARED_PLACE_COMMANDS : DEFAULT_HELP.commands,
  });
}
