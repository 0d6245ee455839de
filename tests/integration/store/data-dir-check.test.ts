import { mkdir, mkdtemp, readdir, rm, stat, symlink, truncate, unlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openDb } from '../../../src/store/connect.js';
import { DataDirDamagedError, DataDirNotAStoreError } from '../../../src/store/data-dir-check.js';
import { DataDirLockedError } from '../../../src/store/data-dir-lock.js';
import { migrate } from '../../../src/store/migrate.js';
import { importText, smallForceNdjson } from '../../support/test-db.js';

/**
 * What the PGlite data folder must be before it is opened (issue 10, M8 and the start-up errors): new or
 * a complete store. A folder that lost a file is refused and left as it is (PGlite would otherwise create
 * an empty store over it); a damaged one, or one reached through a link, gets a message that says what to do.
 */
describe('opening the PGlite data folder', () => {
  let root: string;
  let dataDir: string;

  beforeEach(async () => {
    root = await mkdtemp(join(tmpdir(), 'vcop-datadir-'));
    dataDir = join(root, 'data');
  });
  afterEach(() => rm(root, { recursive: true, force: true }));

  async function storeWithForce(): Promise<void> {
    const db = await openDb({ dataDir });
    await migrate(db);
    await importText(db, await smallForceNdjson());
    await db.close();
  }

  /** Every file under the folder with its size: equal listings mean nothing was written. */
  async function listing(folder: string): Promise<string[]> {
    const entries = await readdir(folder, { recursive: true });
    return Promise.all(
      entries.sort().map(async (entry) => `${relative(folder, join(folder, entry))}:${(await stat(join(folder, entry))).size}`),
    );
  }

  it('refuses a store that lost PG_VERSION, says what to do, and leaves the folder untouched', async () => {
    await storeWithForce();
    await unlink(join(dataDir, 'PG_VERSION'));
    const before = await listing(dataDir);
    const opening = openDb({ dataDir });
    await expect(opening).rejects.toThrow(DataDirNotAStoreError);
    await expect(opening).rejects.toThrow(
      /is not empty but is not a complete store \(PG_VERSION missing\), so it was left untouched\. If it held the store, restore the folder from a backup; otherwise point VCOP_DATA_DIR at an empty or new folder/,
    );
    expect(await listing(dataDir)).toEqual(before);
  });

  it('refuses a folder of other files (a wrong VCOP_DATA_DIR), touching none of them', async () => {
    await mkdir(dataDir);
    await writeFile(join(dataDir, 'notes.txt'), 'keep me');
    await expect(openDb({ dataDir })).rejects.toThrow(/not a complete store \(PG_VERSION, global\/pg_control, base missing\)/);
    expect(await readdir(dataDir)).toEqual(['notes.txt']);
  });

  it('creates a new store in a folder that does not exist, is empty, or holds only lost+found (a fresh volume)', async () => {
    for (const prepare of [async () => undefined, () => mkdir(dataDir), () => mkdir(join(dataDir, 'lost+found'), { recursive: true })]) {
      await rm(dataDir, { recursive: true, force: true });
      await prepare();
      const db = await openDb({ dataDir });
      expect(await db.query('select 1 as one')).toEqual([{ one: 1 }]);
      await db.close();
    }
  }, 90_000);

  it('opens a store through a symbolic link, and locks the real folder', async () => {
    await storeWithForce();
    const link = join(root, 'link');
    await symlink(dataDir, link);
    const db = await openDb({ dataDir: link });
    try {
      expect(await db.query('select count(*)::int as n from units')).toEqual([{ n: 6 }]);
      await expect(openDb({ dataDir })).rejects.toThrow(DataDirLockedError);
    } finally {
      await db.close();
    }
  });

  it('a damaged or empty control file: says what is wrong and what to do, and the failed start lets go of the lock', async () => {
    await storeWithForce();
    const control = join(dataDir, 'global', 'pg_control');
    for (const damage of [() => truncate(control, 0), () => writeFile(control, Buffer.alloc(8192, 0x5a))]) {
      await damage();
      const opening = openDb({ dataDir });
      await expect(opening).rejects.toThrow(DataDirDamagedError);
      await expect(opening).rejects.toThrow(
        /could not be opened: the embedded PostgreSQL stopped while reading it: its control file \(global\/pg_control\) or another of its files is damaged\. The folder was left as it is\. Restore it from a backup, or point VCOP_DATA_DIR at an empty or new folder/,
      );
      // The failed start let go of the folder's lock: the next try meets the same damage, not "in use".
      await expect(openDb({ dataDir })).rejects.toThrow(DataDirDamagedError);
    }
  }, 60_000);
});
