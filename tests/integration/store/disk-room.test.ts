import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openDb } from '../../../src/store/connect.js';
import { migrate } from '../../../src/store/migrate.js';
import { IMPORT_DISK_GROWTH } from '../../../src/store/record-staging.js';
import { NoRoomError, StoreDiskFullError } from '../../../src/store/store-errors.js';
import { watchStore } from '../../../src/store/store-watch.js';
import { importText, smallForceNdjson } from '../../support/test-db.js';

/**
 * PGlite's check for room before an import writes (src/store/disk-room.ts): no real disk has 2^50 bytes
 * free, so with that headroom every import is refused before it stages a line, with the figures, and the
 * store answers on. The real full disk is tests/reliability/full-disk.test.ts (it needs root for a tmpfs).
 */
const NO_DISK_HAS = 2 ** 50;

describe('an import on a PGlite disk without room for it', () => {
  let folder: string;
  beforeEach(async () => {
    folder = await mkdtemp(join(tmpdir(), 'vcop-disk-room-'));
  });
  afterEach(() => rm(folder, { recursive: true, force: true }));

  const open = async (diskHeadroomBytes: number) => {
    const db = await openDb({ dataDir: join(folder, 'data'), diskHeadroomBytes });
    await migrate(db);
    return db;
  };
  const counts = async (db: Awaited<ReturnType<typeof open>>) =>
    (
      await db.query<{ units: number; staging: number }>(
        `select (select count(*)::int from units) as units,
                (select count(*)::int from pg_tables where schemaname = current_schema() and tablename like 'import\\_%') as staging`,
      )
    )[0];

  it('is refused before anything is written, says how much room it wants, and the store answers on', async () => {
    const db = await open(NO_DISK_HAS);
    const diskFull: unknown[] = [];
    const watched = watchStore(db, { stuckAfterMs: 60_000, onDiskFull: (error) => diskFull.push(error) });
    try {
      const refused = importText(watched, await smallForceNdjson());
      await expect(refused).rejects.toBeInstanceOf(StoreDiskFullError);
      const error = (await refused.catch((e: unknown) => e)) as StoreDiskFullError;
      expect(error.message).toMatch(/^the data disk is full \(\d+ MB free; this import needs about \d+ MB, and \d+ MB more is kept free/);
      const cause = error.cause as NoRoomError;
      expect(cause).toBeInstanceOf(NoRoomError);
      expect(cause.headroomBytes).toBe(NO_DISK_HAS);
      expect(cause.neededBytes % IMPORT_DISK_GROWTH).toBe(0);
      expect(cause.neededBytes).toBeGreaterThan(0);
      expect(diskFull).toHaveLength(1);
      expect(await counts(watched)).toEqual({ units: 0, staging: 0 });
      expect(watched.health()).toEqual({ state: 'ok' });
    } finally {
      await watched.close();
    }
  });

  it('with the headroom at 0 nothing is checked: the same import goes in', async () => {
    const db = await open(0);
    try {
      expect((await importText(db, await smallForceNdjson())).ok).toBe(true);
      expect((await counts(db))?.units).toBeGreaterThan(0);
    } finally {
      await db.close();
    }
  });
});
