import { randomBytes } from 'node:crypto';
import type { RecordType } from '../domain/records.js';
import type { Db } from './db.js';
import { STAGING_COLUMNS } from './staging-columns.js';

/**
 * One import's staging tables: ordinary (unlogged) tables named after the import, written in short
 * statements of their own while the file streams. Nothing holds the store between two batches, so other
 * queries run while an upload is slow or stalled; only the final merge is one transaction. The tables are
 * dropped when the import ends, whatever the outcome, and a start after a crash drops any left behind.
 *
 * Names: `import_<started, base 36 ms>_<random>_<part>`, in the connection's own schema.
 */
export type StagingPart = RecordType | 'errors';

const PART_SUFFIX: Record<StagingPart, string> = {
  unit: 'units',
  person: 'people',
  case: 'cases',
  victim: 'victims',
  needsAssessment: 'needs_assessments',
  contact: 'contacts',
  decision: 'decisions',
  errors: 'errors',
};

const STAGING_NAME = /^import_([0-9a-z]+)_[0-9a-f]{8}_[a-z_]+$/;
/** The same pattern for SQL: pg_tables is filtered with it before the names are parsed. */
const STAGING_NAME_SQL = '^import_[0-9a-z]+_[0-9a-f]{8}_[a-z_]+$';

export class ImportStaging {
  private constructor(
    private readonly db: Db,
    readonly id: string,
  ) {}

  /** Creates the empty tables of a new import, each in a statement of its own. */
  static async create(db: Db, startedAt = Date.now()): Promise<ImportStaging> {
    const staging = new ImportStaging(db, `import_${startedAt.toString(36)}_${randomBytes(4).toString('hex')}`);
    try {
      for (const [type, { columns }] of Object.entries(STAGING_COLUMNS) as [RecordType, (typeof STAGING_COLUMNS)[RecordType]][]) {
        const list = columns.map((c) => `${c.name} ${c.type}`).join(', ');
        await db.exec(`create unlogged table ${staging.table(type)} (line int not null, ${list})`);
      }
      await db.exec(`create unlogged table ${staging.table('errors')} (line int not null, message text not null)`);
    } catch (error) {
      await staging.drop().catch(() => undefined); // the error that matters is the first; a start sweeps the rest
      throw error;
    }
    return staging;
  }

  /** The table holding one part of this import. */
  table(part: StagingPart): string {
    return `${this.id}_${PART_SUFFIX[part]}`;
  }

  /** SQL written with `{part}` placeholders (`{unit}`, `{errors}` ...) for this import's tables. */
  bind(sql: string): string {
    return sql.replace(/\{(unit|person|case|victim|needsAssessment|contact|decision|errors)\}/g, (_, part: StagingPart) =>
      this.table(part),
    );
  }

  /** Drops every table of this import (those that exist). */
  async drop(): Promise<void> {
    await this.db.exec(
      `drop table if exists ${Object.keys(PART_SUFFIX)
        .map((part) => this.table(part as StagingPart))
        .join(', ')}`,
    );
  }
}

/**
 * Drops staging tables that no running import owns: every one on PGlite (the folder lock means no other
 * process runs), and on a shared PostgreSQL server those started longer ago than `olderThanMs` (another
 * process may be importing right now). Answers how many tables were dropped.
 */
export async function dropLeftoverStaging(db: Db, options: { olderThanMs: number; now?: number }): Promise<number> {
  const rows = await db.query<{ name: string }>(
    `select tablename as name from pg_tables where schemaname = current_schema() and tablename ~ $1`,
    [STAGING_NAME_SQL],
  );
  const now = options.now ?? Date.now();
  const stale = rows
    .map((row) => row.name)
    .filter((name) => {
      const started = parseInt(STAGING_NAME.exec(name)?.[1] ?? '', 36);
      return db.dialect === 'pglite' || !Number.isFinite(started) || now - started > options.olderThanMs;
    });
  for (const name of stale) await db.exec(`drop table if exists ${name}`);
  return stale.length;
}
