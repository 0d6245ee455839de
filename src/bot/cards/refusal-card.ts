import type { AdaptiveCard } from './adaptive-card.js';
import { expandTemplate } from './expand-template.js';

/** Why a question or an action was refused. Never carries figures. */
export interface RefusalCardData {
  /** e.g. "You can only see figures for North Team 3 and the units inside it." */
  reason: string;
  /** What the person can do instead, e.g. "Ask about your own team, or ask your inspector." */
  hint?: string;
  /** Defaults to "I can't show you that". */
  title?: string;
}

export function renderRefusalCard(data: RefusalCardData): AdaptiveCard {
  return expandTemplate('refusal', {
    title: data.title ?? "I can't show you that",
    reason: data.reason,
    hasHint: Boolean(data.hint),
    hint: data.hint ?? '',
  });
}
