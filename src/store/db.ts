/**
 * The one port to the database. Both PGlite (embedded, default) and a PostgreSQL server (`DATABASE_URL`)
 * sit behind it, so every repository speaks one SQL dialect and never knows which it runs on.
 *
 * Conventions the repositories keep so that both drivers answer alike:
 * - dates are selected as text (`due_on::text`), instants as ISO text or compared in SQL;
 * - bulk writes pass arrays and expand them with `unnest($1::text[], ...)`; an import's staging rows go by
 *   `copyIn` (COPY, the store's own bulk path);
 * - bigints/counts are cast to int in SQL (`count(*)::int`).
 */
export interface Db {
  readonly dialect: 'pglite' | 'postgres';
  query<Row = Record<string, unknown>>(sql: string, params?: readonly unknown[]): Promise<Row[]>;
  /** Runs several statements separated by semicolons, no parameters (migrations). */
  exec(sql: string): Promise<void>;
  /**
   * Bulk-loads rows with COPY into `target`, a table and its column list (`t (a, b)`): `text` is COPY text
   * format (copy-text.ts). One statement, so all its rows or none. PostgreSQL: `copy ... from stdin`;
   * PGlite: `copy ... from '/dev/blob'` with the text as the blob.
   */
  copyIn(target: string, text: string): Promise<void>;
  /**
   * Fails with a full disk (`NoRoomError`) when the store's disk has no room for about `bytes` more beside
   * the headroom kept free: an import asks before each batch it writes. PGlite checks its folder's disk, as
   * it cannot always recover from a write that meets a full one (disk-room.ts); a PostgreSQL server answers
   * a full disk itself and goes on, so there this does nothing.
   */
  ensureRoom(bytes: number): Promise<void>;
  /** Runs fn in one transaction: committed when fn resolves, rolled back when it throws. */
  transaction<T>(fn: (tx: Db) => Promise<T>): Promise<T>;
  close(): Promise<void>;
}
