import { readFile } from 'node:fs/promises';
import { importRecords, type ImportResult } from '../../src/service/import-records.js';
import { readNdjsonLines } from '../../src/service/ndjson-lines.js';
import { openDb } from '../../src/store/connect.js';
import type { Db } from '../../src/store/db.js';
import { migrate } from '../../src/store/migrate.js';
import { createTestSchema, type Driver } from './postgres-schema.js';

export { DRIVERS, type Driver } from './postgres-schema.js';

export interface TestDb {
  db: Db;
  /** Closes the store and, on PostgreSQL, drops the test's own schema. */
  dispose(): Promise<void>;
}

/** A migrated, empty store. On PostgreSQL each one lives in a schema of its own, so test files never meet. */
export async function openTestDb(driver: Driver, options: { migrated?: boolean } = {}): Promise<TestDb> {
  const migrated = options.migrated ?? true;
  if (driver === 'pglite') {
    const db = await openDb({ dataDir: 'memory://' });
    if (migrated) await migrate(db);
    return { db, dispose: () => db.close() };
  }
  const schema = await createTestSchema('store');
  const db = await openDb({ databaseUrl: schema.url, dataDir: 'unused' });
  if (migrated) await migrate(db);
  return {
    db,
    dispose: async () => {
      await db.close();
      await schema.drop();
    },
  };
}

export const SMALL_FORCE_NOW = new Date('2026-11-20T10:00:00Z');
export const TIME_ZONE = 'Europe/London';

export function smallForceNdjson(): Promise<string> {
  return readFile(new URL('../fixtures/small-force.ndjson', import.meta.url), 'utf8');
}

/** Imports NDJSON text through the real streaming path, in chunks that split lines mid-way. */
export function importText(
  db: Db,
  text: string,
  options: { now?: Date; maxReportedErrors?: number; chunkBytes?: number } = {},
): Promise<ImportResult> {
  const bytes = Buffer.from(text, 'utf8');
  const chunkBytes = options.chunkBytes ?? 97;
  const chunks = (async function* () {
    for (let i = 0; i < bytes.length; i += chunkBytes) yield bytes.subarray(i, i + chunkBytes);
  })();
  return importRecords(db, readNdjsonLines(chunks, { maxLineBytes: 64 * 1024 }), {
    now: options.now ?? SMALL_FORCE_NOW,
    timeZone: TIME_ZONE,
    maxReportedErrors: options.maxReportedErrors,
  });
}
