/**
 * Plain-English questions (issue 4): the entry points and the answer union the bot renders. The parts
 * live in src/service/questions/ (scope checks, figure, lists, trend, items, drill-down buttons); the
 * wording of rates, headlines and dates in src/domain/wording.ts.
 */
export { answerQuery, answerQuestion, type AnswerDeps, type KnownForce } from './questions/answer-question.js';
export type { Answer, AnswerOf, FigureLine, ItemsView, QueryButton, RowNoun } from './questions/answer-types.js';
