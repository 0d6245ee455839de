import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Db } from '../../../src/store/db.js';
import { StoreDiskFullError, StoreUnusableError } from '../../../src/store/store-errors.js';
import { watchStore, type WatchedDb } from '../../../src/store/store-watch.js';
import { FullDiskDb } from '../../support/full-disk-db.js';
import { importText, openTestDb, smallForceNdjson, type TestDb } from '../../support/test-db.js';

/**
 * The watched store (issue 10, H5) on a full disk, with PGlite's behaviour there played by FullDiskDb:
 * a failed write is an error that says "the data disk is full" and the store answers on; a PGlite that a
 * failed log write broke is found out at once, reported once, and refused from then on; liveness sees a
 * store that is unusable or stuck.
 */
describe('the watched store', () => {
  let store: TestDb;
  let disk: FullDiskDb;
  let db: WatchedDb;
  let diskFull: unknown[];
  let unusable: StoreUnusableError[];

  beforeEach(async () => {
    store = await openTestDb('pglite');
    await importText(store.db, await smallForceNdjson());
    disk = new FullDiskDb(store.db);
    diskFull = [];
    unusable = [];
    db = watchStore(disk, {
      stuckAfterMs: 60_000,
      onDiskFull: (error) => diskFull.push(error),
      onUnusable: (error) => unusable.push(error),
    });
  });
  afterEach(() => store.dispose());

  it('a full disk fails the write with "the data disk is full"; reads go on, and writes once space is freed', async () => {
    disk.fill();
    const write = db.query(`update units set name = name || '!' where id = 'FORCE'`);
    await expect(write).rejects.toThrow(StoreDiskFullError);
    await expect(write).rejects.toThrow(/^the data disk is full: free space on the disk that holds the store/);
    expect(diskFull).toHaveLength(1);
    expect(await db.query('select count(*)::int as n from units')).toEqual([{ n: 6 }]);
    expect(unusable).toEqual([]);
    expect(db.health()).toEqual({ state: 'ok' });

    disk.free();
    await db.query(`update units set name = name || '!' where id = 'FORCE'`);
    expect(await db.query(`select name from units where id = 'FORCE'`)).toEqual([{ name: expect.stringMatching(/!$/) }]);
  });

  it('inside a transaction too: it rolls back whole, and the error names the full disk', async () => {
    const merge = db.transaction(async (tx) => {
      await tx.query(`update units set name = 'Renamed' where id = 'FORCE'`);
      disk.fill();
      await tx.query(`insert into audit_log (at, action, subject, details) values (now(), 'x', 'y', '{}')`);
    });
    await expect(merge).rejects.toThrow(StoreDiskFullError);
    expect(await db.query(`select name from units where id = 'FORCE'`)).not.toEqual([{ name: 'Renamed' }]);
    expect(diskFull).toHaveLength(1);
  });

  it('an import on a full disk fails with "the data disk is full" and leaves nothing behind', async () => {
    disk.fill();
    const importing = importText(db, JSON.stringify({ type: 'unit', id: 'NEW', name: 'New', kind: 'team', parentId: 'N-LPA' }));
    await expect(importing).rejects.toThrow(StoreDiskFullError);
    expect(await db.query(`select count(*)::int as n from pg_tables where tablename like 'import\\_%'`)).toEqual([{ n: 0 }]);
  });

  it('a PGlite broken by a failed log write: marked unusable at once, told once, refused from then on', async () => {
    disk.breakLog();
    const first = db.query(`insert into audit_log (at, action, subject, details) values (now(), 'x', 'y', '{}')`);
    await expect(first).rejects.toThrow(StoreUnusableError);
    await expect(first).rejects.toThrow(/^the data disk is full and the store stopped working/);
    expect(unusable).toHaveLength(1);
    expect(unusable[0]?.diskFull).toBe(true);
    expect(db.health()).toEqual({ state: 'unusable', reason: expect.stringContaining('the data disk is full') });

    const passedOn = disk.passedOn;
    await expect(db.query('select 1')).rejects.toThrow(StoreUnusableError);
    await expect(db.transaction(async (tx) => tx.query('select 1'))).rejects.toThrow(StoreUnusableError);
    expect(disk.passedOn).toBe(passedOn);
    expect(unusable).toHaveLength(1);
  });

  it('an ordinary failure while the store answers is passed on as it is: no alarm', async () => {
    const duplicate = db.query(`insert into units (id, name, kind, parent_id) values ('FORCE', 'x', 'force', null)`);
    await expect(duplicate).rejects.toMatchObject({ code: '23505' });
    expect(diskFull).toEqual([]);
    expect(unusable).toEqual([]);
    expect(db.health()).toEqual({ state: 'ok' });
  });

  it("does not probe PostgreSQL (a failure there is the server's or the connection's, and the pool reconnects)", async () => {
    const probes: string[] = [];
    const postgresLike: Db = {
      dialect: 'postgres',
      query: async (sql) => {
        probes.push(sql);
        throw Object.assign(new Error('connection terminated unexpectedly'), {});
      },
      exec: async () => undefined,
      copyIn: async () => undefined,
      ensureRoom: async () => undefined,
      transaction: (fn) => fn(postgresLike),
      close: async () => undefined,
    };
    const watched = watchStore(postgresLike, { stuckAfterMs: 60_000, onUnusable: (error) => unusable.push(error) });
    await expect(watched.query('select 1')).rejects.toThrow('connection terminated unexpectedly');
    expect(probes).toEqual(['select 1']);
    expect(unusable).toEqual([]);
  });

  it('is stuck when operations have waited longer than the bound with none finishing', async () => {
    let clock = 0;
    let finish!: () => void;
    const hanging: Db = {
      dialect: 'pglite',
      query: (sql) => (sql === 'hang' ? new Promise<never>(() => undefined) : new Promise((resolve) => (finish = () => resolve([])))),
      exec: async () => undefined,
      copyIn: async () => undefined,
      ensureRoom: async () => undefined,
      transaction: (fn) => fn(hanging),
      close: async () => undefined,
    };
    const watched = watchStore(hanging, { stuckAfterMs: 5000, now: () => clock });
    void watched.query('hang');
    clock = 4000;
    expect(watched.health()).toEqual({ state: 'ok' });
    // Another operation finishing is progress: a long queue is not a hang.
    const other = watched.query('select 1');
    finish();
    await other;
    clock = 8000;
    expect(watched.health()).toEqual({ state: 'ok' });
    clock = 9500;
    expect(watched.health()).toEqual({ state: 'stuck', waitingMs: 5500 });
  });
});
