import type { RecordOf, RecordType } from '../domain/records.js';
import type { Db } from './db.js';
import type { ImportStaging } from './import-staging.js';
import { STAGING_COLUMNS } from './staging-columns.js';

/**
 * What is staged of each record type: valid records are written to the import's staging tables
 * (import-staging.ts) in batches while the file streams, so references can be checked in SQL at the end
 * and nothing reaches the real tables unless every line is valid.
 */

/** Collects valid records column by column and writes each type in multi-row batches. */
export class StagingWriter {
  private readonly buffers = new Map<RecordType, { lines: number[]; columns: unknown[][] }>();

  /** Each batch is a statement of its own (no transaction): other queries run between two batches. */
  constructor(
    private readonly db: Db,
    private readonly staging: ImportStaging,
    private readonly batchSize = 5000,
  ) {}

  /** Buffers one record; writes its type's batch when full (await it: that is the back-pressure). */
  async add(lineNumber: number, record: RecordOf): Promise<void> {
    const spec = STAGING_COLUMNS[record.type];
    let buffer = this.buffers.get(record.type);
    if (!buffer) {
      buffer = { lines: [], columns: spec.columns.map(() => []) };
      this.buffers.set(record.type, buffer);
    }
    buffer.lines.push(lineNumber);
    const values = spec.values(record);
    for (let i = 0; i < values.length; i++) (buffer.columns[i] as unknown[]).push(values[i]);
    if (buffer.lines.length >= this.batchSize) await this.flushType(record.type);
  }

  async flush(): Promise<void> {
    for (const type of this.buffers.keys()) await this.flushType(type);
  }

  private async flushType(type: RecordType): Promise<void> {
    const buffer = this.buffers.get(type);
    if (!buffer || buffer.lines.length === 0) return;
    const { columns } = STAGING_COLUMNS[type];
    const params = columns.map((c, i) => `$${i + 2}::${c.type}[]`).join(', ');
    await this.db.query(
      `insert into ${this.staging.table(type)} (line, ${columns.map((c) => c.name).join(', ')}) select * from unnest($1::int[], ${params})`,
      [buffer.lines, ...buffer.columns],
    );
    this.buffers.set(type, { lines: [], columns: columns.map(() => []) });
  }
}

/** Fresh statistics so the checks and merge plan their joins on real row counts (one statement per table). */
export async function analyzeStaging(db: Db, staging: ImportStaging): Promise<void> {
  for (const type of Object.keys(STAGING_COLUMNS) as RecordType[]) await db.exec(`analyze ${staging.table(type)}`);
}
