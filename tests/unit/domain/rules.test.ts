import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { addCalendarDays, startOfLocalDay } from '../../../src/domain/calendar.js';
import { defaultPolicy, type Policy } from '../../../src/domain/policy.js';
import { evaluateVictim, type VictimFacts } from '../../../src/domain/rules.js';
import { dateOfDayNumber, dayNumber, englandAndWales } from '../../support/england-and-wales.js';

const RECORDED = '2026-10-01T09:12:00+01:00'; // a Thursday

function victim(overrides: Partial<VictimFacts> = {}): VictimFacts {
  return {
    victimId: 'V-1',
    caseId: 'CR-1',
    enhanced: false,
    recordedAt: new Date(RECORDED),
    closedAt: null,
    needsAssessment: null,
    contacts: [],
    ...overrides,
  };
}

function evaluate(facts: VictimFacts, at: string, policy: Policy = defaultPolicy) {
  return evaluateVictim(facts, new Date(at), policy, englandAndWales);
}

const assessed = (completedAt: string, updateFrequencyDays: number | null = null) => ({
  completedAt: new Date(completedAt),
  updateFrequencyDays,
});
const update = (at: string) => ({ at: new Date(at), kind: 'update' as const });
const agreement = (at: string) => ({ at: new Date(at), kind: 'agreement' as const });

describe('population at t', () => {
  it('starts at the recording instant', () => {
    expect(evaluate(victim(), RECORDED).inPopulation).toBe(true);
    expect(evaluate(victim(), '2026-10-01T09:11:59.999+01:00').inPopulation).toBe(false);
  });

  it('ends when the case closes: a case closed exactly at t is not live', () => {
    const closed = victim({ closedAt: new Date('2026-11-01T12:00:00Z') });
    expect(evaluate(closed, '2026-11-01T12:00:00Z').inPopulation).toBe(false);
    expect(evaluate(closed, '2026-11-01T11:59:59.999Z').inPopulation).toBe(true);
  });
});

describe('needs assessment', () => {
  it('is due 2 working days after the local recording date and in breach the day after', () => {
    expect(evaluate(victim(), '2026-10-05T23:59:59+01:00').needsAssessment).toEqual({ status: 'due', dueDate: '2026-10-05' });
    const late = evaluate(victim(), '2026-10-06T00:00:00+01:00');
    expect(late.needsAssessment).toEqual({ status: 'breach', dueDate: '2026-10-05' });
    expect(late.fullyCompliant).toBe(false);
  });

  it('is met only once completed at or before t', () => {
    const facts = victim({ needsAssessment: assessed('2026-10-06T10:00:00+01:00') });
    expect(evaluate(facts, '2026-10-06T09:59:59+01:00').needsAssessment.status).toBe('breach');
    expect(evaluate(facts, '2026-10-06T10:00:00+01:00').needsAssessment.status).toBe('met');
    expect(
      evaluate(victim({ needsAssessment: { completedAt: null, updateFrequencyDays: 14 } }), '2026-10-06T10:00:00+01:00').needsAssessment
        .status,
    ).toBe('breach');
  });

  it.each([
    ['a Friday recording', '2026-10-16T16:00:00+01:00', '2026-10-20'],
    ['a Saturday recording', '2026-10-17T11:00:00+01:00', '2026-10-20'],
    ['Christmas Eve (25th and the Boxing Day substitute on the 28th skipped)', '2026-12-24T15:00:00Z', '2026-12-30'],
    ['New Year’s Eve', '2026-12-31T15:00:00Z', '2027-01-05'],
    ['the Thursday before Easter', '2026-04-02T10:00:00+01:00', '2026-04-08'],
    ['Good Friday', '2026-04-03T10:00:00+01:00', '2026-04-08'],
  ])('after %s is due on the right working day', (_, recordedAt, dueDate) => {
    expect(evaluate(victim({ recordedAt: new Date(recordedAt) }), recordedAt).needsAssessment).toEqual({ status: 'due', dueDate });
  });

  it('with 0 working days is due on the recording date itself', () => {
    const saturday = victim({ recordedAt: new Date('2026-10-17T11:00:00+01:00') });
    expect(evaluate(saturday, '2026-10-18T09:00:00+01:00', { ...defaultPolicy, needsAssessmentWorkingDays: 0 }).needsAssessment).toEqual({
      status: 'breach',
      dueDate: '2026-10-17',
    });
  });
});

describe('victim updates', () => {
  it('are due 28 days after recording when there is no update: 31 Jan + 28 is 28 Feb', () => {
    const facts = victim({ recordedAt: new Date('2026-01-31T10:00:00Z'), needsAssessment: assessed('2026-01-31T11:00:00Z') });
    expect(evaluate(facts, '2026-02-28T23:59:59Z').update).toEqual({
      status: 'on_time',
      intervalDays: 28,
      lastContactDate: '2026-01-31',
      dueDate: '2026-02-28',
      daysOverdue: 0,
    });
    const late = evaluate(facts, '2026-03-01T00:00:00Z');
    expect(late.update).toMatchObject({ status: 'breach', dueDate: '2026-02-28', daysOverdue: 1 });
    expect(late.fullyCompliant).toBe(false);
  });

  it('run from the latest update at or before t, whatever the order of the contacts', () => {
    const facts = victim({
      needsAssessment: assessed(RECORDED),
      contacts: [update('2026-10-20T15:30:00+01:00'), update('2026-10-10T10:00:00+01:00'), update('2026-11-30T10:00:00Z')],
    });
    const result = evaluate(facts, '2026-11-20T12:00:00Z');
    expect(result.update).toMatchObject({ status: 'breach', lastContactDate: '2026-10-20', dueDate: '2026-11-17', daysOverdue: 3 });
    expect(evaluate(facts, '2026-11-17T23:00:00Z').update.status).toBe('on_time');
  });

  describe('near midnight and the clock changes', () => {
    it('23:30 on 31 Oct 2026 (GMT) is the 31st: due 28 Nov', () => {
      const facts = victim({ recordedAt: new Date('2026-10-31T23:30:00Z') });
      const result = evaluate(facts, '2026-11-28T23:59:59Z');
      expect(result.update).toMatchObject({ status: 'on_time', lastContactDate: '2026-10-31', dueDate: '2026-11-28' });
      expect(result.needsAssessment.dueDate).toBe('2026-11-03');
      expect(evaluate(facts, '2026-11-29T00:00:00Z').update).toMatchObject({ status: 'breach', daysOverdue: 1 });
    });

    it('23:30 BST on 31 July is the 31st, but 23:30 UTC that night is already 1 August', () => {
      const bst = evaluate(victim({ recordedAt: new Date('2026-07-31T23:30:00+01:00') }), '2026-08-01T12:00:00Z');
      expect(bst.update).toMatchObject({ lastContactDate: '2026-07-31', dueDate: '2026-08-28' });
      expect(bst.needsAssessment.dueDate).toBe('2026-08-04');
      const utc = evaluate(victim({ recordedAt: new Date('2026-07-31T23:30:00Z') }), '2026-08-01T12:00:00Z');
      expect(utc.update).toMatchObject({ lastContactDate: '2026-08-01', dueDate: '2026-08-29' });
      expect(utc.needsAssessment.dueDate).toBe('2026-08-04');
    });

    it('00:30 BST on the October change day is that Sunday, though UTC says Saturday', () => {
      const result = evaluate(victim({ recordedAt: new Date('2026-10-24T23:30:00Z') }), '2026-10-26T12:00:00Z');
      expect(result.update).toMatchObject({ lastContactDate: '2026-10-25', dueDate: '2026-11-22' });
      expect(result.needsAssessment.dueDate).toBe('2026-10-27');
    });

    it('both sides of the March jump give the same Sunday', () => {
      for (const recordedAt of ['2026-03-29T00:30:00Z', '2026-03-29T01:30:00Z']) {
        const result = evaluate(victim({ recordedAt: new Date(recordedAt) }), '2026-03-30T12:00:00+01:00');
        expect(result.update).toMatchObject({ lastContactDate: '2026-03-29', dueDate: '2026-04-26' });
        expect(result.needsAssessment.dueDate).toBe('2026-03-31');
      }
    });
  });

  describe('agreement to be contacted only on significant developments', () => {
    it('after the last update suspends the obligation', () => {
      const facts = victim({
        needsAssessment: assessed(RECORDED),
        contacts: [update('2026-10-10T10:00:00+01:00'), agreement('2026-10-12T10:00:00+01:00')],
      });
      const result = evaluate(facts, '2026-12-01T12:00:00Z');
      expect(result.update).toEqual({
        status: 'suspended',
        intervalDays: 28,
        lastContactDate: '2026-10-10',
        dueDate: '2026-11-07',
        daysOverdue: 0,
      });
      expect(result.fullyCompliant).toBe(true);
    });

    it('before the last update does not: the update restarted the clock', () => {
      const facts = victim({ contacts: [agreement('2026-10-05T10:00:00+01:00'), update('2026-10-10T10:00:00+01:00')] });
      expect(evaluate(facts, '2026-11-07T12:00:00Z').update.status).toBe('on_time');
      expect(evaluate(facts, '2026-12-01T12:00:00Z').update).toMatchObject({ status: 'breach', dueDate: '2026-11-07', daysOverdue: 24 });
    });

    it('with no update counts from the recording', () => {
      const facts = victim({ contacts: [agreement('2026-10-02T10:00:00+01:00')] });
      expect(evaluate(facts, '2026-12-01T12:00:00Z').update.status).toBe('suspended');
    });

    it('at the same instant as the last update is not later than it', () => {
      const facts = victim({ contacts: [update('2026-10-10T10:00:00+01:00'), agreement('2026-10-10T10:00:00+01:00')] });
      expect(evaluate(facts, '2026-12-01T12:00:00Z').update.status).toBe('breach');
    });

    it('recorded after t does not count at t', () => {
      const facts = victim({ contacts: [agreement('2026-11-15T10:00:00Z')] });
      expect(evaluate(facts, '2026-11-10T12:00:00Z').update).toMatchObject({ status: 'breach', daysOverdue: 12 });
      expect(evaluate(facts, '2026-11-16T12:00:00Z').update.status).toBe('suspended');
    });
  });

  describe('agreed frequency', () => {
    it('from a completed needs assessment replaces the default interval', () => {
      const facts = victim({ needsAssessment: assessed('2026-10-01T10:00:00+01:00', 14) });
      expect(evaluate(facts, '2026-10-15T23:00:00+01:00').update).toMatchObject({
        status: 'on_time',
        intervalDays: 14,
        dueDate: '2026-10-15',
      });
      expect(evaluate(facts, '2026-10-16T00:00:00+01:00').update).toMatchObject({ status: 'breach', daysOverdue: 1 });
    });

    it('counts only once the assessment is completed at or before t', () => {
      const notCompleted = victim({ needsAssessment: { completedAt: null, updateFrequencyDays: 14 } });
      expect(evaluate(notCompleted, '2026-10-20T12:00:00Z').update).toMatchObject({
        status: 'on_time',
        intervalDays: 28,
        dueDate: '2026-10-29',
      });

      const completedLater = victim({ needsAssessment: assessed('2026-10-20T10:00:00+01:00', 14) });
      expect(evaluate(completedLater, '2026-10-16T12:00:00Z').update).toMatchObject({ status: 'on_time', intervalDays: 28 });
      expect(evaluate(completedLater, '2026-10-20T12:00:00Z').update).toMatchObject({ status: 'breach', intervalDays: 14, daysOverdue: 5 });
    });

    it('not recorded leaves the policy interval', () => {
      const facts = victim({ needsAssessment: assessed(RECORDED, null) });
      expect(evaluate(facts, '2026-10-20T12:00:00Z').update.intervalDays).toBe(28);
      expect(evaluate(facts, '2026-10-20T12:00:00Z', { ...defaultPolicy, updateIntervalDays: 7 }).update).toMatchObject({
        intervalDays: 7,
        status: 'breach',
        daysOverdue: 12,
      });
    });
  });
});

describe('several victims on one case', () => {
  it('are judged each on their own facts', () => {
    const updated = victim({ victimId: 'V-1', needsAssessment: assessed(RECORDED), contacts: [update('2026-10-20T15:30:00+01:00')] });
    const forgotten = victim({ victimId: 'V-2', enhanced: true });
    const at = '2026-11-10T12:00:00Z';
    expect(evaluate(updated, at)).toMatchObject({
      inPopulation: true,
      fullyCompliant: true,
      needsAssessment: { status: 'met' },
      update: { status: 'on_time', dueDate: '2026-11-17' },
    });
    expect(evaluate(forgotten, at)).toMatchObject({
      inPopulation: true,
      fullyCompliant: false,
      needsAssessment: { status: 'breach', dueDate: '2026-10-05' },
      update: { status: 'breach', dueDate: '2026-10-29', daysOverdue: 12 },
    });
  });
});

describe('the force time zone', () => {
  it('decides the local dates', () => {
    const result = evaluate(victim({ recordedAt: new Date('2026-07-01T02:00:00Z') }), '2026-07-01T03:00:00Z', {
      ...defaultPolicy,
      timeZone: 'America/New_York',
    });
    expect(result.today).toBe('2026-06-30');
    expect(result.update.lastContactDate).toBe('2026-06-30');
  });
});

/** Last Sunday of a month, computed here rather than taken from the code under test. */
function lastSunday(year: number, month: number): string {
  const last = new Date(Date.UTC(year, month, 0));
  return dateOfDayNumber(dayNumber(last.toISOString().slice(0, 10)) - last.getUTCDay());
}

describe('any instant of a local day gives the same deadlines', () => {
  const changeDays = Array.from({ length: 13 }, (_, i) => 2018 + i).flatMap((year) =>
    [lastSunday(year, 3), lastSunday(year, 10)].flatMap((sunday) => [addCalendarDays(sunday, -1), sunday, addCalendarDays(sunday, 1)]),
  );

  it('has 23- and 25-hour days among the dates drawn, so DST is exercised', () => {
    const lengths = new Set(
      changeDays.map(
        (day) =>
          (startOfLocalDay(addCalendarDays(day, 1), 'Europe/London').getTime() - startOfLocalDay(day, 'Europe/London').getTime()) /
          3_600_000,
      ),
    );
    expect(lengths).toEqual(new Set([23, 24, 25]));
  });

  it('across the March and October changes, 2018 to 2030', () => {
    fc.assert(
      fc.property(fc.constantFrom(...changeDays), fc.double({ min: 0, max: 1, maxExcluded: true, noNaN: true }), (day, fraction) => {
        const start = startOfLocalDay(day, 'Europe/London').getTime();
        const end = startOfLocalDay(addCalendarDays(day, 1), 'Europe/London').getTime();
        const recordedAt = new Date(start + Math.floor(fraction * (end - start)));
        const result = evaluateVictim(victim({ recordedAt }), new Date(end), defaultPolicy, englandAndWales);
        return (
          result.update.lastContactDate === day &&
          result.update.dueDate === addCalendarDays(day, 28) &&
          result.needsAssessment.dueDate === englandAndWales.addWorkingDays(day, 2)
        );
      }),
    );
  });
});
