import { randomUUID } from 'node:crypto';
import pg from 'pg';

export type Driver = 'pglite' | 'postgres';

/** PGlite always; a real PostgreSQL too when TEST_DATABASE_URL is set (CI starts one, see .ci/postgres.sh). */
export const DRIVERS: Driver[] = process.env.TEST_DATABASE_URL ? ['pglite', 'postgres'] : ['pglite'];

/**
 * A fresh schema on the test server and a connection URL whose search_path is that schema: test files
 * running side by side on the one test database never see each other's rows.
 */
export async function createTestSchema(prefix: string): Promise<{ url: string; drop(): Promise<void> }> {
  const baseUrl = process.env.TEST_DATABASE_URL;
  if (!baseUrl) throw new Error('TEST_DATABASE_URL is not set: start a server with `source .ci/postgres.sh; start_throwaway_postgres`');
  const schema = `${prefix}_${randomUUID().replaceAll('-', '').slice(0, 12)}`;
  await withClient(baseUrl, (client) => client.query(`create schema ${schema}`));
  const url = new URL(baseUrl);
  url.searchParams.set('options', `-c search_path=${schema}`);
  return {
    url: url.toString(),
    drop: () => withClient(baseUrl, (client) => client.query(`drop schema ${schema} cascade`)).then(() => undefined),
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
