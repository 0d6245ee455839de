import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { PeriodSpec } from '../../../../src/domain/periods.js';
import { pairOf } from '../../../../src/domain/questions/period-pairs.js';

const TODAY = '2026-11-20';
const month = (year: number, m: number): PeriodSpec => ({ kind: 'month', year, month: m });

describe('pairOf: two periods named in one question', () => {
  it.each<[string, PeriodSpec, PeriodSpec, PeriodSpec]>([
    ['October then September', month(2026, 10), month(2026, 9), month(2026, 10)],
    ['September then October', month(2026, 9), month(2026, 10), month(2026, 10)],
    ['December then January, across a year end', month(2025, 12), month(2026, 1), month(2026, 1)],
    [
      'Q1 2026 and Q4 2025',
      { kind: 'quarter', year: 2026, quarter: 1 },
      { kind: 'quarter', year: 2025, quarter: 4 },
      { kind: 'quarter', year: 2026, quarter: 1 },
    ],
    ['this week and last week', { kind: 'week', offset: 0 }, { kind: 'week', offset: -1 }, { kind: 'week', offset: 0 }],
    ['today and yesterday', { kind: 'today' }, { kind: 'day', date: '2026-11-19' }, { kind: 'today' }],
    [
      '1 March and 28 February',
      { kind: 'day', date: '2026-03-01' },
      { kind: 'day', date: '2026-02-28' },
      { kind: 'day', date: '2026-03-01' },
    ],
    ['2025 and 2026', { kind: 'year', year: 2025 }, { kind: 'year', year: 2026 }, { kind: 'year', year: 2026 }],
  ])('%s: next to each other, answered as the later', (_said, first, second, later) => {
    expect(pairOf(first, second, TODAY)).toEqual({ kind: 'adjacent', later });
  });

  it.each<[string, PeriodSpec, PeriodSpec]>([
    ['June and October', month(2026, 6), month(2026, 10)],
    ['October 2025 and October 2026', month(2025, 10), month(2026, 10)],
    ['Q3 and October (lengths differ)', { kind: 'quarter', year: 2026, quarter: 3 }, month(2026, 10)],
    ['the same month twice', month(2026, 10), month(2026, 10)],
  ])('%s: apart, so declined', (_said, first, second) => {
    expect(pairOf(first, second, TODAY)).toEqual({ kind: 'apart' });
  });

  it('leaves "since" and ranges alone: they have no period before them to set beside', () => {
    expect(pairOf({ kind: 'since', from: '2026-09-01' }, month(2026, 10), TODAY)).toEqual({ kind: 'other' });
    expect(pairOf(month(2026, 10), { kind: 'range', from: '2026-11-01', to: '2026-11-15' }, TODAY)).toEqual({ kind: 'other' });
  });

  it('reads any two consecutive months the same whichever is said first', () => {
    fc.assert(
      fc.property(fc.integer({ min: 2000, max: 2099 }), fc.integer({ min: 1, max: 12 }), (year, m) => {
        const earlier = month(year, m);
        const later = m === 12 ? month(year + 1, 1) : month(year, m + 1);
        expect(pairOf(earlier, later, TODAY)).toEqual({ kind: 'adjacent', later });
        expect(pairOf(later, earlier, TODAY)).toEqual({ kind: 'adjacent', later });
      }),
    );
  });
});
