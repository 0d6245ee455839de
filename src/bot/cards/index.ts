/** The bot's cards: one renderer per template in cards/, each taking plain, documented data. */
export { CARD_VERBS, type AdaptiveCard, type CardQuestion, type CardVerb, type QuestionButton } from './adaptive-card.js';
export { CARD_BUDGET_BYTES, TEAMS_MESSAGE_LIMIT_BYTES, cardBytes } from './card-size.js';
export {
  DEFAULT_DIGEST_PAGE_SIZE,
  digestCounts,
  digestInputIds,
  renderDigestCard,
  type DigestCardData,
  type DigestCardItem,
  type DigestCounts,
} from './digest-card.js';
export {
  readAcknowledgeAction,
  readPageAction,
  readReassignAction,
  type AcknowledgeActionData,
  type ActionDataResult,
  type PageActionData,
  type ReassignActionData,
} from './digest-card-actions.js';
export { renderFigureCard, type FigureCardData, type FigurePoint } from './figure-card.js';
export { renderWeeklyCard, type WeeklyCardData } from './weekly-card.js';
export { renderRankingCard, type RankingCardData, type RankingRow } from './ranking-card.js';
export { renderTrendCard, type TrendCardData, type TrendRow } from './trend-card.js';
export { renderRefusalCard, type RefusalCardData } from './refusal-card.js';
export { DEFAULT_HELP, SHARED_PLACE_COMMANDS, renderHelpCard, type HelpCardData } from './help-card.js';
export { renderNotUnderstoodCard, type NotUnderstoodCardData } from './not-understood-card.js';
export { renderAmbiguousCard, type AmbiguousCardData } from './ambiguous-card.js';
export { renderNotSetUpCard, type NotSetUpCardData } from './not-set-up-card.js';
export {
  renderShiftConfirmationCard,
  renderSubscriptionConfirmationCard,
  type SubscriptionConfirmationCardData,
} from './subscription-confirmation-card.js';
export { renderUnreadCard, type UnreadCardData } from './unread-card.js';
export { withReadAs } from './read-as-line.js';
export { renderPromisesCard, type PromisesCardData } from './promises-card.js';
export { renderDipResultsCard, type DipResultsCardData } from './dip-results-card.js';
export { renderDipSampleCard, type DipCaseButtonRef, type DipSampleCardData } from './dip-sample-card.js';
export { dipInputIds, renderDipAuditCard, type DipAuditCardData } from './dip-audit-card.js';
export { readDipAuditAction, readDipSampleAction, type DipAuditActionData } from './dip-card-actions.js';
