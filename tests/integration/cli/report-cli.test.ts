import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROOT, runVcop } from '../../support/vcop-cli.js';

/**
 * `vcop report <unitId> --period YYYY-MM` as an analyst runs it (bin/vcop.js in a child process, on a PGlite data
 * folder holding the small force; now Fri 20 Nov 2026): the same report as GET /v1/units/{id}/report, to stdout
 * or a file; a bad period, a future one, an unknown unit or a format it does not make exit 2 with what to fix.
 */
let folder: string;

/** `vcop <args>` on this test's data folder (tests/support/vcop-cli.ts). */
const vcop = (args: string[]) => runVcop(folder, args);

beforeAll(async () => {
  folder = await mkdtemp(join(tmpdir(), 'vcop-report-cli-'));
  expect((await vcop(['import', join(ROOT, 'tests/fixtures/small-force.ndjson')])).code).toBe(0);
}, 180_000);
afterAll(async () => {
  await rm(folder, { recursive: true, force: true });
});

describe('vcop report', () => {
  it('prints the JSON report, and writes CSV and HTML to --out', async () => {
    const json = await vcop(['report', 'N-LPA', '--period', '2026-10']);
    expect(json.code, json.stderr).toBe(0);
    expect(JSON.parse(json.stdout)).toMatchObject({
      unit: { id: 'N-LPA' },
      period: { param: '2026-10', ended: true },
      units: [{ unit: { id: 'N-LPA' } }, { unit: { id: 'N-T1' } }, { unit: { id: 'N-T2' } }],
    });

    const csvPath = join(folder, 'north.csv');
    const csv = await vcop(['report', 'N-LPA', '--period', '2026-10', '--format', 'csv', '--out', csvPath]);
    expect([csv.code, csv.stdout, csv.stderr]).toEqual([0, '', `vcop: wrote the csv report of N-LPA for October 2026 to ${csvPath}\n`]);
    const lines = (await readFile(csvPath, 'utf8')).split('\r\n');
    expect(lines[0]).toMatch(/^force,period,period_ended,unit_id,/);
    expect(lines[1]).toMatch(/^Example Constabulary,2026-10,true,N-LPA,North LPA,command,unit,fullyCompliant,/);

    const htmlPath = join(folder, 'north.html');
    expect((await vcop(['report', 'N-LPA', '--period', '2026-11', '--format', 'html', '-o', htmlPath])).code).toBe(0);
    expect(await readFile(htmlPath, 'utf8')).toContain('so far (the month has not ended), at 10:00 Fri 20 Nov 2026');
  }, 180_000);

  it('exits 2 for a bad or future period, an unknown unit or a format it does not make; 1 when it cannot write', async () => {
    const bad = await vcop(['report', 'N-LPA', '--period', '2026-13']);
    expect([bad.code, bad.stderr]).toEqual([
      2,
      "vcop: --period '2026-13' is not a month from 1900-01 to 9999-12: use YYYY-MM, e.g. 2026-10.\n",
    ]);
    const future = await vcop(['report', 'N-LPA', '--period', '2027-01']);
    expect([future.code, future.stderr]).toEqual([
      2,
      "vcop: --period '2027-01' has not started yet, so it has no figures: give this month (2026-11) or an earlier one.\n",
    ]);
    const unknown = await vcop(['report', 'NOPE', '--period', '2026-10']);
    expect([unknown.code, unknown.stderr]).toEqual([
      2,
      "vcop: No unit with id 'NOPE'. `vcop figures --unit FORCE --breakdown` lists units.\n",
    ]);
    const format = await vcop(['report', 'N-LPA', '--period', '2026-10', '--format', 'pdf']);
    expect(format.code).toBe(2);
    expect(format.stderr).toContain("argument 'pdf' is invalid. Allowed choices are json, csv, html.");
    const missing = await vcop(['report', 'N-LPA']);
    expect([missing.code, missing.stderr.split('\n')[0]]).toEqual([2, "error: required option '--period <YYYY-MM>' not specified"]);
    const nowhere = await vcop(['report', 'N-LPA', '--period', '2026-10', '--out', join(folder, 'no-such-folder', 'r.json')]);
    expect(nowhere.code).toBe(1);
    expect(nowhere.stderr).toContain('(ENOENT): give --out a path in a folder that exists and you can write to.');
  }, 180_000);
});
