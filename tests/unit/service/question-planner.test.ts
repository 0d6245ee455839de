import { describe, expect, it } from 'vitest';
import { plannerInstructions, readPlannerReply } from '../../../src/service/question-planner.js';
import { PEOPLE, PLANNED_QUERY as QUERY, UNITS, PLAN_REQUEST as REQUEST } from '../../support/example-force.js';

/** What the optional AI planner (issue 4, part 4) is told, and how its reply is read (the bot's adapter: tests/unit/bot). */

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
