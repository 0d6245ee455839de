import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadPolicy } from '../../../src/config/load-policy.js';
import { parseBankHolidays } from '../../../src/domain/calendar.js';
import { bundledBankHolidays, weekdayOf } from '../../support/england-and-wales.js';

interface GovUkEvent {
  title: unknown;
  date: unknown;
  notes: unknown;
  bunting: unknown;
}

const events = (bundledBankHolidays as { 'england-and-wales': { division: string; events: GovUkEvent[] } })['england-and-wales'].events;
const dates = events.map((event) => String(event.date));

/** Easter Sundays from published tables, not computed: the file must agree with the calendar, not with our arithmetic. */
const EASTER_SUNDAYS: Record<number, string> = {
  2018: '2018-04-01',
  2019: '2019-04-21',
  2020: '2020-04-12',
  2021: '2021-04-04',
  2022: '2022-04-17',
  2023: '2023-04-09',
  2024: '2024-03-31',
  2025: '2025-04-20',
  2026: '2026-04-05',
  2027: '2027-03-28',
  2028: '2028-04-16',
  2029: '2029-04-01',
  2030: '2030-04-21',
};

function shiftDays(date: string, days: number): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
}

describe('the bundled England & Wales bank-holiday file', () => {
  it('is in gov.uk shape, in date order, one event per date', () => {
    expect(bundledBankHolidays).toMatchObject({ 'england-and-wales': { division: 'england-and-wales' } });
    for (const event of events) {
      expect(Object.keys(event).sort()).toEqual(['bunting', 'date', 'notes', 'title']);
      expect(typeof event.title).toBe('string');
      expect(event.date).toMatch(/^\d{4}-\d{2}-\d{2}$/);
      expect(typeof event.notes).toBe('string');
      expect(typeof event.bunting).toBe('boolean');
    }
    expect([...dates].sort()).toEqual(dates);
    expect(new Set(dates).size).toBe(dates.length);
  });

  it('has 8 bank holidays a year, plus the extra ones of 2022 and 2023, for 2018 to 2030', () => {
    const perYear = new Map<number, number>();
    for (const date of dates) perYear.set(Number(date.slice(0, 4)), (perYear.get(Number(date.slice(0, 4))) ?? 0) + 1);
    const expected = new Map(Array.from({ length: 13 }, (_, i) => [2018 + i, 8]));
    expected.set(2022, 10);
    expected.set(2023, 9);
    expect(perYear).toEqual(expected);
  });

  it('has Good Friday and Easter Monday every year', () => {
    for (const [year, sunday] of Object.entries(EASTER_SUNDAYS)) {
      expect(dates, `Good Friday ${year}`).toContain(shiftDays(sunday, -2));
      expect(dates, `Easter Monday ${year}`).toContain(shiftDays(sunday, 1));
    }
  });

  it('has the moved and one-off bank holidays', () => {
    expect(dates).toContain('2020-05-08'); // early May moved for VE day
    expect(dates).not.toContain('2020-05-04');
    expect(dates).toEqual(expect.arrayContaining(['2022-06-02', '2022-06-03', '2022-09-19', '2023-05-08']));
    expect(dates).not.toContain('2022-05-30'); // spring bank holiday moved to 2 June
  });

  it('has the substitute days when Christmas, Boxing Day or New Year fall at a weekend', () => {
    expect(dates).toEqual(
      expect.arrayContaining([
        '2020-12-28',
        '2021-12-27',
        '2021-12-28',
        '2022-01-03',
        '2022-12-27',
        '2023-01-02',
        '2026-12-28',
        '2027-12-27',
        '2027-12-28',
        '2028-01-03',
      ]),
    );
    expect(events.filter((event) => event.notes === 'Substitute day').map((event) => event.date)).toHaveLength(10);
  });

  it('never lists a Saturday or Sunday', () => {
    expect(dates.filter((date) => [0, 6].includes(weekdayOf(date)))).toEqual([]);
  });
});

describe('parseBankHolidays', () => {
  it('reads the requested division and the years it covers', () => {
    const parsed = parseBankHolidays(
      {
        scotland: {
          division: 'scotland',
          events: [
            { title: 'St Andrew’s Day', date: '2026-11-30', notes: '', bunting: true },
            { title: '2 January', date: '2027-01-04', notes: 'Substitute day', bunting: true },
          ],
        },
      },
      'scotland',
    );
    expect(parsed).toEqual({ dates: ['2026-11-30', '2027-01-04'], coverage: { firstYear: 2026, lastYear: 2027 } });
  });

  it('names the missing division and the ones present', () => {
    expect(() => parseBankHolidays({ scotland: { events: [] } })).toThrow(
      /no 'england-and-wales' division \(divisions present: 'scotland'\)/,
    );
  });

  it('explains the expected shape when the data is not an object or has no events array', () => {
    expect(() => parseBankHolidays([])).toThrow(/must be a JSON object in gov.uk's bank-holidays.json shape/);
    expect(() => parseBankHolidays({ 'england-and-wales': { division: 'england-and-wales' } })).toThrow(/"events" array/);
    expect(() => parseBankHolidays({ 'england-and-wales': { events: [] } })).toThrow(/events is empty/);
  });

  it('points at every bad event by index', () => {
    const attempt = () =>
      parseBankHolidays({
        'england-and-wales': { events: [{ title: 'ok', date: '2026-12-25' }, { title: 'typo', date: '2026-12-32' }, { title: 'no date' }] },
      });
    expect(attempt).toThrow(/2 bad date/);
    expect(attempt).toThrow(/england-and-wales\.events\[1\]\.date: '2026-12-32' is not a calendar date/);
    expect(attempt).toThrow(/england-and-wales\.events\[2\]\.date: is missing/);
  });
});

describe('loadPolicy with a bank-holiday file', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'vcop-bank-holidays-'));
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('uses the bundled file by default', async () => {
    const { calendar } = await loadPolicy({});
    expect(calendar.coverage).toEqual({ firstYear: 2018, lastYear: 2030 });
    expect(calendar.isWorkingDay('2026-12-28')).toBe(false);
  });

  it('uses a replacement file', async () => {
    const file = join(dir, 'replacement.json');
    await writeFile(
      file,
      JSON.stringify({
        'england-and-wales': {
          division: 'england-and-wales',
          events: [{ title: 'A new holiday', date: '2031-06-02', notes: '', bunting: true }],
        },
      }),
    );
    const { calendar } = await loadPolicy({ bankHolidaysFile: file });
    expect(calendar.coverage).toEqual({ firstYear: 2031, lastYear: 2031 });
    expect(calendar.isWorkingDay('2031-06-02')).toBe(false);
  });

  it('names the file and the problem', async () => {
    const missing = join(dir, 'missing.json');
    await expect(loadPolicy({ bankHolidaysFile: missing })).rejects.toThrow(`bank-holiday file ${missing} does not exist; check the path`);

    const broken = join(dir, 'broken.json');
    await writeFile(broken, '{"england-and-wales": ');
    await expect(loadPolicy({ bankHolidaysFile: broken })).rejects.toThrow(new RegExp(`bank-holiday file ${broken} is not valid JSON`));

    const wrongDivision = join(dir, 'scotland-only.json');
    await writeFile(wrongDivision, JSON.stringify({ scotland: { division: 'scotland', events: [] } }));
    await expect(loadPolicy({ bankHolidaysFile: wrongDivision })).rejects.toThrow(
      new RegExp(`bank-holiday file ${wrongDivision}: there is no 'england-and-wales' division`),
    );
  });
});
