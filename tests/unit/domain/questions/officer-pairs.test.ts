import { describe, expect, it } from 'vitest';
import { parseQuestion } from '../../../../src/domain/questions/index.js';
import { NOW, PEOPLE, TIME_ZONE, UNITS } from '../../../support/first-reading.js';

/** Two officers named side by side: one team's list holds them both; officers of two teams are asked back, never one answered. */
const senior = { personId: 'P-SENIOR', role: 'senior' as const, unitId: 'FORCE' };
const read = (question: string) => parseQuestion(question, { asker: senior, units: UNITS, people: PEOPLE, now: NOW, timeZone: TIME_ZONE });

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
