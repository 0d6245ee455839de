import type { RecordOf, RecordType } from '../domain/records.js';
import { copyTextRow } from './copy-text.js';
import type { Db } from './db.js';
import type { ImportStaging } from './import-staging.js';
import { STAGING_COLUMNS } from './staging-columns.js';

/**
 * What is staged of each record type: valid records are written to the import's staging tables
 * (import-staging.ts) in batches while the file streams, so references can be checked in SQL at the end
 * and nothing reaches the real tables unless every line is valid.
 */

/**
 * What an import adds to the store's disk at its peak, per byte of COPY text staged: the staging tables,
 * the merged tables and their indexes, and the write-ahead log. Measured on PGlite: 11.5 MB staged from a
 * 20,000-victim extract grew a new store by 97 MB (much of it log segments, reused by the next import).
 */
export const IMPORT_DISK_GROWTH = 8;

/**
 * Collects valid records as COPY text (copy-text.ts), one buffer per type, and writes a type's buffer
 * with one COPY (the store's own bulk path) when it holds `batchSize` records. One COPY runs while the
 * next lines are read (on PostgreSQL the server loads a batch while this process parses the next); a
 * batch waits for the COPY before it. Memory stays flat: at most one batch per type, and one in the COPY.
 */
export class StagingWriter {
  private readonly buffers = new Map<RecordType, { rows: number; text: string }>();
  /** The last COPY started: the next waits for it (and so fails with it). */
  private inFlight: Promise<void> = Promise.resolve();
  /** COPY text written or being written, in bytes: each batch first asks the store for room for it all. */
  private stagedBytes = 0;

  /** Each batch is a statement of its own (no transaction): other queries run between two batches. */
  constructor(
    private readonly db: Db,
    private readonly staging: ImportStaging,
    private readonly batchSize = 5000,
  ) {}

  /** Buffers one record; writes its type's batch when full (await it: that is the back-pressure). */
  async add(lineNumber: number, record: RecordOf): Promise<void> {
    let buffer = this.buffers.get(record.type);
    if (!buffer) {
      buffer = { rows: 0, text: '' };
      this.buffers.set(record.type, buffer);
    }
    buffer.text += copyTextRow([lineNumber, ...STAGING_COLUMNS[record.type].values(record)]);
    buffer.rows += 1;
    if (buffer.rows >= this.batchSize) await this.flushType(record.type);
  }

  /** Writes what is buffered and waits for every COPY: a batch the store refused fails here at the latest. */
  async flush(): Promise<void> {
    for (const type of this.buffers.keys()) await this.flushType(type);
    await this.inFlight;
  }

  private async flushType(type: RecordType): Promise<void> {
    const buffer = this.buffers.get(type);
    if (!buffer || buffer.rows === 0) return;
    this.buffers.set(type, { rows: 0, text: '' });
    await this.inFlight;
    // The whole import so far, not this batch alone: PGlite holds what it copied in memory for a while,
    // so the disk's free space does not yet show it. Without room, the import ends here and merges nothing.
    this.stagedBytes += Buffer.byteLength(buffer.text);
    await this.db.ensureRoom(this.stagedBytes * IMPORT_DISK_GROWTH);
    const columns = ['line', ...STAGING_COLUMNS[type].columns.map((c) => c.name)];
    const copy = this.db.copyIn(`${this.staging.table(type)} (${columns.join(', ')})`, buffer.text);
    // Its failure reaches the import at the next batch or at flush(). If the file fails first, the import
    // ends on that error and drops the staging tables: after this COPY (PGlite runs statements in order; on
    // PostgreSQL the drop waits for the COPY's lock).
    copy.catch(() => undefined);
    this.inFlight = copy;
  }
}

/** Fresh statistics so the checks and merge plan their joins on real row counts (one statement per table). */
export async function analyzeStaging(db: Db, staging: ImportStaging): Promise<void> {
  for (const type of Object.keys(STAGING_COLUMNS) as RecordType[]) await db.exec(`analyze ${staging.table(type)}`);
}
