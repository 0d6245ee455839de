import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDb } from '../../../../src/store/connect.js';
import { storeSnapshot, type StoreSnapshot } from '../../../support/store-snapshot.js';
import { ROOT, runVcop } from '../../../support/vcop-cli.js';

/**
 * `vcop import` as a person runs it (bin/vcop.js in a child process, on a PGlite data folder): a bad
 * file exits non-zero, lists every bad line by number, and leaves the store row for row as it was.
 */
let folder: string;
let good: string[];

beforeAll(async () => {
  folder = await mkdtemp(join(tmpdir(), 'vcop-cli-'));
  good = (await readFile(join(ROOT, 'tests/fixtures/small-force.ndjson'), 'utf8')).trimEnd().split('\n');
});
afterAll(async () => {
  await rm(folder, { recursive: true, force: true });
});

/** `vcop <args>` on this test's data folder, with only what the command needs of the environment (tests/support/vcop-cli.ts). */
const vcop = (args: string[], env: Record<string, string> = {}) => runVcop(folder, args, env);

/** The store in the data folder, every table row for row (the command has exited: the folder is free). */
async function storeInFolder(): Promise<StoreSnapshot> {
  const db = await openDb({ dataDir: join(folder, 'data') });
  try {
    return await storeSnapshot(db);
  } finally {
    await db.close();
  }
}

async function file(name: string, content: string | Buffer): Promise<string> {
  const path = join(folder, name);
  await writeFile(path, content);
  return path;
}

describe('vcop import', () => {
  it('imports a good file (exit 0), then refuses a bad one: exit 1, every bad line named, nothing written', async () => {
    const imported = await vcop(['import', '--no-progress', await file('good.ndjson', `${good.join('\n')}\n`)]);
    expect(imported.code, imported.stderr).toBe(0);
    expect(imported.stdout).toContain(`Imported ${good.length} lines`);
    const before = await storeInFolder();
    expect(before.units).toHaveLength(6);

    const bad = Buffer.concat([
      Buffer.from(`${good.join('\n')}\n`),
      Buffer.from('{"type":"victim","id":"V-99","caseId":"CR-404","enhanced":false}\n'), // unknown reference
      Buffer.from(`${good[1]}\n`), // duplicate id
      Buffer.from('{"type":"unit","id":"N-T9","name":"'),
      Buffer.from([0xff, 0xfe]),
      Buffer.from('","kind":"team","parentId":"N-LPA"}\n'), // not UTF-8
      Buffer.from(`{"type":"unit","id":"BIG","name":"${'x'.repeat(70_000)}","kind":"team","parentId":"N-LPA"}\n`), // longer than VCOP_MAX_LINE_BYTES
      Buffer.from(
        '{"type":"contact","id":"OEL-9","victimId":"V-1","at":"2026-11-10T12:00:00","kind":"update","method":"phone","byId":"P2"}\n',
      ), // no offset
      Buffer.from('{"type":"case","id":"CR-9","recordedAt":"2026-11-0'), // truncated last line
    ]);
    const refused = await vcop(['import', '--no-progress', await file('bad.ndjson', bad)]);
    expect(refused.code).toBe(1);
    const n = good.length;
    const named = [...refused.stdout.matchAll(/^line (\d+): /gm)].map((m) => Number(m[1]));
    expect(named).toEqual([n + 1, n + 2, n + 3, n + 4, n + 5, n + 6]);
    expect(refused.stdout).toContain(`line ${n + 1}: victim V-99 refers to unknown case CR-404`);
    expect(refused.stdout).toContain(`line ${n + 2}: duplicate unit id N-LPA: also on line 2`);
    expect(refused.stdout).toContain(`line ${n + 3}: line is not valid UTF-8`);
    expect(refused.stdout).toContain(`line ${n + 4}: line is longer than`);
    expect(refused.stdout).toContain(`line ${n + 6}: not valid JSON`);
    expect(refused.stderr).toContain(`6 of ${n + 6} lines are invalid; nothing was imported.`);
    expect(await storeInFolder()).toEqual(before);
  }, 180_000);

  it('refuses a file of blank lines (exit 1) and a missing file (exit 2), writing nothing', async () => {
    const before = await storeInFolder();
    const blank = await vcop(['import', '--no-progress', await file('blank.ndjson', '\n\n \n')]);
    expect(blank.code).toBe(1);
    expect(blank.stderr).toContain('no records');
    const missing = await vcop(['import', '--no-progress', join(folder, 'no-such-file.ndjson')]);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('Cannot read');
    expect(await storeInFolder()).toEqual(before);
  }, 180_000);

  it('stops on a configuration error with exit 2, naming the variable and never echoing a secret', async () => {
    const wrong = await vcop(['import', '--no-progress', await file('again.ndjson', `${good.join('\n')}\n`)], {
      VCOP_NOW: 'yesterday',
      DATABASE_URL: 'mysql://admin:hunter2-secret@db.example/vcop',
    });
    expect(wrong.code).toBe(2);
    expect(wrong.stderr).toMatch(/VCOP_NOW: must be an ISO 8601 date and time with an offset/);
    expect(wrong.stderr).toMatch(/DATABASE_URL: must be a postgres/);
    expect(wrong.stderr).not.toContain('hunter2');
  }, 180_000);
});
