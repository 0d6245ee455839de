import { parseRecord, RECORD_TYPES, type RecordType } from '../domain/records.js';
import type { AllocationConflict } from '../store/allocation-conflicts.js';
import type { Db } from '../store/db.js';
import { checkStagedRecords } from '../store/import-checks.js';
import { auditImport, mergeStagedRecords, refreshStatistics } from '../store/import-merge.js';
import { analyzeStagingTables, createStagingTables, StagingWriter } from '../store/record-staging.js';
import { boundErrorList } from './import-error-list.js';
import type { NdjsonLine } from './ndjson-lines.js';

export type { AllocationConflict, RecordType };

export interface ImportError {
  line: number;
  message: string;
}

export type ImportResult =
  /** `conflicts`: cases where the extract disagreed with a reassignment made in Teams (allocation-conflicts.ts). */
  | { ok: true; lines: number; counts: Record<RecordType, number>; conflicts: AllocationConflict[] }
  | { ok: false; lines: number; errorCount: number; errors: ImportError[] };

export interface ImportOptions {
  /** The injected clock's "now": when a changed allocation takes effect, and the audit time. */
  now: Date;
  /** The policy's time zone: local dates of recording and contact are stored in it. */
  timeZone: string;
  /** At most this many bad lines are listed (all are counted). Default 10,000. */
  maxReportedErrors?: number;
  /** Called every 10,000 lines read, and once at the end. */
  onProgress?: (linesRead: number) => void;
}

const DEFAULT_MAX_REPORTED_ERRORS = 10_000;
const PROGRESS_EVERY = 10_000;

/** Thrown inside the transaction to roll it back; carries the answer out. */
class ImportRejected extends Error {
  constructor(readonly result: Extract<ImportResult, { ok: false }>) {
    super('import rejected');
  }
}

/**
 * Imports an NDJSON extract all or nothing (records-format.md). Lines are validated as they stream and
 * valid records are staged in batches inside one transaction; at the end references, duplicates and the
 * unit tree are checked in SQL, then everything is merged. Any bad line rolls the whole import back and
 * the answer lists every bad line by number. Memory stays flat: only one batch per type is held.
 */
export async function importRecords(db: Db, lines: AsyncIterable<NdjsonLine>, options: ImportOptions): Promise<ImportResult> {
  const maxReported = options.maxReportedErrors ?? DEFAULT_MAX_REPORTED_ERRORS;
  try {
    return await db.transaction(async (tx) => {
      await createStagingTables(tx);
      const writer = new StagingWriter(tx);
      const counts = Object.fromEntries(RECORD_TYPES.map((type) => [type, 0])) as Record<RecordType, number>;
      const lineErrors: ImportError[] = [];
      let lineErrorCount = 0;
      let linesRead = 0;

      for await (const line of lines) {
        linesRead = Math.max(linesRead, line.lineNumber);
        if (linesRead % PROGRESS_EVERY === 0) options.onProgress?.(linesRead);
        const parsed = 'error' in line ? { ok: false as const, message: line.error } : parseLine(line.text);
        if (!parsed.ok) {
          lineErrorCount += 1;
          if (lineErrors.length < maxReported) lineErrors.push({ line: line.lineNumber, message: parsed.message });
          continue;
        }
        counts[parsed.record.type] += 1;
        await writer.add(line.lineNumber, parsed.record);
      }
      await writer.flush();
      options.onProgress?.(linesRead);

      await analyzeStagingTables(tx);
      const checked = await checkStagedRecords(tx, maxReported);
      const errorCount = lineErrorCount + checked.lineCount;
      if (errorCount > 0) {
        // Both lists are in line order and cover different lines (an invalid line is never staged).
        const errors = [...lineErrors, ...checked.errors].sort((a, b) => a.line - b.line);
        throw new ImportRejected({ ok: false, lines: linesRead, errorCount, errors: boundErrorList(errors, maxReported) });
      }

      // Only blank lines: nothing to merge, and no audit entry for an import of nothing.
      if (Object.values(counts).every((count) => count === 0)) return { ok: true as const, lines: linesRead, counts, conflicts: [] };
      const conflicts = await mergeStagedRecords(tx, { now: options.now, timeZone: options.timeZone });
      await auditImport(tx, { now: options.now, lines: linesRead, counts });
      await refreshStatistics(tx);
      return { ok: true as const, lines: linesRead, counts, conflicts };
    });
  } catch (error) {
    if (error instanceof ImportRejected) return error.result;
    throw error;
  }
}

function parseLine(text: string): ReturnType<typeof parseRecord> {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    // JSON.parse throws only SyntaxError. Its message may quote the line, so only the position is kept.
    const position = /at position (\d+)/.exec((error as SyntaxError).message)?.[1];
    const where = position === undefined ? '' : ` (at character ${Number(position) + 1})`;
    return { ok: false, message: `not valid JSON${where}: each line must be one complete JSON object` };
  }
  return parseRecord(value);
}
