import type { TurnContext } from 'botbuilder';
import type { Person } from '../domain/types.js';
import { renderHelpCard } from './cards/index.js';
import { sendCard } from './card-replies.js';

/**
 * The seam where plain-English questions ("which teams are below target?") will be answered
 * (src/service/answer-question.ts and its cards). Until that is wired in, a question gets the help card,
 * which lists what the bot can do.
 */
export async function answerChatQuestion(context: TurnContext, _asker: Person, _text: string): Promise<void> {
  await sendCard(context, renderHelpCard());
}

/** The same seam for a question sent by a card button (verb `askQuestion`): its answer replaces the card. */
export async function questionButtonCard(_asker: Person, _question: unknown): Promise<object> {
  return renderHelpCard();
}
