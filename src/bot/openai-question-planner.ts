import OpenAI, { AzureOpenAI } from 'openai';
import type { AppConfig } from '../config/env.js';
import type { Logger } from '../log/logger.js';
import {
  plannerInstructions,
  readPlannerReply,
  type PlanRequest,
  type PlannedQuestion,
  type QuestionPlanner,
} from '../service/question-planner.js';

/**
 * The optional AI planner over OpenAI or Azure OpenAI (src/service/question-planner.ts says what it may
 * see and do). One chat completion per question, JSON only, temperature 0, a short timeout and one
 * retry: a slow or failing model costs the person a few seconds at most, then the local parser answers.
 */

/** The one call the planner makes; tests pass their own, so no test ever reaches the network. */
export type ChatCompletion = (request: { system: string; user: string }) => Promise<string>;

export const PLANNER_TIMEOUT_MS = 6000;
const API_VERSION = '2024-10-21';

export function createOpenAiQuestionPlanner(
  settings: NonNullable<AppConfig['openAi']>,
  logger: Logger,
  complete: ChatCompletion = openAiCompletion(settings),
): QuestionPlanner {
  const log = logger.child({ component: 'question-planner', provider: 'apiKey' in settings ? 'openai' : 'azure-openai' });
  return {
    async plan(request: PlanRequest): Promise<PlannedQuestion> {
      let reply: string;
      try {
        reply = await complete({ system: plannerInstructions(request), user: request.text });
      } catch (error) {
        // The status and class only: an error message could quote the request back.
        log.warn(
          { errorName: error instanceof Error ? error.name : typeof error, status: (error as { status?: unknown }).status },
          'AI planner unavailable; the local parser answers',
        );
        throw error;
      }
      const planned = readPlannerReply(reply, request.units);
      log.debug({ planned: planned.kind }, 'AI planner replied');
      return planned;
    },
  };
}

function openAiCompletion(settings: NonNullable<AppConfig['openAi']>): ChatCompletion {
  const options = { timeout: PLANNER_TIMEOUT_MS, maxRetries: 1 };
  const client =
    'apiKey' in settings
      ? new OpenAI({ apiKey: settings.apiKey, ...options })
      : new AzureOpenAI({
          apiKey: settings.azureApiKey,
          endpoint: settings.endpoint,
          deployment: settings.deployment,
          apiVersion: API_VERSION,
          ...options,
        });
  const model = 'apiKey' in settings ? settings.model : settings.deployment;
  return async ({ system, user }) => {
    const response = await client.chat.completions.create({
      model,
      temperature: 0,
      max_tokens: 300,
      response_format: { type: 'json_object' },
      messages: [
        { role: 'system', content: system },
        { role: 'user', content: user },
      ],
    });
    return response.choices[0]?.message?.content ?? '';
  };
}
