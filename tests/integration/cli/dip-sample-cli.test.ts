import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runVcop } from '../../support/vcop-cli.js';
import { dipForceNdjson } from '../../support/dip-force.js';

/** `vcop dip-sample` prints what GET /v1/units/{id}/dip-sample answers, from the same stored draw. */
let folder: string;

/** `vcop <args>` on this test's data folder (tests/support/vcop-cli.ts). */
const vcop = (args: string[]) => runVcop(folder, args);

beforeAll(async () => {
  folder = await mkdtemp(join(tmpdir(), 'vcop-dip-'));
  await writeFile(join(folder, 'force.ndjson'), dipForceNdjson());
  expect((await vcop(['import', join(folder, 'force.ndjson')])).code).toBe(0);
}, 180_000);

afterAll(async () => {
  await rm(folder, { recursive: true, force: true });
});

describe('vcop dip-sample', () => {
  it("prints a command's sample, the same on a second run", async () => {
    const first = await vcop(['dip-sample', '--unit', 'N-LPA', '--period', '2026-11']);
    expect(first.code, first.stderr).toBe(0);
    const sample = JSON.parse(first.stdout) as { period: string; samples: { team: { id: string }; cases: unknown[] }[] };
    expect(sample.period).toBe('2026-11');
    expect(sample.samples.map((s) => [s.team.id, s.cases.length])).toEqual([
      ['N-T1', 10],
      ['N-T2', 10],
    ]);
    const again = await vcop(['dip-sample', '--unit', 'N-LPA']);
    expect(again.stdout).toBe(first.stdout);
  }, 120_000);

  it('says what to fix', async () => {
    const bad = await vcop(['dip-sample', '--unit', 'N-LPA', '--period', 'November']);
    expect(bad).toMatchObject({ code: 2, stderr: "vcop: --period must be a month YYYY-MM, e.g. 2026-11 (got 'November').\n" });
    const early = await vcop(['dip-sample', '--unit', 'N-LPA', '--period', '2026-12']);
    expect(early).toMatchObject({ code: 1, stderr: 'vcop: The 2026-12 sample is drawn on Tue 1 Dec 2026.\n' });
  }, 120_000);
});
