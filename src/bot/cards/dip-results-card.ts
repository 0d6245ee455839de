import type { AdaptiveCard } from './adaptive-card.js';
import { expandTemplate } from './expand-template.js';

/** A question about the dip-sample audits answered (issue 16): the headline, the figures, and a line per question. */
export interface DipResultsCardData {
  /** e.g. "North LPA dip sample, Q4 2026: 62.5% Code compliant (of 8 audited) · the records said ...". */
  headline: string;
  facts: { title: string; value: string }[];
  /** One line per questionnaire question, and any month not drawn yet. */
  notes: string[];
}

export function renderDipResultsCard(data: DipResultsCardData): AdaptiveCard {
  return expandTemplate('dip-results', {
    headline: data.headline,
    hasFacts: data.facts.length > 0,
    facts: data.facts,
    notes: data.notes.map((text) => ({ text })),
    explainer:
      "Submitted audits only. The records' figure is for the same cases, as the records stood when the sample was drawn " +
      '(or just before a case closed).',
  });
}
