import { describe, expect, it } from 'vitest';
import { benchOneSize } from '../../../bench/force-size.js';
import { formatCacheTable, formatSizeTable } from '../../../bench/size-table.js';

describe('npm run bench, one force size', () => {
  it('imports the demo force into the application createServices builds, and its figures agree with the SQL floors', async () => {
    // benchOneSize throws when the product's figures and the hand-written floor disagree for a team, a command or the force.
    const row = await benchOneSize(100, undefined);
    expect(row.size).toBe(100);
    expect(row.lines).toBeGreaterThan(100);
    expect(row.teams).toBeGreaterThan(0);
    for (const figure of [row.latency.team, row.latency.command, row.latency.force]) {
      expect(figure.p50).toBeGreaterThan(0);
      expect(figure.p95).toBeGreaterThanOrEqual(figure.p50);
      expect(figure.floorP50).toBeGreaterThan(0);
    }
    const table = formatSizeTable([row], 'PGlite (file)').split('\n');
    expect(table[1]).toBe('Store: PGlite (file); now 2026-11-20T10:00:00.000Z; 15 runs after a warm-up.');
    expect(table[5]).toMatch(/^\| 100 \| [\d,]+ \| [\d,]+ \([\d.]+ m?s\) \| [\d.]+× \/ [\d.]+× \|/);
    // The figures cache beside the full evaluation: team, command and force, now and at the last month end.
    expect(row.cache.map((c) => c.label)).toEqual(['team', 'command', 'force']);
    for (const c of row.cache) {
      for (const ms of [
        c.nowFullP50,
        c.nowCachedP50,
        c.monthEndFullP50,
        c.monthEndCachedP50,
        c.firstAfterImportMs,
        c.monthEndAfterImportMs,
      ])
        expect(ms).toBeGreaterThan(0);
    }
    expect(formatCacheTable([row]).split('\n')[5]).toMatch(/^\| 100 \| team \| [\d.]+ m?s → [\d.]+ ms \(\d+× faster\) \|/);
  }, 120_000);
});
