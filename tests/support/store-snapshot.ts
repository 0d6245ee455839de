import type { Db } from '../../src/store/db.js';

/** Table name -> every row as JSON text, in text order. */
export type StoreSnapshot = Record<string, string[]>;

/**
 * Every row of every table of the store's schema (PGlite's public, or a test's own PostgreSQL schema), in a
 * stable order. Take one before a write that must be refused and one after: equal snapshots mean nothing
 * was lost or half-written, and a table left behind (an import's staging) shows up by its name.
 * `except` leaves out tables a test expects to change (say why beside the call).
 */
export async function storeSnapshot(db: Pick<Db, 'query'>, options: { except?: readonly string[] } = {}): Promise<StoreSnapshot> {
  const tables = await db.query<{ name: string }>(
    'select tablename as name from pg_tables where schemaname = current_schema() order by tablename',
  );
  const snapshot: StoreSnapshot = {};
  for (const { name } of tables) {
    if (options.except?.includes(name)) continue;
    const rows = await db.query<{ row: string }>(`select to_jsonb(t)::text as row from "${name}" t order by 1`);
    snapshot[name] = rows.map((r) => r.row);
  }
  return snapshot;
}
