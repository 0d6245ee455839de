import { describe, expect, it } from 'vitest';
import { parseQuestion } from '../../../../src/domain/questions/index.js';
import { NOW, PEOPLE, TIME_ZONE, UNITS } from '../../../support/first-reading.js';

/**
 * People named (src/domain/questions/officer-scope.ts): beside a unit, neither is dropped; two officers side by side
 * are one team's list, and officers of two teams are asked back, never one answered.
 */
const senior = { personId: 'P-SENIOR', role: 'senior' as const, unitId: 'FORCE' };
const read = (question: string) => parseQuestion(question, { asker: senior, units: UNITS, people: PEOPLE, now: NOW, timeZone: TIME_ZONE });
const queryOf = (question: string) => {
  const understanding = read(question);
  if (understanding.kind !== 'query') throw new Error(`"${question}" was read as ${understanding.kind}`);
  return understanding.query;
};

describe('a person named beside a unit', () => {
  it.each([
    "compare Dan Moss's team with City Team 1",
    "compare PS 3100 Dan Moss's team with City Team 1",
    'compare dan moss team with city team 1',
  ])('"%s": their team and the other, side by side in the force\'s list of teams', (question) => {
    expect(queryOf(question)).toMatchObject({
      intent: { kind: 'compare_children', only: ['S-T1', 'C-T1'], among: 'teams' },
      scope: { kind: 'force' },
    });
  });

  it('reads their team alone as the team: "PS 2100 Ruth Evans\'s team compliance"', () => {
    expect(queryOf("PS 2100 Ruth Evans's team compliance")).toMatchObject({
      intent: { kind: 'figure' },
      scope: { kind: 'unit', unitId: 'N-T2' },
    });
  });

  it('asks back about a person beside a unit that does not hold them, offering both', () => {
    const understanding = read('PC 2102 Tom Okafor vs City Team 1');
    expect(understanding.kind).toBe('ambiguous');
    const offered = understanding.kind === 'ambiguous' ? understanding.options.map((option) => option.query.scope) : [];
    expect(offered).toEqual([
      { kind: 'officer', personId: 'P-2102' },
      { kind: 'unit', unitId: 'C-T1' },
    ]);
  });

  it('keeps a person inside the unit named with them: "Tom Okafor in North LPA" is his figure', () => {
    expect(queryOf('Tom Okafor in North LPA').scope).toEqual({ kind: 'officer', personId: 'P-2102' });
  });

  it('sets teams of two commands side by side: "South Team 2 vs East Team 2 overall"', () => {
    expect(queryOf('South Team 2 vs East Team 2 overall')).toMatchObject({
      intent: { kind: 'compare_children', only: ['S-T2', 'E-T2'], among: 'teams' },
      scope: { kind: 'force' },
    });
  });
});

describe('two officers compared by name', () => {
  it('sets two of one team side by side in their team', () => {
    expect(read('Amara Shah vs Tom Okafor on updates')).toMatchObject({
      kind: 'query',
      query: { intent: { kind: 'compare_children', only: ['P-2101', 'P-2102'] }, scope: { kind: 'unit', unitId: 'N-T2' } },
    });
  });

  it('asks back about two of different teams, offering each, rather than answering for one', () => {
    const understanding = read('DC Price vs PC Okafor on updates');
    expect(understanding.kind).toBe('ambiguous');
    const offered = understanding.kind === 'ambiguous' ? understanding.options.map((option) => option.query.scope) : [];
    expect(offered).toEqual([
      { kind: 'officer', personId: 'P-3201' },
      { kind: 'officer', personId: 'P-2102' },
    ]);
  });
});
