import { spawnSync } from 'node:child_process';
import { mkdir, mkdtemp, rm, utimes, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openDb } from '../../../src/store/connect.js';
import { DataDirLockedError } from '../../../src/store/data-dir-lock.js';

describe('the PGlite data folder lock', () => {
  let root: string;
  let dataDir: string;

  beforeEach(async () => {
    root = await mkdtemp(join(tmpdir(), 'vcop-lock-'));
    dataDir = join(root, 'data');
  });
  afterEach(() => rm(root, { recursive: true, force: true }));

  it('refuses a second opener of the same folder, naming the fix, and lets it in once the first closes', async () => {
    const first = await openDb({ dataDir });
    await expect(openDb({ dataDir })).rejects.toThrow(DataDirLockedError);
    await expect(openDb({ dataDir })).rejects.toThrow(/in use by another vcop process.*VCOP_DATA_DIR.*DATABASE_URL/);
    await first.query('create table kept (n int)');
    await first.close();

    const second = await openDb({ dataDir });
    expect(await second.query('select count(*)::int as n from kept')).toEqual([{ n: 0 }]);
    await second.close();
  });

  it('takes over at once a fresh lock whose process is no longer running (killed with -9)', async () => {
    await mkdir(dataDir, { recursive: true });
    await mkdir(`${dataDir}.lock`);
    await writeFile(`${dataDir}.lock-owner`, String(deadProcessId()));

    const db = await openDb({ dataDir });
    expect(await db.query('select 1 as one')).toEqual([{ one: 1 }]);
    await db.close();
  });

  it('does not take over a fresh lock whose process is running', async () => {
    await mkdir(dataDir, { recursive: true });
    await mkdir(`${dataDir}.lock`);
    await writeFile(`${dataDir}.lock-owner`, String(process.ppid));

    await expect(openDb({ dataDir })).rejects.toThrow(DataDirLockedError);
  });

  it('takes over a lock left by a process that died (no longer kept fresh)', async () => {
    await mkdir(dataDir, { recursive: true });
    await mkdir(`${dataDir}.lock`);
    const longAgo = new Date(Date.now() - 10 * 60_000);
    await utimes(`${dataDir}.lock`, longAgo, longAgo);

    const db = await openDb({ dataDir });
    expect(await db.query('select 1 as one')).toEqual([{ one: 1 }]);
    await db.close();
  });
});

/** The id of a process that has exited: a short-lived child's. */
function deadProcessId(): number {
  const child = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))']);
  return Number(child.stdout.toString());
}
