import { describe, expect, it } from 'vitest';
import { monthEnds, resolvePeriod } from '../../../../src/domain/periods.js';
import { parseQuestion, type Query } from '../../../../src/domain/questions/index.js';
import { canSeeUnit, UnitTree } from '../../../../src/domain/visibility.js';
import { queryExamples } from '../../../support/spec-file.js';
import { askerFor, NOW, TIME_ZONE, UNITS } from '../../../support/example-force.js';

/**
 * Every line of the spec's queries-examples.tsv (a contract outside tests rely on), asked as its
 * persona: the parser must read the unit, metric and instant the spec names. Refusals are decided by
 * the visibility rules, so the officer's "North LPA compliance" must parse to North LPA and be refused there.
 */

const unit = (unitId: string) => ({ kind: 'unit', unitId }) as const;
const now = { kind: 'now' } as const;

/** The reading each spec line stands for, spelled out as a query. */
const EXPECTED: Record<string, Query | 'help' | 'not_understood'> = {
  "my team's compliance this month": {
    intent: { kind: 'figure' },
    metric: 'overall',
    scope: unit('N-T2'),
    period: { kind: 'month', year: 2026, month: 11 },
  },
  'what was our compliance last month?': {
    intent: { kind: 'figure' },
    metric: 'overall',
    scope: unit('N-T2'),
    period: { kind: 'month', year: 2026, month: 10 },
  },
  'needs assessments this month': {
    intent: { kind: 'figure' },
    metric: 'needs_assessment',
    scope: unit('N-T2'),
    period: { kind: 'month', year: 2026, month: 11 },
  },
  'how many of my victims are overdue an update?': {
    intent: { kind: 'figure', count: true },
    metric: 'updates',
    scope: unit('N-T2'),
    period: now,
  },
  'team figures for June': {
    intent: { kind: 'figure' },
    metric: 'overall',
    scope: unit('N-T2'),
    period: { kind: 'month', year: 2026, month: 6 },
  },
  'South LPA compliance this month': {
    intent: { kind: 'figure' },
    metric: 'overall',
    scope: unit('S-LPA'),
    period: { kind: 'month', year: 2026, month: 11 },
  },
  'how is South Team 1 doing on updates?': { intent: { kind: 'figure' }, metric: 'updates', scope: unit('S-T1'), period: now },
  'compare my teams this month': {
    intent: { kind: 'compare_children' },
    metric: 'overall',
    scope: unit('S-LPA'),
    period: { kind: 'month', year: 2026, month: 11 },
  },
  'which team has the most missing needs assessments?': {
    intent: { kind: 'most', of: 'missing_needs_assessments' },
    metric: 'needs_assessment',
    scope: unit('S-LPA'),
    period: now,
  },
  'force VCOP compliance': { intent: { kind: 'figure' }, metric: 'overall', scope: { kind: 'force' }, period: now },
  'force compliance in October 2026': {
    intent: { kind: 'figure' },
    metric: 'overall',
    scope: { kind: 'force' },
    period: { kind: 'month', year: 2026, month: 10 },
  },
  'North LPA needs assessment rate last month': {
    intent: { kind: 'figure' },
    metric: 'needs_assessment',
    scope: unit('N-LPA'),
    period: { kind: 'month', year: 2026, month: 10 },
  },
  'teams below 85%': { intent: { kind: 'below_target', threshold: 85 }, metric: 'overall', scope: { kind: 'force' }, period: now },
  'trend for City LPA over the last 6 months': {
    intent: { kind: 'trend', months: 6 },
    metric: 'overall',
    scope: unit('C-LPA'),
    period: now,
  },
  'my overdue updates': { intent: { kind: 'my_items' }, metric: 'updates', scope: { kind: 'officer', personId: 'self' }, period: now },
  'North LPA compliance': { intent: { kind: 'figure' }, metric: 'overall', scope: unit('N-LPA'), period: now },
  help: 'help',
  asdfgh: 'not_understood',
};

/** The spec's instant column: NOW, "last month", a month name with or without year, or month-ends. */
function expectedInstant(column: string): Date | null {
  if (column === 'NOW') return NOW;
  if (column === 'last month') return new Date('2026-10-31T23:59:59.999Z');
  if (column === 'June') return new Date('2026-06-30T22:59:59.999Z');
  if (column === 'October 2026') return new Date('2026-10-31T23:59:59.999Z');
  return null;
}

const METRIC_COLUMN: Record<string, Query['metric']> = {
  overall: 'overall',
  'needs assessment': 'needs_assessment',
  updates: 'updates',
  items: 'updates',
};

describe('queries-examples.tsv (spec)', () => {
  const lines = queryExamples();

  it('has an expectation for every line', () => {
    expect(lines.length).toBeGreaterThan(0);
    expect(lines.map((l) => l.question).filter((q) => !(q in EXPECTED))).toEqual([]);
  });

  it.each(lines)('$persona: "$question"', (line) => {
    const understanding = parseQuestion(line.question, { asker: askerFor(line.persona), units: UNITS, now: NOW, timeZone: TIME_ZONE });
    const expected = EXPECTED[line.question]!;
    if (expected === 'help' || expected === 'not_understood') {
      // Nothing read but words the parser does not know is "not understood", naming those words.
      const kind = understanding.kind === 'unread' && understanding.reading === null ? 'not_understood' : understanding.kind;
      expect(kind).toBe(expected);
      if (understanding.kind === 'not_understood' || understanding.kind === 'unread') {
        expect(understanding.suggestions.length).toBeGreaterThanOrEqual(3);
      }
      return;
    }
    expect(understanding.kind).toBe('query');
    expect(understanding.kind === 'query' && understanding.query).toEqual(expected);
    const query = expected;

    // The spec's own columns, checked on the reading: the unit by name, the metric, the instant.
    const named = UNITS.find((u) => u.name === line.unit);
    if (named) expect(query.scope).toEqual(named.kind === 'force' ? { kind: 'force' } : unit(named.id));
    if (line.unit === 'force') expect(query.scope).toEqual({ kind: 'force' });
    if (line.metric in METRIC_COLUMN) expect(query.metric).toBe(METRIC_COLUMN[line.metric]);
    const instant = expectedInstant(line.instant);
    if (instant) expect(resolvePeriod(query.period, NOW, TIME_ZONE).snapshotAt).toEqual(instant);
    if (line.instant === 'six month-ends') {
      expect(query.intent).toEqual({ kind: 'trend', months: 6 });
      expect(monthEnds(6, NOW, TIME_ZONE).map((end) => end.at.toISOString())).toEqual([
        '2026-06-30T22:59:59.999Z',
        '2026-07-31T22:59:59.999Z',
        '2026-08-31T22:59:59.999Z',
        '2026-09-30T22:59:59.999Z',
        '2026-10-31T23:59:59.999Z',
        NOW.toISOString(),
      ]);
    }
    if (line.unit.startsWith('refused')) {
      const asker = askerFor(line.persona);
      const target = query.scope.kind === 'unit' ? query.scope.unitId : 'FORCE';
      expect(canSeeUnit(asker, target, new UnitTree(UNITS), 'FORCE').allowed).toBe(false);
    }
  });
});
