import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROOT, runVcop } from '../../support/vcop-cli.js';

/**
 * `vcop people-links` as an IT team runs it (bin/vcop.js in a child process, on a PGlite data folder): the
 * same report as GET /v1/people/links, as JSON on stdout.
 */
let folder: string;

beforeAll(async () => {
  folder = await mkdtemp(join(tmpdir(), 'vcop-links-cli-'));
}, 30_000);
afterAll(async () => {
  await rm(folder, { recursive: true, force: true });
});

/** `vcop <args>` on this test's data folder (tests/support/vcop-cli.ts). */
const vcop = (args: string[]) => runVcop(folder, args);

describe('vcop people-links', () => {
  it('prints who Teams does not know yet and who gets no digest; --only keeps one part; a wrong part exits 2', async () => {
    const extract = (await readFile(join(ROOT, 'tests/fixtures/small-force.ndjson'), 'utf8')).replace(
      '"aadObjectId":"aad-p1"',
      '"email":"ps1001.smith@example.police.uk"',
    );
    const path = join(folder, 'force.ndjson');
    await writeFile(path, extract);
    const imported = await vcop(['import', '--no-progress', path]);
    expect(imported.code, imported.stderr).toBe(0);

    const all = await vcop(['people-links']);
    expect(all.code, all.stderr).toBe(0);
    const report = JSON.parse(all.stdout) as Record<string, unknown>;
    expect(report).toMatchObject({
      asOf: '2026-11-20T10:00:00.000Z',
      counts: { people: 7, unlinked: 7, unmatchedTeamsUsers: 0, notReceivingDigests: 5 },
      unmatchedTeamsUsers: [],
    });
    expect(report.unlinked).toContainEqual({
      personId: 'P1',
      name: 'PS 1001 Smith',
      role: 'supervisor',
      unitId: 'N-T1',
      identifiers: ['email'],
    });
    expect(report.notReceivingDigests).toContainEqual(expect.objectContaining({ personId: 'P1', reason: 'never_installed' }));

    const digests = await vcop(['people-links', '--only', 'digests']);
    expect(Object.keys(JSON.parse(digests.stdout) as object)).toEqual(['asOf', 'counts', 'notReceivingDigests']);

    const wrong = await vcop(['people-links', '--only', 'everyone']);
    expect(wrong.code).toBe(2);
    expect(wrong.stderr).toContain('--only must be one of unlinked, unmatched, digests');
  }, 240_000);
});
