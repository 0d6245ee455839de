import { readPlainRecord } from '../domain/plain-records.js';
import { noRecordsCounted, parseRecord, type RecordCounts, type RecordType } from '../domain/records.js';
import type { AllocationConflict } from '../store/allocation-conflicts.js';
import type { Db } from '../store/db.js';
import { checkStagedRecords, recheckAgainstStore, type CheckErrors } from '../store/import-checks.js';
import { auditImport, lockImportMerge, mergeStagedRecords, refreshStatistics } from '../store/import-merge.js';
import { ImportStaging } from '../store/import-staging.js';
import { analyzeStaging, StagingWriter } from '../store/record-staging.js';
import { boundErrorList } from './import-error-list.js';
import type { NdjsonLine } from './ndjson-lines.js';

export type { AllocationConflict, RecordCounts, RecordType };

export interface ImportError {
  line: number;
  message: string;
}

export type ImportResult =
  /** `conflicts`: cases where the extract disagreed with a reassignment made in Teams (allocation-conflicts.ts). */
  | { ok: true; lines: number; counts: RecordCounts; conflicts: AllocationConflict[] }
  | { ok: false; lines: number; errorCount: number; errors: ImportError[] };

type Rejected = Extract<ImportResult, { ok: false }>;

export interface ImportOptions {
  /** The injected clock's "now": when a changed allocation takes effect, and the audit time. */
  now: Date;
  /** The policy's time zone: local dates of recording and contact are stored in it. */
  timeZone: string;
  /** At most this many bad lines are listed (all are counted). Default 10,000. */
  maxReportedErrors?: number;
  /** Called every 10,000 lines read, and once at the end. */
  onProgress?: (linesRead: number) => void;
  /**
   * Told when tidying up failed after the answer was decided (it stands): the staging tables could not
   * be dropped (the next start drops them), or the statistics not refreshed after the commit.
   */
  onTidyFailed?: (error: unknown, step: 'drop staging tables' | 'refresh statistics') => void;
}

const DEFAULT_MAX_REPORTED_ERRORS = 10_000;
const PROGRESS_EVERY = 10_000;

/** What reading the file found: valid records staged by type, and the lines that could not be read. */
interface ReadOutcome {
  linesRead: number;
  counts: RecordCounts;
  lineErrors: ImportError[];
  lineErrorCount: number;
}

/** Thrown inside the merge's transaction to roll it back; carries the answer out. */
class ImportRejected extends Error {
  constructor(readonly result: Rejected) {
    super('import rejected');
  }
}

/**
 * Imports an NDJSON extract all or nothing (records-format.md). Lines are validated as they stream and
 * valid records are staged by COPY in batches, each a statement of its own, into this import's staging tables:
 * nothing holds the store while the file is read, however slowly it arrives. References, duplicates and
 * the unit tree are then checked in SQL; only the merge into the real tables is one transaction. Any bad
 * line means nothing is merged, and the answer lists every bad line by number. The staging tables are
 * dropped whatever the outcome (a body that fails mid-way included). Memory stays flat: only one batch
 * per type is held.
 */
export async function importRecords(db: Db, lines: AsyncIterable<NdjsonLine>, options: ImportOptions): Promise<ImportResult> {
  const maxReported = options.maxReportedErrors ?? DEFAULT_MAX_REPORTED_ERRORS;
  const staging = await ImportStaging.create(db);
  let result: ImportResult;
  try {
    result = await stageCheckAndMerge(db, staging, lines, options, maxReported);
  } catch (error) {
    await staging.drop().catch((dropError: unknown) => options.onTidyFailed?.(dropError, 'drop staging tables'));
    throw error;
  }
  await staging.drop().catch((error: unknown) => options.onTidyFailed?.(error, 'drop staging tables'));
  if (result.ok && Object.values(result.counts).some((count) => count > 0)) {
    await refreshStatistics(db).catch((error: unknown) => options.onTidyFailed?.(error, 'refresh statistics'));
  }
  return result;
}

async function stageCheckAndMerge(
  db: Db,
  staging: ImportStaging,
  lines: AsyncIterable<NdjsonLine>,
  options: ImportOptions,
  maxReported: number,
): Promise<ImportResult> {
  const read = await stageLines(db, staging, lines, options, maxReported);
  await analyzeStaging(db, staging);
  const rejected = rejection(read, await checkStagedRecords(db, staging, maxReported), maxReported);
  if (rejected) return rejected;
  const ok = { ok: true as const, lines: read.linesRead, counts: read.counts };
  // Only blank lines: nothing to merge, and no audit entry for an import of nothing.
  if (Object.values(read.counts).every((count) => count === 0)) return { ...ok, conflicts: [] };
  let conflicts: AllocationConflict[] = [];
  try {
    await db.transaction(async (tx) => {
      await lockImportMerge(tx);
      const changed = rejection(read, await recheckAgainstStore(tx, staging, maxReported), maxReported);
      if (changed) throw new ImportRejected(changed);
      conflicts = await mergeStagedRecords(tx, staging, { now: options.now, timeZone: options.timeZone });
      await auditImport(tx, { now: options.now, lines: read.linesRead, counts: read.counts });
    });
  } catch (error) {
    if (error instanceof ImportRejected) return error.result;
    throw error;
  }
  return { ...ok, conflicts };
}

async function stageLines(
  db: Db,
  staging: ImportStaging,
  lines: AsyncIterable<NdjsonLine>,
  options: ImportOptions,
  maxReported: number,
): Promise<ReadOutcome> {
  const writer = new StagingWriter(db, staging);
  const read: ReadOutcome = {
    linesRead: 0,
    counts: noRecordsCounted(),
    lineErrors: [],
    lineErrorCount: 0,
  };
  for await (const line of lines) {
    read.linesRead = Math.max(read.linesRead, line.lineNumber);
    if (read.linesRead % PROGRESS_EVERY === 0) options.onProgress?.(read.linesRead);
    const parsed = 'error' in line ? { ok: false as const, message: line.error } : parseLine(line.text);
    if (!parsed.ok) {
      read.lineErrorCount += 1;
      if (read.lineErrors.length < maxReported) read.lineErrors.push({ line: line.lineNumber, message: parsed.message });
      continue;
    }
    read.counts[parsed.record.type] = (read.counts[parsed.record.type] ?? 0) + 1;
    await writer.add(line.lineNumber, parsed.record);
  }
  await writer.flush();
  options.onProgress?.(read.linesRead);
  return read;
}

/** The answer when reading or the checks found bad lines; undefined when there are none. */
function rejection(read: ReadOutcome, checked: CheckErrors, maxReported: number): Rejected | undefined {
  const errorCount = read.lineErrorCount + checked.lineCount;
  if (errorCount === 0) return undefined;
  // Both lists are in line order and cover different lines (an invalid line is never staged).
  const errors = [...read.lineErrors, ...checked.errors].sort((a, b) => a.line - b.line);
  return { ok: false, lines: read.linesRead, errorCount, errors: boundErrorList(errors, maxReported) };
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
  // The fast path for the common, valid line; anything else is zod's to judge and describe.
  const plain = readPlainRecord(value);
  return plain ? { ok: true, record: plain } : parseRecord(value);
}
