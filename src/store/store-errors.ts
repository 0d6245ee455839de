/**
 * Store failures that the caller must be told about in plain words, whichever driver raised them: a full
 * data disk (PostgreSQL's `53100 disk_full`, Node's `ENOSPC`, or the Emscripten file system's errno 51
 * inside PGlite), and a store that stopped working altogether.
 */

const DISK_FULL_ADVICE =
  "free space on the disk that holds the store (the VCOP_DATA_DIR folder, or the PostgreSQL server's data disk), then try again";

export class StoreDiskFullError extends Error {
  constructor(cause: unknown) {
    super(`the data disk is full${cause instanceof NoRoomError ? ` (${cause.shortfall})` : ''}: ${DISK_FULL_ADVICE}`, { cause });
    this.name = 'StoreDiskFullError';
  }
}

/**
 * The store answers nothing any more (PGlite after a failed write to its write-ahead log: every later
 * statement fails). Only a new process can open it again; `diskFull` says whether a full disk led here.
 */
export class StoreUnusableError extends Error {
  constructor(
    readonly diskFull: boolean,
    cause: unknown,
  ) {
    super(
      diskFull
        ? `the data disk is full and the store stopped working: ${DISK_FULL_ADVICE}; the process must be restarted`
        : 'the store stopped working and answers no statement: the process must be restarted',
      { cause },
    );
    this.name = 'StoreUnusableError';
  }
}

/**
 * The store's disk has no room for a write about to start (disk-room.ts): refused before it begins, so
 * nothing is written. Read as a full disk wherever one is (`isDiskFull`).
 */
export class NoRoomError extends Error {
  constructor(
    readonly freeBytes: number,
    readonly neededBytes: number,
    readonly headroomBytes: number,
  ) {
    super(`${megabytes(freeBytes)} free on the data disk; this import needs about ${megabytes(neededBytes + headroomBytes)}`);
    this.name = 'NoRoomError';
  }

  /** The figures in words, for the one who must free the space. */
  get shortfall(): string {
    return (
      `${megabytes(this.freeBytes)} free; this import needs about ${megabytes(this.neededBytes)}, ` +
      `and ${megabytes(this.headroomBytes)} more is kept free (VCOP_DISK_HEADROOM_MB)`
    );
  }
}

const megabytes = (bytes: number) => `${Math.ceil(bytes / (1024 * 1024))} MB`;

/** Emscripten's errno for "no space left on device" (PGlite's file system layer). */
const EMSCRIPTEN_ENOSPC = 51;

export function isDiskFull(error: unknown): boolean {
  if (error instanceof StoreDiskFullError || error instanceof NoRoomError) return true;
  if (typeof error !== 'object' || error === null) return false;
  const { code, errno, name, message } = error as { code?: unknown; errno?: unknown; name?: unknown; message?: unknown };
  if (code === '53100' || code === 'ENOSPC') return true;
  if (name === 'ErrnoError' && errno === EMSCRIPTEN_ENOSPC) return true;
  return typeof message === 'string' && message.includes('No space left on device');
}
