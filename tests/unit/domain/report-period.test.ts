import { describe, expect, it } from 'vitest';
import { readEvaluation } from '../../../src/domain/evaluation-params.js';
import { readReportPeriod } from '../../../src/domain/report-period.js';

const NOW = new Date('2026-11-20T10:00:00Z');
const ZONE = 'Europe/London';

function period(value: string | undefined) {
  const reading = readReportPeriod(value, NOW, ZONE);
  if (!reading.ok) throw new Error(reading.problem);
  return reading.period;
}

describe("a performance report's month", () => {
  it('is read exactly as the figures API reads ?period=, with twelve month-ends of trend ending at it', () => {
    const october = period('2026-10');
    const figures = readEvaluation({ period: '2026-10' }, NOW, ZONE);
    expect(figures.ok && figures.period).toMatchObject({
      label: october.label,
      snapshotAt: october.snapshotAt,
      previousSnapshotAt: october.previousSnapshotAt,
    });
    expect(october.snapshotAt.toISOString()).toBe('2026-10-31T23:59:59.999Z');
    // The end of September is in summer time.
    expect(october.previousSnapshotAt.toISOString()).toBe('2026-09-30T22:59:59.999Z');
    expect(october.trend).toHaveLength(12);
    expect(october.trend.map((p) => p.short)).toEqual([
      'Nov 25',
      'Dec 25',
      'Jan 26',
      'Feb 26',
      'Mar 26',
      'Apr 26',
      'May 26',
      'Jun 26',
      'Jul 26',
      'Aug 26',
      'Sep 26',
      'Oct 26',
    ]);
    expect(october.trend.at(-1)).toEqual({ label: 'October 2026', short: 'Oct 26', at: october.snapshotAt });
    expect(october.trend.at(-2)?.at).toEqual(october.previousSnapshotAt);
    expect(october.trend[0]?.at.toISOString()).toBe('2025-11-30T23:59:59.999Z');
  });

  it('answers the running month at now, and says so', () => {
    const november = period('2026-11');
    expect([november.ended, november.snapshotAt]).toEqual([false, NOW]);
    expect(november.trend.at(-1)).toEqual({ label: 'November 2026 so far', short: 'Nov 26', at: NOW });
  });

  it('refuses a month still to come, a month that is not one, and none, each saying what to give', () => {
    expect(readReportPeriod('2026-12', NOW, ZONE)).toEqual({
      ok: false,
      problem: "'2026-12' has not started yet, so it has no figures: give this month (2026-11) or an earlier one",
    });
    expect(readReportPeriod('2026-13', NOW, ZONE)).toEqual({
      ok: false,
      problem: "'2026-13' is not a month from 1900-01 to 9999-12: use YYYY-MM, e.g. 2026-10",
    });
    expect(readReportPeriod(undefined, NOW, ZONE)).toEqual({ ok: false, problem: 'is missing: give the month as YYYY-MM, e.g. 2026-10' });
  });

  it('starts its trend no earlier than the first reporting month', () => {
    expect(period('1900-03').trend.map((p) => p.short)).toEqual(['Jan 00', 'Feb 00', 'Mar 00']);
  });
});
