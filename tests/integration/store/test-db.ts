import { randomUUID } from 'node:crypto';
import pg from 'pg';
import { openDb } from '../../../src/store/connect.js';
import type { Db } from '../../../src/store/db.js';
import { migrate } from '../../../src/store/migrate.js';

export type Driver = 'pglite' | 'postgres';

/** PGlite always; a real PostgreSQL too when TEST_DATABASE_URL is set (CI). */
export const DRIVERS: Driver[] = process.env.TEST_DATABASE_URL ? ['pglite', 'postgres'] : ['pglite'];

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
  const baseUrl = process.env.TEST_DATABASE_URL as string;
  const schema = `store_${randomUUID().replaceAll('-', '').slice(0, 12)}`;
  await withClient(baseUrl, (client) => client.query(`create schema ${schema}`));
  const url = new URL(baseUrl);
  url.searchParams.set('options', `-c search_path=${schema}`);
  const db = await openDb({ databaseUrl: url.toString(), dataDir: 'unused' });
  if (migrated) await migrate(db);
  return {
    db,
    dispose: async () => {
      await db.close();
      await withClient(baseUrl, (client) => client.query(`drop schema ${schema} cascade`));
    },
  };
}

async function withClient<T>(url: string, use: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await use(client);
  } finally {
    await client.end();
  }
}
