import type { PromiseCounts } from '../../domain/types.js';
import { promiseCountsText } from '../../domain/wording.js';
import type { AdaptiveCard } from './adaptive-card.js';
import { expandTemplate } from './expand-template.js';

/** "How many promises did my team miss this month?": the promises by state, beside the previous period's. */
export interface PromisesCardData {
  /** e.g. "North Team 2: promises with a planned date 1 missed · 2 open · 3 kept — at 30 Nov 2026". */
  headline: string;
  promises: PromiseCounts;
  previous: { atLabel: string; promises: PromiseCounts };
}

export function renderPromisesCard(data: PromisesCardData): AdaptiveCard {
  return expandTemplate('promises', {
    headline: data.headline,
    facts: [
      { title: 'Missed (RED)', value: String(data.promises.missed) },
      { title: 'Open (AMBER)', value: String(data.promises.open) },
      { title: 'Kept (GREEN)', value: String(data.promises.kept) },
    ],
    previousText: `Previously, at ${data.previous.atLabel}: ${promiseCountsText(data.previous.promises)}`,
    explainer: 'A promise is an acknowledgement with a planned date. Cases closed since are counted in none of these.',
  });
}
