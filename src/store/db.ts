/**
 * The one port to the database. Both PGlite (embedded, default) and a PostgreSQL server (`DATABASE_URL`)
 * sit behind it, so every repository speaks one SQL dialect and never knows which it runs on.
 *
 * Conventions the repositories keep so that both drivers answer alike:
 * - dates are selected as text (`due_on::text`), instants as ISO text or compared in SQL;
 * - bulk writes pass arrays and expand them with `unnest($1::text[], ...)`;
 * - bigints/counts are cast to int in SQL (`count(*)::int`).
 */
export interface Db {
  readonly dialect: 'pglite' | 'postgres';
  query<Row = Record<string, unknown>>(sql: string, params?: readonly unknown[]): Promise<Row[]>;
  /** Runs several statements separated by semicolons, no parameters (migrations). */
  exec(sql: string): Promise<void>;
  /** Runs fn in one transaction: committed when fn resolves, rolled back when it throws. */
  transaction<T>(fn: (tx: Db) => Promise<T>): Promise<T>;
  close(): Promise<void>;
}
