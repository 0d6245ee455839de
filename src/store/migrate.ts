import { readdir, readFile } from 'node:fs/promises';
import type { Db } from './db.js';

const MIGRATIONS_DIR = new URL('./migrations/', import.meta.url);
const MIGRATION_FILE = /^(\d{3})_[a-z0-9_]+\.sql$/;
/** Any fixed number: every process that migrates this database takes the same lock. */
const MIGRATION_LOCK_KEY = 7_310_042;

export interface Migration {
  version: string;
  name: string;
  sql: string;
}

/** The numbered SQL files, in order (001-099 compliance service, 100-199 bot). */
export async function loadMigrations(dir: URL = MIGRATIONS_DIR): Promise<Migration[]> {
  const files = (await readdir(dir)).filter((file) => file.endsWith('.sql')).sort();
  const migrations: Migration[] = [];
  for (const file of files) {
    const match = MIGRATION_FILE.exec(file);
    if (!match) throw new Error(`migration file '${file}' must be named NNN_words.sql (e.g. 002_add_index.sql)`);
    migrations.push({ version: match[1] as string, name: file, sql: await readFile(new URL(file, dir), 'utf8') });
  }
  const versions = migrations.map((m) => m.version);
  const repeated = versions.find((version, i) => versions.indexOf(version) !== i);
  if (repeated) throw new Error(`two migration files share the number ${repeated}: renumber one`);
  return migrations;
}

/**
 * Applies the migrations not yet recorded in `schema_migrations`, all in one transaction.
 * The advisory lock makes replicas that start together wait for the first, then find nothing to do.
 * Returns the names applied by this call.
 */
export async function migrate(db: Db, migrations?: readonly Migration[]): Promise<string[]> {
  const pending = migrations ?? (await loadMigrations());
  return db.transaction(async (tx) => {
    await tx.query('select pg_advisory_xact_lock($1)', [MIGRATION_LOCK_KEY]);
    await tx.exec(`create table if not exists schema_migrations (
      version    text primary key,
      name       text not null,
      applied_at timestamptz not null default now()
    )`);
    const applied = new Set((await tx.query<{ version: string }>('select version from schema_migrations')).map((r) => r.version));
    const names: string[] = [];
    for (const migration of pending) {
      if (applied.has(migration.version)) continue;
      try {
        await tx.exec(migration.sql);
      } catch (error) {
        throw new Error(`migration ${migration.name} failed: ${error instanceof Error ? error.message : String(error)}`, { cause: error });
      }
      await tx.query('insert into schema_migrations (version, name) values ($1, $2)', [migration.version, migration.name]);
      names.push(migration.name);
    }
    return names;
  });
}
