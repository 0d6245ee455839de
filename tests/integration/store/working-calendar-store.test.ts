import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadPolicy } from '../../../src/config/load-policy.js';
import type { WorkingCalendar } from '../../../src/domain/calendar.js';
import { DRIVERS, createTestSchema } from '../../support/postgres-schema.js';
import { TEST_NOW, fixture, postRecords, startTestApp, type TestApp } from '../../support/test-app.js';

/**
 * The working calendar table covers the bank-holiday file's years and now -10 / +5 years (src/app.ts); a
 * case recorded outside it used to get no needs-assessment deadline at all (NULL), so it never showed as
 * missing. Now: 20 Nov 2026, so the table runs 2016-2032 and the bank-holiday file 2018-2030.
 */
const CASES = [
  { id: 'CR-OLD', recordedAt: '2014-11-19T09:00:00Z' }, // twelve years ago: before the table starts
  { id: 'CR-EDGE', recordedAt: '2032-12-30T09:00:00Z' }, // in the table's last days, due after it ends
  { id: 'CR-FAR', recordedAt: '2045-06-01T09:00:00Z' }, // long after the table ends
];

const extraRecords = CASES.flatMap(({ id, recordedAt }) => [
  JSON.stringify({ type: 'case', id, recordedAt, offence: 'Theft', category: 'other', unitId: 'N-T1', oicId: 'P2', closedAt: null }),
  JSON.stringify({ type: 'victim', id: `V-${id}`, caseId: id, enhanced: false }),
]);

describe.each(DRIVERS)('needs-assessment deadlines outside the working calendar table, on %s', (driver) => {
  let test: TestApp;
  let dropSchema: (() => Promise<void>) | undefined;
  let calendar: WorkingCalendar;

  beforeAll(async () => {
    let env: Record<string, string> = {};
    if (driver === 'postgres') {
      const schema = await createTestSchema('calendar');
      dropSchema = schema.drop;
      env = { DATABASE_URL: schema.url };
    }
    test = await startTestApp({ env });
    ({ calendar } = await loadPolicy({}));
    const extract = `${(await fixture('small-force.ndjson')).trimEnd()}\n${extraRecords.join('\n')}\n`;
    expect((await postRecords(test, extract)).status).toBe(200);
  }, 60_000);

  afterAll(async () => {
    await test?.close();
    await dropSchema?.();
  });

  async function missingAssessments(at: string): Promise<Record<string, string>> {
    const response = await test.api(`/v1/units/N-T1/digest?at=${at}`);
    expect(response.status).toBe(200);
    const { items } = (await response.json()) as { items: { kind: string; caseId: string; dueDate: string | null }[] };
    return Object.fromEntries(
      items.filter((i) => i.kind === 'needs_assessment_missing' && i.caseId.startsWith('CR-')).map((i) => [i.caseId, i.dueDate ?? 'NULL']),
    );
  }

  const dueDate = (recordedAt: string) => calendar.addWorkingDays(recordedAt.slice(0, 10), 2);

  it('a case recorded twelve years ago shows its missing assessment now, due two working days after recording', async () => {
    expect(dueDate('2014-11-19')).toBe('2014-11-21');
    expect(await missingAssessments(TEST_NOW)).toMatchObject({ 'CR-OLD': '2014-11-21' });
  });

  it('cases recorded at and after the end of the table get the deadline the reference calendar gives', async () => {
    expect(dueDate('2032-12-30')).toBe('2033-01-03');
    expect(dueDate('2045-06-01')).toBe('2045-06-05');
    const found = await missingAssessments('2045-07-01T09:00:00Z');
    for (const { id, recordedAt } of CASES) expect(found[id], id).toBe(dueDate(recordedAt));
  });
});
