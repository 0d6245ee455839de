import type { AdaptiveCard } from './adaptive-card.js';
import { expandTemplate } from './expand-template.js';
import { questionButtonViews } from './question-buttons.js';

/** When a message is not a question or command the bot knows. It does not echo what was typed. */
export interface NotUnderstoodCardData {
  /** Questions close to what the bot can answer, one button each. */
  suggestions: string[];
  /** What could not be read, e.g. 'I could not read "forse".' (typed words, shown as plain text). */
  note?: string;
}

const MAX_SUGGESTIONS = 5;

export function renderNotUnderstoodCard(data: NotUnderstoodCardData): AdaptiveCard {
  return expandTemplate('not-understood', {
    hasNote: data.note !== undefined,
    note: data.note ?? '',
    guidance: 'I answer questions about Victims\u2019 Code compliance and run your digest. Tap one of these, or type "help":',
    suggestions: questionButtonViews(
      data.suggestions.map((suggestion) => ({ title: suggestion, question: suggestion })),
      MAX_SUGGESTIONS,
    ),
  });
}
