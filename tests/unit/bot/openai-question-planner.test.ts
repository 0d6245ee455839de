import { describe, expect, it } from 'vitest';
import { createOpenAiQuestionPlanner, type ChatCompletion } from '../../../src/bot/openai-question-planner.js';
import { readConfig } from '../../../src/config/env.js';
import { createLogger } from '../../../src/log/logger.js';
import { plannerInstructions } from '../../../src/service/question-planner.js';
import { PLANNED_QUERY as QUERY, PLAN_REQUEST as REQUEST } from '../../support/example-force.js';

/** The optional AI planner (issue 4, part 4), with a fake model: no test reaches the network. */

describe('createOpenAiQuestionPlanner', () => {
  const logLines: string[] = [];
  const logger = createLogger({ level: 'trace', destination: { write: (line: string) => void logLines.push(line) } });

  it('sends the instructions and the question, and reads the reply', async () => {
    const calls: { system: string; user: string }[] = [];
    const complete: ChatCompletion = async (request) => {
      calls.push(request);
      return JSON.stringify({ kind: 'query', query: QUERY });
    };
    const planner = createOpenAiQuestionPlanner({ apiKey: 'sk-test', model: 'gpt-4o-mini' }, logger, complete);
    expect(await planner.plan(REQUEST)).toEqual({ kind: 'query', query: QUERY });
    expect(calls).toEqual([{ system: plannerInstructions(REQUEST), user: REQUEST.text }]);
  });

  it('answers unknown to a reply it cannot use, and passes failures on without logging the question', async () => {
    const garbled = createOpenAiQuestionPlanner({ apiKey: 'sk-test', model: 'm' }, logger, async () => 'Sure! Here is your query: {');
    expect(await garbled.plan(REQUEST)).toEqual({ kind: 'unknown' });
    const failing = createOpenAiQuestionPlanner(
      { azureApiKey: 'k', endpoint: 'https://example.invalid', deployment: 'd' },
      logger,
      async () => {
        throw Object.assign(new Error(`rate limited for "${REQUEST.text}"`), { status: 429 });
      },
    );
    await expect(failing.plan(REQUEST)).rejects.toThrow(/rate limited/);
    expect(logLines.join('\n')).toContain('"status":429');
    expect(logLines.join('\n')).not.toContain('innit');
  });
});

describe('configuration', () => {
  it('is off unless a key is configured', () => {
    expect(readConfig({}).openAi).toBeUndefined();
    expect(readConfig({ OPENAI_API_KEY: 'sk-test' }).openAi).toEqual({ apiKey: 'sk-test', model: 'gpt-4o-mini' });
    expect(readConfig({ OPENAI_API_KEY: 'sk-test', OPENAI_MODEL: 'gpt-4.1-mini' }).openAi).toEqual({
      apiKey: 'sk-test',
      model: 'gpt-4.1-mini',
    });
    expect(
      readConfig({ AZURE_OPENAI_API_KEY: 'k', AZURE_OPENAI_ENDPOINT: 'https://x.openai.azure.com', AZURE_OPENAI_DEPLOYMENT: 'd' }).openAi,
    ).toEqual({
      azureApiKey: 'k',
      endpoint: 'https://x.openai.azure.com',
      deployment: 'd',
    });
  });
});
