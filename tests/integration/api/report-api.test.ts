import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PerformanceReport } from '../../../src/service/build-performance-report.js';
import { REPORT_CSV_COLUMNS } from '../../../src/service/report/report-csv.js';
import { fixture, postRecords, startTestApp, type TestApp } from '../../support/test-app.js';

/**
 * GET /v1/units/{id}/report over HTTP, on the small force (now Fri 20 Nov 2026 10:00 GMT): each format by
 * `format=` and by `Accept`, and the usual 400 / 404 / 401 answers, each saying what to fix.
 */
describe('the performance report API', () => {
  let test: TestApp;

  beforeAll(async () => {
    test = await startTestApp();
    expect((await postRecords(test, await fixture('small-force.ndjson'))).status).toBe(200);
  }, 60_000);
  afterAll(() => test.close());

  async function refusal(path: string, init?: RequestInit): Promise<{ status: number; error: { code: string; message: string } }> {
    const response = await test.api(path, init);
    expect(response.headers.get('content-type')).toMatch(/^application\/json/);
    return { status: response.status, ...((await response.json()) as { error: { code: string; message: string } }) };
  }

  it('answers JSON by default: the command and its teams for October beside September, with RAG and the change', async () => {
    const response = await test.api('/v1/units/N-LPA/report?period=2026-10');
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('application/json; charset=utf-8');
    const report = (await response.json()) as PerformanceReport;
    expect(report).toMatchObject({
      force: { id: 'FORCE', name: 'Example Constabulary' },
      unit: { id: 'N-LPA', name: 'North LPA', kind: 'command' },
      period: { param: '2026-10', label: 'October 2026', ended: true, snapshotAt: '2026-10-31T23:59:59.999Z' },
      previous: { label: 'September 2026', snapshotAt: '2026-09-30T22:59:59.999Z' },
      policy: { targetRate: 90, amberMargin: 5, timeZone: 'Europe/London' },
    });
    expect(report.units.map((u) => [u.unit.id, u.role])).toEqual([
      ['N-LPA', 'unit'],
      ['N-T1', 'child'],
      ['N-T2', 'child'],
    ]);
    expect(report.measures.map((m) => m.id)).toEqual([
      'fullyCompliant',
      'needsAssessment',
      'updates',
      'referral',
      'writtenAcknowledgement',
      'decisionUpdates',
    ]);
    expect(report.trend.map((p) => p.label).slice(-2)).toEqual(['September 2026', 'October 2026']);
  });

  it('answers CSV and HTML by format= and by Accept', async () => {
    for (const [query, accept, type] of [
      ['&format=csv', undefined, 'text/csv; charset=utf-8; header=present'],
      ['', 'text/csv', 'text/csv; charset=utf-8; header=present'],
      ['&format=html', 'application/json', 'text/html; charset=utf-8'],
      ['', 'text/html,application/xhtml+xml,*/*;q=0.8', 'text/html; charset=utf-8'],
      ['&format=json', 'text/html', 'application/json; charset=utf-8'],
    ] as const) {
      const response = await test.api(`/v1/units/N-LPA/report?period=2026-10${query}`, accept ? { headers: { accept } } : {});
      expect([response.status, response.headers.get('content-type')], `${query} ${accept}`).toEqual([200, type]);
      const body = await response.text();
      if (type.startsWith('text/csv')) {
        expect(response.headers.get('content-disposition')).toBe('attachment; filename="vcop-report-N-LPA-2026-10.csv"');
        expect(body.split('\r\n')[0]).toBe(REPORT_CSV_COLUMNS.join(','));
        // The header, a row per unit x measure, and the unit's five dip-sample audit rows (issue 16).
        expect(body.split('\r\n').filter(Boolean)).toHaveLength(1 + 3 * 6 + 5);
      }
      if (type.startsWith('text/html')) {
        expect(body).toContain('<h1>North LPA: Victims&#39; Code compliance, October 2026</h1>');
        expect(body).toContain('<svg ');
      }
    }
  });

  it('refuses a bad, missing or future period with 400, saying what to give', async () => {
    expect(await refusal('/v1/units/N-LPA/report?period=2026-13')).toEqual({
      status: 400,
      error: { code: 'bad_period', message: "period '2026-13' is not a month from 1900-01 to 9999-12: use YYYY-MM, e.g. 2026-10." },
    });
    expect(await refusal('/v1/units/N-LPA/report?period=2026-12')).toEqual({
      status: 400,
      error: {
        code: 'bad_period',
        message: "period '2026-12' has not started yet, so it has no figures: give this month (2026-11) or an earlier one.",
      },
    });
    expect(await refusal('/v1/units/N-LPA/report')).toEqual({
      status: 400,
      error: { code: 'bad_period', message: 'period is missing: give the month as YYYY-MM, e.g. 2026-10.' },
    });
    expect((await refusal('/v1/units/N-LPA/report?period=2026-10&period=2026-09')).status).toBe(400);
    expect((await refusal('/v1/units/N-LPA/report?at=2026-10-31T23:00:00Z')).error.message).toContain('give ?period=YYYY-MM');
  });

  it('refuses an unknown unit with 404, a format it does not make with 400 and an Accept it cannot meet with 406', async () => {
    expect(await refusal('/v1/units/NOPE/report?period=2026-10&format=csv')).toEqual({
      status: 404,
      error: { code: 'unknown_unit', message: "No unit with id 'NOPE'. GET /v1/units lists them." },
    });
    expect((await refusal('/v1/units/N-LPA/report?period=2026-10&format=pdf')).error.code).toBe('bad_format');
    expect((await refusal('/v1/units/N-LPA/report?period=2026-10', { headers: { accept: 'application/pdf' } })).status).toBe(406);
  });

  it('needs the API token, as every /v1 unit route', async () => {
    expect((await fetch(`${test.baseUrl}/v1/units/N-LPA/report?period=2026-10`)).status).toBe(401);
    const wrong = await fetch(`${test.baseUrl}/v1/units/N-LPA/report?period=2026-10&format=html`, {
      headers: { authorization: 'Bearer wrong-token' },
    });
    expect(wrong.status).toBe(401);
  });
});
