/** The plain-English question parser (issue 4): one entry point and its vocabulary. */
export { parseQuestion } from './parse-question.js';
export { MAX_QUESTIONS_PER_MESSAGE, splitQuestions } from './split-questions.js';
export { exampleQuestions, type ExamplePlace } from './suggestions.js';
export { querySchema, readQuery } from './query-schema.js';
export { DUTY_METRICS, isDutyMetric } from './types.js';
export type {
  Assumed,
  Asker,
  Intent,
  DipAuditShow,
  DutyMetric,
  ListLevel,
  Metric,
  PersonEntry,
  Query,
  QuestionContext,
  Scope,
  Understanding,
  UnitEntry,
} from './types.js';
