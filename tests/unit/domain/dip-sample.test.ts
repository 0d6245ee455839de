import { describe, expect, it } from 'vitest';
import { dipDrawDate, drawDipSample, shiftPeriod, type DipCandidate } from '../../../src/domain/dip-sample.js';
import { parsePolicy, PolicyError } from '../../../src/domain/policy.js';
import { englandAndWales } from '../../support/england-and-wales.js';

const CATEGORIES = ['violence', 'domestic abuse', 'RASSO', 'hate', 'serious acquisitive'];

/** 60 cases of team N-T1: most of them violence, a few of each other category. */
function pool(): DipCandidate[] {
  return Array.from({ length: 60 }, (_, i) => ({
    caseId: `CR-26-${String(1000 + i)}`,
    category: i < 40 ? 'violence' : (CATEGORIES[1 + (i % 4)] as string),
    unitId: 'N-T1',
    oicId: `P${i % 5}`,
  }));
}

const draw = (candidates: DipCandidate[], overrides: Partial<Parameters<typeof drawDipSample>[0]> = {}) =>
  drawDipSample({ unitId: 'N-T1', period: '2026-11', candidates, size: 10, categories: [], excludedCaseIds: new Set(), ...overrides });

describe('the dip-sample draw', () => {
  it('is reproducible: the same unit and month draw the same cases, however the pool is listed', () => {
    const first = draw(pool());
    expect(first).toHaveLength(10);
    expect(draw([...pool()].reverse()).map((c) => c.caseId)).toEqual(first.map((c) => c.caseId));
    expect(draw(pool(), { period: '2026-12' }).map((c) => c.caseId)).not.toEqual(first.map((c) => c.caseId));
    expect(draw(pool(), { unitId: 'N-T2' }).map((c) => c.caseId)).not.toEqual(first.map((c) => c.caseId));
  });

  it('is stratified: every category is read although two thirds of the pool is violence', () => {
    const counts = new Map<string, number>();
    for (const drawn of draw(pool())) counts.set(drawn.category, (counts.get(drawn.category) ?? 0) + 1);
    expect([...counts.keys()].sort()).toEqual([...CATEGORIES].sort());
    // Five categories, ten cases: two each.
    expect([...counts.values()]).toEqual([2, 2, 2, 2, 2]);
  });

  it('fills the sample from the categories that have cases left when one runs dry', () => {
    const candidates = pool().filter((c) => c.category !== 'hate' || c.caseId === 'CR-26-1042');
    const drawn = draw(candidates);
    expect(drawn).toHaveLength(10);
    expect(drawn.filter((c) => c.category === 'hate')).toHaveLength(1);
  });

  it("draws only the policy's categories when it lists them (any case)", () => {
    const drawn = draw(pool(), { categories: ['rasso', 'Domestic Abuse'] });
    expect(new Set(drawn.map((c) => c.category))).toEqual(new Set(['RASSO', 'domestic abuse']));
    expect(drawn.length).toBe(pool().filter((c) => c.category === 'RASSO' || c.category === 'domestic abuse').length);
  });

  it('never draws a case drawn in the look-back window, and draws a smaller sample when the pool is small', () => {
    const first = draw(pool());
    const excluded = new Set(first.map((c) => c.caseId));
    const next = draw(pool(), { excludedCaseIds: excluded });
    expect(next).toHaveLength(10);
    expect(next.filter((c) => excluded.has(c.caseId))).toEqual([]);
    expect(draw(pool().slice(0, 3))).toHaveLength(3);
    expect(draw([])).toEqual([]);
  });
});

describe('when the sample is drawn', () => {
  const calendar = englandAndWales;

  it('on the first working day of the month by default, or the n-th', () => {
    expect(dipDrawDate('2026-11', 1, calendar)).toBe('2026-11-02');
    // 1 Jan 2027 is a bank holiday and Friday: the first working day is Monday 4 Jan.
    expect(dipDrawDate('2027-01', 1, calendar)).toBe('2027-01-04');
    expect(dipDrawDate('2026-12', 3, calendar)).toBe('2026-12-03');
    expect(dipDrawDate('2026-13', 1, calendar)).toBeNull();
  });

  it('counts look-back months across years', () => {
    expect(shiftPeriod('2026-11', -12)).toBe('2025-11');
    expect(shiftPeriod('2026-01', -1)).toBe('2025-12');
    expect(shiftPeriod('2026-12', 1)).toBe('2027-01');
  });
});

describe('the dip-sample policy keys', () => {
  const problemsOf = (json: unknown): string[] => {
    try {
      parsePolicy(json);
      return [];
    } catch (error) {
      if (error instanceof PolicyError) return error.problems;
      throw error;
    }
  };

  it("default to 10 cases per team, every category, 12 months' look-back, the first working day and the nine questions", () => {
    const policy = parsePolicy({});
    expect(policy).toMatchObject({
      dipSampleSize: 10,
      dipSampleUnitLevel: 'team',
      dipSampleCategories: [],
      dipSampleLookBackMonths: 12,
      dipSampleDrawWorkingDay: 1,
    });
    expect(policy.dipQuestions).toHaveLength(9);
    expect(policy.dipQuestions[0]).toEqual({ id: 'codeCompliant', text: 'Was the case Code compliant?' });
  });

  it('names every bad key and what to write instead', () => {
    const problems = problemsOf({
      dipSampleSize: 0,
      dipSampleUnitLevel: 'force',
      dipSampleCategories: ['RASSO', 'rasso'],
      dipQuestions: [
        { id: 'a', text: 'One?' },
        { id: 'a', text: 'Two?' },
      ],
    });
    expect(problems).toEqual([
      'dipSampleSize: must be a whole number from 1 to 25 (got 0)',
      'dipSampleUnitLevel: must be one of team, department, command (got "force")',
      'dipSampleCategories: must name each category once (got ["RASSO","rasso"])',
      'dipQuestions: must give each question its own id (got [{"id":"a","text":"One?"},{"id":"a","text":"Two?"}])',
    ]);
    expect(problemsOf({ dipQuestions: [{ id: 'has space', text: '' }] })).toEqual([
      expect.stringMatching(/^dipQuestions\.0\.id: must be a short id/),
      expect.stringMatching(/^dipQuestions\.0\.text: must be the question/),
    ]);
  });
});
