import type { PlanRequest, PlannedQuestion, QuestionPlanner } from '../question-planner.js';

/** However the planner is built, a question never waits longer than this for it. */
export const PLANNER_DEADLINE_MS = 8000;

/** The planner's reading, or `unknown` when it fails or takes longer than a person should wait. */
export async function askPlanner(planner: QuestionPlanner, deadlineMs: number, request: PlanRequest): Promise<PlannedQuestion> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<PlannedQuestion>((resolve) => {
    timer = setTimeout(() => resolve({ kind: 'unknown' }), deadlineMs);
  });
  try {
    return await Promise.race([planner.plan(request).catch((): PlannedQuestion => ({ kind: 'unknown' })), timeout]);
  } finally {
    clearTimeout(timer);
  }
}
