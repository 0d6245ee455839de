import type { Logger } from '../log/logger.js';
import type { Db } from './db.js';
import { isDiskFull, StoreDiskFullError, StoreUnusableError } from './store-errors.js';

/**
 * Wraps the store so that its failures are seen and named, and a wedged store is never mistaken for a
 * healthy one:
 * - a full disk becomes a `StoreDiskFullError` ("the data disk is full ...") and is reported once per
 *   failed operation;
 * - on PGlite, a failed operation is followed by a probe (`select 1`). PGlite 0.5 does not stop when a write
 *   to its write-ahead log fails (PostgreSQL itself would restart): every later statement fails
 *   ("cannot drop active portal", "XLogBeginInsert was already called"). A failed probe marks the store
 *   unusable: it is reported, and every later operation fails at once with a `StoreUnusableError`
 *   without touching PGlite. Only a new process can open the folder again (the composition root exits);
 * - `health()` says whether the store is usable, and whether operations have been waiting longer than
 *   `stuckAfterMs` with none finishing (a hang), for the liveness check.
 */
export interface StoreWatchOptions {
  /** Operations waiting this long with none finishing meanwhile: the store is stuck. */
  stuckAfterMs: number;
  /** How long a failed operation's caller waits for the probe's answer on PGlite (default 2 s). */
  probeWaitMs?: number;
  onDiskFull?: (error: unknown) => void;
  onUnusable?: (error: StoreUnusableError) => void;
  now?: () => number;
}

export type StoreHealth = { state: 'ok' } | { state: 'stuck'; waitingMs: number } | { state: 'unusable'; reason: string };

export interface WatchedDb extends Db {
  health(): StoreHealth;
}

export function watchStore(inner: Db, options: StoreWatchOptions): WatchedDb {
  const now = options.now ?? (() => performance.now());
  const started = new Map<number, number>();
  let nextId = 0;
  let lastProgress = now();
  let unusable: StoreUnusableError | undefined;
  let closing = false;
  /** A full disk seen since the last operation that succeeded: the likely reason a probe then fails. */
  let diskFullSeen = false;

  async function tracked<T>(work: () => Promise<T>): Promise<T> {
    if (unusable) throw unusable;
    const id = nextId++;
    started.set(id, now());
    try {
      const result = await work();
      diskFullSeen = false;
      return result;
    } catch (error) {
      throw named(error);
    } finally {
      started.delete(id);
      lastProgress = now();
    }
  }

  function named(error: unknown): unknown {
    if (error instanceof StoreDiskFullError || error instanceof StoreUnusableError || !isDiskFull(error)) return error;
    diskFullSeen = true;
    options.onDiskFull?.(error);
    return new StoreDiskFullError(error);
  }

  /**
   * A whole operation (a statement, or a transaction) failed: on PGlite, is the store still there? Only a
   * probe that fails marks it unusable. One that is merely slow (queued behind other work) does not: the
   * caller gets its error after `probeWaitMs`, and the probe's answer still counts when it comes.
   */
  async function afterFailure(error: unknown): Promise<never> {
    if (inner.dialect !== 'pglite' || closing || unusable) throw unusable ?? error;
    const diskFull = diskFullSeen || isDiskFull(error);
    const probe = inner.query('select 1').then(
      () => undefined,
      (probeError: unknown) => {
        if (unusable || closing) return;
        unusable = new StoreUnusableError(diskFull, probeError);
        options.onUnusable?.(unusable);
      },
    );
    let timer: NodeJS.Timeout | undefined;
    await Promise.race([probe, new Promise((resolve) => (timer = setTimeout(resolve, options.probeWaitMs ?? 2000)))]);
    clearTimeout(timer);
    throw unusable ?? error;
  }

  function within(tx: Db): Db {
    const db: Db = {
      dialect: tx.dialect,
      query: <Row>(sql: string, params?: readonly unknown[]) => tracked(() => tx.query<Row>(sql, params)),
      exec: (sql) => tracked(() => tx.exec(sql)),
      copyIn: (target, text) => tracked(() => tx.copyIn(target, text)),
      ensureRoom: (bytes) => tx.ensureRoom(bytes),
      transaction: (fn) => fn(db),
      close: () => tx.close(),
    };
    return db;
  }

  return {
    dialect: inner.dialect,
    query: <Row>(sql: string, params?: readonly unknown[]) => tracked(() => inner.query<Row>(sql, params)).catch(afterFailure),
    exec: (sql) => tracked(() => inner.exec(sql)).catch(afterFailure),
    copyIn: (target, text) => tracked(() => inner.copyIn(target, text)).catch(afterFailure),
    // A refusal before anything is written: named and logged as a full disk, with no probe of the store.
    ensureRoom: (bytes) => inner.ensureRoom(bytes).catch((error: unknown) => Promise.reject(named(error))),
    transaction: (fn) => tracked(() => inner.transaction((tx) => fn(within(tx)))).catch(afterFailure),
    async close() {
      closing = true;
      await inner.close();
    },
    health(): StoreHealth {
      if (unusable) return { state: 'unusable', reason: unusable.message };
      if (started.size === 0) return { state: 'ok' };
      let oldest = Infinity;
      for (const at of started.values()) oldest = Math.min(oldest, at);
      const waitingMs = now() - Math.max(oldest, lastProgress);
      return waitingMs > options.stuckAfterMs ? { state: 'stuck', waitingMs: Math.round(waitingMs) } : { state: 'ok' };
    },
  };
}

/** The store watched, its findings logged (a full disk at error level, a store that stopped at fatal). */
export function watchAppStore(
  db: Db,
  config: { storeStuckMs: number },
  logger: Logger,
  onUnusable?: (error: StoreUnusableError) => void,
): WatchedDb {
  return watchStore(db, {
    stuckAfterMs: config.storeStuckMs,
    onDiskFull: (error) =>
      logger.error(
        { err: error },
        "the data disk is full: free space on the disk that holds the store (VCOP_DATA_DIR, or the PostgreSQL server's), then try again",
      ),
    onUnusable: (error) => {
      logger.fatal({ err: error }, `${error.message}; a new process can open it again`);
      onUnusable?.(error);
    },
  });
}
