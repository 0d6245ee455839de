import { describe, expect, it } from 'vitest';
import { formatLoadReport, runLoad } from '../../bench/load.js';

/**
 * A short run of the load generator behind `npm run bench` (which runs 200 users for 60 s): 50 simulated
 * Teams users asking questions and pressing Acknowledge, Show more and refresh for 10 s against the
 * demo force, the application in its own process. Not one error.
 */
describe('load', () => {
  it('50 users for 10 s: every activity answered, no errors', async () => {
    const report = await runLoad({ users: 50, durationMs: 10_000, thinkMs: 500, victims: 3000 });
    process.stdout.write(formatLoadReport(report));
    expect(report.errorSamples).toEqual([]);
    expect(report.errors).toBe(0);
    expect(report.requests).toBeGreaterThan(200);
    for (const kind of ['question', 'digest', 'acknowledge', 'refresh'] as const)
      expect(report.byKind[kind].count, kind).toBeGreaterThan(0);
  }, 600_000);
});
