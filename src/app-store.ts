import type { AppConfig } from './config/env.js';
import type { Logger } from './log/logger.js';
import { openDb } from './store/connect.js';
import type { Db } from './store/db.js';
import { dropLeftoverStaging } from './store/import-staging.js';
import { migrate } from './store/migrate.js';
import type { StoreUnusableError } from './store/store-errors.js';
import { watchStore, type WatchedDb } from './store/store-watch.js';

export interface AppStore {
  db: WatchedDb;
  /** This start created the store (a new data folder, an empty database): only then is the demo seeded. */
  created: boolean;
}

/** On a shared PostgreSQL server another process may be importing now: there only staging a day old is dropped. */
const LEFTOVER_STAGING_AGE_MS = 24 * 60 * 60 * 1000;

/**
 * Opens the store the application runs on, watched (store-watch.ts): a full disk and a wedged store are
 * logged in plain words, and `onUnusable` is told when only a new process can go on. Applies the
 * migrations and drops staging tables left by imports that never finished.
 */
/** The store watched, its findings logged (a full disk at error level, a store that stopped at fatal). */
export function watchAppStore(db: Db, config: Pick<AppConfig, 'storeStuckMs'>, logger: Logger, onUnusable?: (error: StoreUnusableError) => void): WatchedDb {
  return watchStore(db, {
    stuckAfterMs: config.storeStuckMs,
    onDiskFull: (error) => logger.error({ err: error }, 'the data disk is full: free space on the disk that holds the store (VCOP_DATA_DIR, or the PostgreSQL server\'s), then try again'),
    onUnusable: (error) => {
      logger.fatal({ err: error }, `${error.message}; a new process can open it again`);
      onUnusable?.(error);
    },
  });
}

export async function openAppStore(config: AppConfig, logger: Logger, onUnusable?: (error: StoreUnusableError) => void): Promise<AppStore> {
  const opened = await openDb({
    databaseUrl: config.databaseUrl,
    dataDir: config.dataDir,
    onConnectionLost: (error) => logger.warn({ err: error }, 'the database dropped an idle connection; the next query opens a new one'),
    onDataDirLockLost: (error) => logger.error({ err: error }, 'could not keep the data folder locked: make sure no other process opens it'),
  });
  const db = watchAppStore(opened, config, logger, onUnusable);
  try {
    const [before] = await db.query<{ fresh: boolean }>(`select to_regclass('schema_migrations') is null as fresh`);
    await migrate(db);
    const leftover = await dropLeftoverStaging(db, { olderThanMs: LEFTOVER_STAGING_AGE_MS });
    if (leftover > 0) logger.info({ tables: leftover }, 'dropped the staging tables of imports that did not finish (a crash or a kill)');
    return { db, created: before?.fresh === true };
  } catch (error) {
    await db.close();
    throw error;
  }
}
