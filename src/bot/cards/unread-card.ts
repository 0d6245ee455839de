import type { AdaptiveCard, QuestionButton } from './adaptive-card.js';
import { expandTemplate } from './expand-template.js';
import { questionButtonViews } from './question-buttons.js';

/**
 * A question with words the bot could not read (issue 12): the words are named, and the question as read
 * without them is offered as one button under its "Read as" line; nothing is answered unasked.
 */
export interface UnreadCardData {
  /** 'I could not read "forse".' */
  note: string;
  /** The question read without those words, with its "Read as: …" line; absent when nothing else was read. */
  reading: (QuestionButton & { readAs: string }) | null;
  /** Example questions, one button each. */
  suggestions: string[];
}

const MAX_SUGGESTIONS = 4;

export function renderUnreadCard(data: UnreadCardData): AdaptiveCard {
  return expandTemplate('unread', {
    note: data.note,
    readingIntro: data.reading ? 'Without those words I read your question like this:' : '',
    readAs: data.reading?.readAs ?? '',
    reading: data.reading ? questionButtonViews([data.reading], 1) : [],
    guidance: data.reading ? 'Or ask it another way, e.g.:' : 'Try asking it another way, e.g.:',
    suggestions: questionButtonViews(
      data.suggestions.map((suggestion) => ({ title: suggestion, question: suggestion })),
      MAX_SUGGESTIONS,
    ),
  });
}
