import type { Query } from '../../domain/questions/index.js';

/**
 * The JSON shape of an Adaptive Card as the bot sends it. Deliberately loose below the root: the
 * templates in cards/ are the source of truth for the layout, and tests/support/adaptive-card-validator.ts
 * checks every rendered card with the official parser.
 */
export interface AdaptiveCard {
  type: 'AdaptiveCard';
  version: string;
  body?: CardJson[];
  actions?: CardJson[];
  refresh?: { action: CardJson; userIds?: string[] };
  [property: string]: unknown;
}

export type CardJson = { [property: string]: unknown };

/** Verbs of the Action.Execute buttons: the bot routes `adaptiveCard/action` invokes by these. */
export const CARD_VERBS = {
  acknowledgeItem: 'acknowledgeItem',
  reassignItem: 'reassignItem',
  showMore: 'showMore',
  refreshDigest: 'refreshDigest',
  askQuestion: 'askQuestion',
  openDipSample: 'openDipSample',
  openDipAudit: 'openDipAudit',
  saveDipAudit: 'saveDipAudit',
} as const;

export type CardVerb = (typeof CARD_VERBS)[keyof typeof CARD_VERBS];

/**
 * A question a button sends back for the bot to answer again: plain text ("which teams are below
 * target?") or a structured query the bot produced earlier (drill-down, "did you mean").
 */
export type CardQuestion = string | Query | { [key: string]: unknown };

/** A button that re-asks a question (Action.Execute, verb `askQuestion`, data `{ question }`). */
export interface QuestionButton {
  title: string;
  question: CardQuestion;
}
