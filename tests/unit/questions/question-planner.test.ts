import { describe, expect, it } from 'vitest';
import { createOpenAiQuestionPlanner, type ChatCompletion } from '../../../src/bot/openai-question-planner.js';
import { readConfig } from '../../../src/config/env.js';
import { plannerInstructions, readPlannerReply, type PlanRequest } from '../../../src/service/question-planner.js';
import { createLogger } from '../../../src/log/logger.js';
import { PEOPLE, UNITS } from './example-force.js';

/** The optional AI planner (issue 4, part 4), with a fake model: no test reaches the network. */

const REQUEST: PlanRequest = {
  text: 'how r we lookin on VCOP innit',
  asker: { role: 'supervisor', unitId: 'N-T2' },
  units: UNITS,
  today: '2026-11-20',
  timeZone: 'Europe/London',
};

const QUERY = { intent: { kind: 'figure' }, metric: 'overall', scope: { kind: 'unit', unitId: 'N-T2' }, period: { kind: 'now' } };

describe('readPlannerReply', () => {
  it('accepts exactly the query shape the parser produces, help, or unknown', () => {
    expect(readPlannerReply(JSON.stringify({ kind: 'query', query: QUERY }), UNITS)).toEqual({ kind: 'query', query: QUERY });
    expect(readPlannerReply('{"kind":"help"}', UNITS)).toEqual({ kind: 'help' });
    expect(readPlannerReply('{"kind":"unknown"}', UNITS)).toEqual({ kind: 'unknown' });
  });

  it('reads anything else as unknown: not JSON, other shapes, SQL, invented units or people', () => {
    const unknown = { kind: 'unknown' };
    expect(readPlannerReply('SELECT * FROM victims', UNITS)).toEqual(unknown);
    expect(readPlannerReply('{"kind":"sql","sql":"select 1"}', UNITS)).toEqual(unknown);
    expect(readPlannerReply(JSON.stringify({ kind: 'query', query: { ...QUERY, sql: 'select 1' } }), UNITS)).toEqual(unknown);
    expect(
      readPlannerReply(JSON.stringify({ kind: 'query', query: { ...QUERY, scope: { kind: 'unit', unitId: 'E-LPA' } } }), UNITS),
    ).toEqual(unknown);
    expect(
      readPlannerReply(JSON.stringify({ kind: 'query', query: { ...QUERY, scope: { kind: 'officer', personId: 'P-2101' } } }), UNITS),
    ).toEqual(unknown);
    expect(
      readPlannerReply(JSON.stringify({ kind: 'query', query: { ...QUERY, period: { kind: 'month', year: 2026, month: 13 } } }), UNITS),
    ).toEqual(unknown);
  });
});

describe('plannerInstructions', () => {
  it('gives the model the unit tree, the asker and the date, and never a person or a figure', () => {
    const text = plannerInstructions(REQUEST);
    for (const unit of UNITS) expect(text).toContain(unit.name);
    expect(text).toContain('role supervisor, unit N-T2');
    expect(text).toContain('Today is 2026-11-20');
    for (const person of PEOPLE) expect(text).not.toContain(person.name.split(' ').at(-1));
    expect(text).not.toMatch(/\d+\.\d%/);
  });
});

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
