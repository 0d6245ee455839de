import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROOT, runVcop } from '../../support/vcop-cli.js';
import { FakeGraph } from '../../support/fake-graph.js';

/**
 * `vcop install-missing [--dry-run]` as an IT team runs it (bin/vcop.js in a child process, on a PGlite data
 * folder), against the fake Microsoft Graph over HTTP.
 */
let folder: string;
let graph: FakeGraph;

beforeAll(async () => {
  folder = await mkdtemp(join(tmpdir(), 'vcop-install-cli-'));
  graph = new FakeGraph();
  await graph.start();
}, 30_000);
afterAll(async () => {
  await graph.close();
  await rm(folder, { recursive: true, force: true });
});

/** `vcop <args>` on this test's data folder (tests/support/vcop-cli.ts). */
const vcop = (args: string[], env: Record<string, string> = {}) => runVcop(folder, args, env);

describe('vcop install-missing', () => {
  it('a dry run lists who would be installed; without Graph a real run exits 2; with Graph it installs each once', async () => {
    const path = join(folder, 'force.ndjson');
    await writeFile(path, await readFile(join(ROOT, 'tests/fixtures/small-force.ndjson'), 'utf8'));
    expect((await vcop(['import', '--no-progress', path])).code).toBe(0);

    const dry = await vcop(['install-missing', '--dry-run']);
    expect(dry.code, dry.stderr).toBe(0);
    expect((JSON.parse(dry.stdout) as { people: { personId: string }[] }).people.map((p) => p.personId)).toEqual([
      'P1',
      'P2',
      'P3',
      'P4',
      'P6',
    ]);
    expect(graph.calls).toHaveLength(0);

    const unconfigured = await vcop(['install-missing']);
    expect(unconfigured.code).toBe(2);
    expect(unconfigured.stderr).toContain('Microsoft Graph is not configured');

    const installed = await vcop(['install-missing'], graph.env());
    expect(installed.code, installed.stderr).toBe(0);
    expect(JSON.parse(installed.stdout)).toMatchObject({ dryRun: false, candidates: 5, counts: { installed: 5 } });
    expect(graph.installCalls().map((call) => call.userKey)).toEqual(['aad-p1', 'aad-p2', 'aad-p3', 'aad-p4', 'aad-p6']);

    const again = await vcop(['install-missing'], graph.env());
    expect(JSON.parse(again.stdout)).toMatchObject({ candidates: 0, waiting: 5 });
    expect(graph.installCalls()).toHaveLength(5);
    expect(installed.stderr).not.toContain('fake-graph-secret-value');
  }, 240_000);
});
