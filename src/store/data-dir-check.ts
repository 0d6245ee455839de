import { readdir, rm, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { isDiskFull, StoreDiskFullError } from './store-errors.js';

/**
 * What a PGlite data folder is before it is opened. PGlite itself creates a new store in any folder
 * without `PG_VERSION`, over whatever is there: a folder that lost one small file would come back as an
 * empty store (or as the demo force) and the real data would be overwritten. So a folder is opened only
 * when it is new (absent or empty) or a complete store; anything else is refused, untouched.
 */
export type DataDirState = 'new' | 'store';

/** Files every PGlite store has; a folder missing any of them is not a complete store. */
const STORE_FILES = ['PG_VERSION', join('global', 'pg_control'), 'base'];
/** What a freshly formatted volume holds before anything is written to it. */
const IGNORED = new Set(['lost+found']);

const WHAT_TO_DO =
  'If it held the store, restore the folder from a backup; otherwise point VCOP_DATA_DIR at an empty ' +
  'or new folder (a new store is created there).';

export class DataDirNotAStoreError extends Error {
  constructor(
    readonly dataDir: string,
    readonly missing: string[],
  ) {
    super(
      `the data folder ${dataDir} is not empty but is not a complete store (${missing.join(', ')} ` +
        `missing), so it was left untouched. ${WHAT_TO_DO}`,
    );
    this.name = 'DataDirNotAStoreError';
  }
}

export class DataDirDamagedError extends Error {
  constructor(dataDir: string, reason: string, cause: unknown) {
    super(
      `the data folder ${dataDir} could not be opened: ${reason}. The folder was left as it is. ` +
        'Restore it from a backup, or point VCOP_DATA_DIR at an empty or new folder to start a new store.',
      { cause },
    );
    this.name = 'DataDirDamagedError';
  }
}

export async function checkDataDir(dataDir: string): Promise<DataDirState> {
  let entries: string[];
  try {
    entries = await readdir(dataDir);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return 'new';
    throw error;
  }
  if (entries.every((entry) => IGNORED.has(entry))) return 'new';
  const missing: string[] = [];
  for (const file of STORE_FILES) {
    if (
      !(await stat(join(dataDir, file)).then(
        () => true,
        () => false,
      ))
    )
      missing.push(file);
  }
  if (missing.length > 0) throw new DataDirNotAStoreError(dataDir, missing);
  return 'store';
}

/**
 * Removes what a failed first start wrote into a folder that was new. If that fails too, the next start
 * refuses the half-made folder with DataDirNotAStoreError, which says what to do.
 */
export async function emptyNewDataDir(dataDir: string): Promise<void> {
  const entries = await readdir(dataDir).catch(() => [] as string[]);
  for (const entry of entries.filter((name) => !IGNORED.has(name))) {
    await rm(join(dataDir, entry), { recursive: true, force: true }).catch(() => undefined);
  }
}

/**
 * PGlite's own start-up failures say nothing a person can act on ("Aborted()", "PGlite failed to
 * initialize properly", an Emscripten `ErrnoError` shown as "[object Object]"): name the folder, what
 * is wrong and what to do.
 */
export function explainOpenFailure(dataDir: string, error: unknown): Error {
  if (isDiskFull(error)) return new StoreDiskFullError(error);
  const { name, message, errno } = (error ?? {}) as { name?: unknown; message?: unknown; errno?: unknown };
  if (name === 'ErrnoError') {
    const reason =
      `the embedded PostgreSQL got file system error ${String(errno)} from a file in it (check that this ` +
      `process may read and write the folder and every file in it; if it may, the folder is damaged)`;
    return new DataDirDamagedError(dataDir, reason, error);
  }
  if (typeof message === 'string' && (message.startsWith('Aborted(') || message.includes('failed to initialize'))) {
    const reason =
      'the embedded PostgreSQL stopped while reading it: its control file (global/pg_control) or another of its files is damaged';
    return new DataDirDamagedError(dataDir, reason, error);
  }
  return error instanceof Error ? error : new Error(String(error));
}
