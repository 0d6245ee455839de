import type { AdaptiveCard, QuestionButton } from './adaptive-card.js';
import { expandTemplate } from './expand-template.js';
import { questionButtonViews } from './question-buttons.js';

/** A question that matched several units or officers: one "Did you mean…" button per reading. */
export interface AmbiguousCardData {
  /** e.g. "Team 3 could be one of these:". */
  prompt: string;
  /** At least one option. */
  options: QuestionButton[];
}

/** Options beyond this are more than a person can scan; the bot should ask for a closer name instead. */
export const MAX_AMBIGUOUS_OPTIONS = 6;

export function renderAmbiguousCard(data: AmbiguousCardData): AdaptiveCard {
  if (data.options.length === 0) throw new Error('An ambiguous answer needs at least one option to offer');
  return expandTemplate('ambiguous', {
    prompt: data.prompt,
    options: questionButtonViews(data.options, MAX_AMBIGUOUS_OPTIONS),
  });
}
