import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { defaultPolicy, type Policy } from '../../../src/domain/policy.js';
import { dipSampleOf, drawDueDipSamples, type DipSampleDeps, type DipSampleResult } from '../../../src/service/dip-sample.js';
import { SqlComplianceQueries } from '../../../src/store/sql-compliance-queries.js';
import { rebuildWorkingCalendar } from '../../../src/store/working-calendar-store.js';
import { dipForceNdjson, lateCaseNdjson } from '../../support/dip-force.js';
import { englandAndWales } from '../../support/england-and-wales.js';
import { DRIVERS, importText, openTestDb, type TestDb } from '../../support/test-db.js';

const NOW = new Date('2026-11-20T10:00:00Z');

function casesOf(result: DipSampleResult): Record<string, string[]> {
  if (result.kind !== 'sample') throw new Error(`expected a sample, got ${result.kind}`);
  return Object.fromEntries(result.samples.map((s) => [s.unit.id, s.cases.map((c) => c.caseId)]));
}

describe.each(DRIVERS)('dip samples on %s', (driver) => {
  let store: TestDb;
  let now = NOW;
  const deps = (policy: Partial<Policy> = {}): DipSampleDeps => {
    const full = { ...defaultPolicy, ...policy };
    return {
      db: store.db,
      clock: { now: () => now },
      policy: full,
      calendar: englandAndWales,
      queries: new SqlComplianceQueries(store.db, full),
    };
  };

  beforeAll(async () => {
    store = await openTestDb(driver);
    await rebuildWorkingCalendar(store.db, englandAndWales, 2024, 2028);
    const imported = await importText(store.db, dipForceNdjson(), { now: NOW });
    expect(imported).toMatchObject({ ok: true });
  }, 60_000);

  afterAll(async () => {
    await store?.dispose();
  });

  it("draws a command's sample as its teams' samples: 10 per team, from live and recently closed cases, stratified", async () => {
    const result = await dipSampleOf(deps(), 'N-LPA', '2026-11');
    const cases = casesOf(result);
    expect(Object.keys(cases)).toEqual(['N-T1', 'N-T2']);
    expect(cases['N-T1']).toHaveLength(10);
    expect(cases['N-T2']).toHaveLength(10);
    if (result.kind !== 'sample') return;
    expect(result.drawOn).toBe('2026-11-02');
    const team1 = result.samples[0]?.cases ?? [];
    expect(new Set(team1.map((c) => c.category)).size).toBe(5);
    expect(team1.every((c) => c.oic.name === 'PC 2002 Patel')).toBe(true);
    // Closed in August: never in the pool. Closed 26 Oct (7 days before the draw): may be drawn.
    const all = Object.values(cases).flat();
    expect(all.filter((id) => Number(id.slice(-3)) % 7 === 0)).toEqual([]);
  });

  it('answers the same sample when asked again, even after a case recorded before the draw arrives late', async () => {
    const first = casesOf(await dipSampleOf(deps(), 'N-LPA', '2026-11'));
    expect((await importText(store.db, lateCaseNdjson('CR-LATE-1'), { now: NOW })).ok).toBe(true);
    expect(casesOf(await dipSampleOf(deps(), 'N-T1', '2026-11'))).toEqual({ 'N-T1': first['N-T1'] });
    // A policy change after the draw does not redraw it either.
    expect(casesOf(await dipSampleOf(deps({ dipSampleSize: 3 }), 'N-LPA', '2026-11'))).toEqual(first);
  });

  it('never draws a case drawn in the look-back window again', async () => {
    now = new Date('2026-12-10T10:00:00Z');
    const november = casesOf(await dipSampleOf(deps(), 'N-LPA', '2026-11'));
    const december = casesOf(await dipSampleOf(deps(), 'N-LPA', '2026-12'));
    const drawnBefore = new Set(Object.values(november).flat());
    expect(
      Object.values(december)
        .flat()
        .filter((id) => drawnBefore.has(id)),
    ).toEqual([]);
    // North Team 2 has 12 cases, 1 closed in August and 10 drawn in November: 1 left for December.
    expect(december['N-T2']).toHaveLength(1);
  });

  it('says when a month is not drawn yet, and which unit a team below the level belongs to', async () => {
    now = NOW;
    expect(await dipSampleOf(deps(), 'N-LPA', '2026-12')).toEqual({ kind: 'not_drawn_yet', period: '2026-12', drawOn: '2026-12-01' });
    expect(await dipSampleOf(deps(), 'NOPE', '2026-11')).toEqual({ kind: 'unknown_unit' });
    expect(await dipSampleOf(deps({ dipSampleUnitLevel: 'command' }), 'N-T1', '2026-11')).toEqual({
      kind: 'below_level',
      level: 'command',
      sampledUnit: { id: 'N-LPA', name: 'North LPA', kind: 'command' },
    });
  });

  it("draws every team's sample on the draw day, once", async () => {
    now = new Date('2026-12-01T00:30:00Z');
    expect(await drawDueDipSamples(deps())).toEqual({ period: '2026-12', drawn: 1 });
    expect(await drawDueDipSamples(deps())).toEqual({ period: '2026-12', drawn: 0 });
    const stored = await store.db.query<{ unit_id: string }>(`select unit_id from dip_samples where period = '2026-12' order by unit_id`);
    expect(stored.map((row) => row.unit_id)).toEqual(['N-T1', 'N-T2', 'S-T1']);
  });
});
