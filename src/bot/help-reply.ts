import { exampleQuestions } from '../domain/questions/index.js';
import type { Person } from '../domain/types.js';
import { DEFAULT_HELP, renderHelpCard, type AdaptiveCard } from './cards/index.js';
import type { BotDeps } from './bot-deps.js';

/**
 * The help card for this person: example questions of the kind their role asks, naming units they may
 * see (the force's own names), so that no example they tap is refused.
 */
export async function helpCardFor(deps: BotDeps, person: Person): Promise<AdaptiveCard> {
  const units = await deps.services.queries.listUnits();
  const examples = exampleQuestions({ personId: person.id, role: person.role, unitId: person.unitId }, units)
    .filter((question) => question !== 'help');
  return renderHelpCard({ ...DEFAULT_HELP, exampleQuestions: examples.map((question) => ({ title: question, question })) });
}
