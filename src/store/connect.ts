import { mkdir, realpath } from 'node:fs/promises';
import { PGlite, types as pgliteTypes, type Transaction } from '@electric-sql/pglite';
import pg from 'pg';
import { checkDataDir, emptyNewDataDir, explainOpenFailure, type DataDirState } from './data-dir-check.js';
import { lockDataDir } from './data-dir-lock.js';
import type { Db } from './db.js';
import { diskRoom } from './disk-room.js';
import { copyFromStdin } from './pg-copy.js';

export interface OpenDbOptions {
  /** A PostgreSQL server (`postgres://...`); when absent the embedded PGlite store is used. */
  databaseUrl?: string;
  /**
   * PGlite's data folder, created if missing; `memory://` keeps everything in memory (tests). A folder that
   * is not empty but not a complete store is refused (data-dir-check.ts).
   */
  dataDir: string;
  /** Told when the server drops an idle pooled connection (a restart, a failover); the pool opens a new one. */
  onConnectionLost?: (error: Error) => void;
  /** Told when the PGlite folder's lock could not be kept fresh (see data-dir-lock.ts). */
  onDataDirLockLost?: (error: Error) => void;
  /** PGlite: free space kept on the folder's disk beyond what an import needs (disk-room.ts); 0 checks nothing. */
  diskHeadroomBytes?: number;
}

/** The headroom when none is given: a few write-ahead log segments and the checkpoint after an import. */
export const DEFAULT_DISK_HEADROOM_BYTES = 64 * 1024 * 1024;
const noCheck = async () => undefined;

/** Opens the store behind the one `Db` port: PGlite by default, a PostgreSQL server when a URL is given. */
export async function openDb(options: OpenDbOptions): Promise<Db> {
  return options.databaseUrl
    ? openPostgres(options.databaseUrl, options.onConnectionLost)
    : openPglite(options.dataDir, options.onDataDirLockLost ?? (() => undefined), options.diskHeadroomBytes ?? DEFAULT_DISK_HEADROOM_BYTES);
}

/**
 * An in-memory store (tests, the playground's demo) starts from a copy of the first one's empty cluster: PGlite's
 * initdb takes 2-4 s, loading its image about 0.5 s. Taken before anything is written to that first store.
 */
let emptyClusterImage: Promise<Blob | File | undefined> | undefined;

/**
 * Gives in-memory stores opened from now on an empty cluster's image to start from (the test suite keeps one between
 * its files, tests/support/memory-store-image.ts). It must be a dump of a store nothing was written to.
 */
export function useEmptyClusterImage(image: Blob): void {
  emptyClusterImage = Promise.resolve(image);
}

// Calendar dates stay `YYYY-MM-DD` text on both drivers: a JS Date at midnight would shift with the
// host's time zone (pg) and invite date arithmetic outside the force's zone.
const keepDateAsText = (value: string) => value;

async function openPglite(dataDir: string, onLockLost: (error: Error) => void, headroomBytes: number): Promise<Db> {
  let unlock: () => Promise<void> = async () => undefined;
  let folder = dataDir;
  let state: DataDirState = 'new';
  const onDisk = !dataDir.startsWith('memory://');
  if (onDisk) {
    await mkdir(dataDir, { recursive: true }).catch((error: unknown) => {
      throw explainOpenFailure(dataDir, error);
    });
    // The real path: PGlite cannot open a folder through a symbolic link, and two links to one folder
    // must meet at one lock. The folder is checked under the lock (another process may be creating it).
    folder = await realpath(dataDir);
    unlock = await lockDataDir(folder, onLockLost);
    state = await checkDataDir(folder).catch(async (error: unknown) => {
      await unlock();
      throw error;
    });
  }
  let pglite: PGlite;
  try {
    const image = onDisk ? undefined : await emptyClusterImage;
    pglite = await PGlite.create(folder, { parsers: { [pgliteTypes.DATE]: keepDateAsText }, loadDataDir: image });
    if (!onDisk && image === undefined) {
      // Before anything else runs on it; a failed dump leaves the next store to run initdb as this one did.
      emptyClusterImage = pglite.dumpDataDir('none').catch(() => undefined);
      await emptyClusterImage;
    }
  } catch (error) {
    // A store this start was creating (a full disk, say) is removed, so the next start creates it anew
    // rather than refusing a half-made one.
    if (onDisk && state === 'new') await emptyNewDataDir(folder);
    await unlock();
    throw explainOpenFailure(dataDir, error);
  }
  // The default 4 MB makes the force-wide evaluation spill its hash tables to disk at 100k+ victims.
  await pglite.exec(`set work_mem = '64MB'`);
  const ensureRoom = onDisk ? diskRoom(folder, headroomBytes) : noCheck;
  return {
    dialect: 'pglite',
    async query<Row>(sql: string, params: readonly unknown[] = []) {
      return (await pglite.query<Row>(sql, [...params])).rows;
    },
    async exec(sql: string) {
      await pglite.exec(sql);
    },
    async copyIn(target: string, text: string) {
      await pglite.query(`copy ${target} from '/dev/blob'`, [], { blob: new Blob([text]) });
    },
    ensureRoom,
    transaction: (fn) => pglite.transaction((tx) => fn(pgliteTransactionDb(tx, ensureRoom))),
    async close() {
      try {
        await pglite.close();
      } finally {
        await unlock();
      }
    },
  };
}

function pgliteTransactionDb(tx: Transaction, ensureRoom: Db['ensureRoom']): Db {
  const db: Db = {
    dialect: 'pglite',
    async query<Row>(sql: string, params: readonly unknown[] = []) {
      return (await tx.query<Row>(sql, [...params])).rows;
    },
    async exec(sql: string) {
      await tx.exec(sql);
    },
    async copyIn(target: string, text: string) {
      await tx.query(`copy ${target} from '/dev/blob'`, [], { blob: new Blob([text]) });
    },
    ensureRoom,
    // PGlite has no nested transactions: an inner one joins the outer.
    transaction: (fn) => fn(db),
    close: closeInsideTransaction,
  };
  return db;
}

async function closeInsideTransaction(): Promise<void> {
  throw new Error('close the store, not a transaction');
}

async function openPostgres(databaseUrl: string, onConnectionLost: OpenDbOptions['onConnectionLost']): Promise<Db> {
  const pool = new pg.Pool({
    connectionString: databaseUrl,
    types: {
      getTypeParser: ((oid: number, format?: 'text' | 'binary') =>
        oid === pg.types.builtins.DATE ? keepDateAsText : pg.types.getTypeParser(oid, format)) as typeof pg.types.getTypeParser,
    },
  });
  // An idle connection the server drops is an 'error' event on the pool: unheard, it would end the process.
  // The pool has already discarded that connection; the next query opens a new one.
  pool.on('error', (error) => onConnectionLost?.(error));
  // Fail at start with the server's own reason (wrong password, unknown database) rather than on first use.
  const probe = await pool.connect().catch(async (error: unknown) => {
    await pool.end();
    throw error;
  });
  probe.release();
  return poolDb(pool);
}

function poolDb(pool: pg.Pool): Db {
  return {
    dialect: 'postgres',
    async query<Row>(sql: string, params: readonly unknown[] = []) {
      const result = await pool.query(sql, [...params]);
      return result.rows as Row[];
    },
    async exec(sql: string) {
      await pool.query(sql);
    },
    async copyIn(target: string, text: string) {
      const client = await pool.connect();
      let broken: Error | undefined;
      try {
        await copyFromStdin(client, target, text);
      } catch (error) {
        // A row the server refused leaves the connection usable; a lost connection must leave the pool.
        if (!isServerError(error)) broken = error instanceof Error ? error : new Error(String(error));
        throw error;
      } finally {
        client.release(broken);
      }
    },
    // The server answers a full disk with 53100 and goes on.
    ensureRoom: noCheck,
    async transaction<T>(fn: (tx: Db) => Promise<T>): Promise<T> {
      const client = await pool.connect();
      let broken: unknown;
      try {
        await client.query('begin');
        const result = await fn(clientDb(client));
        await client.query('commit');
        return result;
      } catch (error) {
        await client.query('rollback').catch((rollbackError: unknown) => {
          // The connection is unusable: it must leave the pool rather than serve the next caller.
          broken = rollbackError;
        });
        throw error;
      } finally {
        client.release(broken instanceof Error ? broken : undefined);
      }
    },
    close: () => pool.end(),
  };
}

function clientDb(client: pg.PoolClient): Db {
  const db: Db = {
    dialect: 'postgres',
    async query<Row>(sql: string, params: readonly unknown[] = []) {
      const result = await client.query(sql, [...params]);
      return result.rows as Row[];
    },
    async exec(sql: string) {
      await client.query(sql);
    },
    copyIn: (target: string, text: string) => copyFromStdin(client, target, text),
    ensureRoom: noCheck,
    // Already inside this client's transaction: join it.
    transaction: (fn) => fn(db),
    close: closeInsideTransaction,
  };
  return db;
}

/** An error the server sent (it has a SQLSTATE): the connection itself is still sound. */
function isServerError(error: unknown): boolean {
  return error instanceof pg.DatabaseError;
}
