import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PerformanceReport, ReportLine } from '../../../src/service/build-performance-report.js';
import { fixture, postRecords, startTestApp, type TestApp } from '../../support/test-app.js';

/**
 * The performance report's figures are the figures API's, for the same unit and instant: each unit and child
 * unit against GET /v1/units/{id}/compliance?period= (this month and the previous one), and each trend point
 * against ?at= at that month-end. On PGlite, over the small force (Fri 20 Nov 2026) and the later duties'
 * fixture under a policy that counts referral and written acknowledgement (Wed 8 Apr 2026, after Easter and the
 * clock change).
 */
const CASES = [
  { name: 'the small force', file: 'small-force.ndjson', now: '2026-11-20T10:00:00Z', policy: null, units: ['FORCE', 'N-LPA'] },
  {
    name: 'the later duties, strict policy',
    file: 'later-duties.ndjson',
    now: '2026-04-08T11:00:00Z',
    policy: { fullyCompliant: ['needsAssessment', 'updates', 'referral', 'writtenAcknowledgement'], targetRate: 60, amberMargin: 20 },
    units: ['FORCE', 'T1'],
  },
] as const;

type Figures = {
  total: number;
  compliant: number;
  rate: number | null;
  rag: string | null;
  obligations: Record<string, { compliant: number; total: number; rate: number | null }>;
};

describe.each(CASES)('the report against the figures API: $name', (c) => {
  let test: TestApp;
  let dir: string;

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'vcop-report-figures-'));
    const env: Record<string, string> = { VCOP_NOW: c.now };
    if (c.policy) {
      env.VCOP_POLICY_FILE = join(dir, 'policy.json');
      await writeFile(env.VCOP_POLICY_FILE, JSON.stringify(c.policy));
    }
    test = await startTestApp({ env });
    expect((await postRecords(test, await fixture(c.file))).status).toBe(200);
  }, 60_000);
  afterAll(async () => {
    await test.close();
    await rm(dir, { recursive: true, force: true });
  });

  async function json<T>(path: string): Promise<T> {
    const response = await test.api(path);
    expect(response.status, path).toBe(200);
    return (await response.json()) as T;
  }

  const monthOf = (iso: string, back: number) => {
    const d = new Date(iso);
    return new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() - back, 1)).toISOString().slice(0, 7);
  };

  it.each(c.units.flatMap((unitId) => [0, 1].map((back) => [unitId, back] as const)))(
    'unit %s, %i month(s) back: every unit, duty, RAG and trend point as the figures API answers it',
    async (unitId, back) => {
      const period = monthOf(c.now, back);
      const report = await json<PerformanceReport>(`/v1/units/${unitId}/report?period=${period}`);
      const units = await json<{ units: { id: string; parentId: string | null }[] }>('/v1/units');
      const children = units.units.filter((u) => u.parentId === unitId).map((u) => u.id);
      expect(report.units.map((u) => u.unit.id)).toEqual([unitId, ...children]);
      expect(report.units.map((u) => u.role)).toEqual(['unit', ...children.map(() => 'child')]);

      for (const row of report.units) {
        const figures = await json<Figures & { previous: Figures; asOf: string }>(`/v1/units/${row.unit.id}/compliance?period=${period}`);
        expect(report.period.snapshotAt).toBe(figures.asOf);
        const expectLine = (line: ReportLine, now: Omit<Figures, 'obligations' | 'rag'>, before: Omit<Figures, 'obligations' | 'rag'>) => {
          expect({ compliant: line.compliant, total: line.total, rate: line.rate }).toEqual({
            compliant: now.compliant,
            total: now.total,
            rate: now.rate,
          });
          expect(line.previous).toMatchObject({ compliant: before.compliant, total: before.total, rate: before.rate });
          expect(line.changePoints).toBe(now.rate === null || before.rate === null ? null : Math.round((now.rate - before.rate) * 10) / 10);
        };
        expectLine(row.fullyCompliant, figures, figures.previous);
        expect(row.fullyCompliant.rag).toBe(figures.rag);
        expect(row.fullyCompliant.previous.rag).toBe(figures.previous.rag);
        for (const [id, line] of Object.entries(row.obligations)) {
          expectLine(line, figures.obligations[id] as Figures, figures.previous.obligations[id] as Figures);
        }
      }

      expect(report.trend).toHaveLength(12);
      for (const point of report.trend) {
        const at = await json<Figures>(`/v1/units/${unitId}/compliance?at=${encodeURIComponent(point.at)}`);
        expect(point.fullyCompliant, point.label).toEqual({ compliant: at.compliant, total: at.total, rate: at.rate });
        expect(point.obligations, point.label).toEqual(at.obligations);
      }
    },
    60_000,
  );

  it('carries no victim-level data in any format: no victim or case id, no name', async () => {
    const records = (await fixture(c.file)).split('\n').filter(Boolean);
    const ids = records
      .map((line) => JSON.parse(line) as { type: string; id?: string; name?: string })
      .filter((r) => r.type === 'victim' || r.type === 'case')
      .flatMap((r) => [r.id, r.name].filter((v): v is string => typeof v === 'string'));
    expect(ids.length).toBeGreaterThan(5);
    for (const format of ['json', 'csv', 'html']) {
      const body = await (await test.api(`/v1/units/FORCE/report?period=${monthOf(c.now, 0)}&format=${format}`)).text();
      for (const id of ids)
        expect(body.includes(`${id}"`) || body.includes(`${id},`) || body.includes(`${id}<`), `${format}: ${id}`).toBe(false);
    }
  });
});
