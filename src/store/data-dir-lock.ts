import { readFile, rm, writeFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import lockfile from 'proper-lockfile';

/**
 * PGlite is one process's database: a second process opening the same folder would write over the first
 * one's pages. The lock (a `<folder>.lock` directory next to it, kept fresh while we run, and the owner's
 * process id in `<folder>.lock-owner`) makes the second
 * start fail with a message that says what to do. A lock whose owner is gone is taken over: at once when
 * its process id is not running on this machine (a crash, a kill -9), otherwise once it is no longer kept
 * fresh (a process on another machine sharing the folder).
 */
export class DataDirLockedError extends Error {
  constructor(readonly dataDir: string) {
    super(
      `the data folder ${dataDir} is in use by another vcop process (PGlite serves one process). ` +
        'Stop the other process, give this one its own VCOP_DATA_DIR, or set DATABASE_URL to share a PostgreSQL server between processes.',
    );
    this.name = 'DataDirLockedError';
  }
}

const LOCK_OPTIONS = { stale: 30_000, update: 10_000, realpath: false } as const;

/** Folders this process holds: its own process id in an owner file means another incarnation only if not here. */
const heldHere = new Set<string>();

/** Answers the function that releases the lock. */
export async function lockDataDir(folder: string, onCompromised: (error: Error) => void): Promise<() => Promise<void>> {
  const dataDir = resolve(folder);
  const release = await acquire(dataDir, onCompromised)
    .catch(async (error: unknown) => {
      if (!isLocked(error) || heldHere.has(dataDir) || (await ownerIsRunning(dataDir))) throw error;
      await rm(lockDir(dataDir), { recursive: true, force: true });
      return acquire(dataDir, onCompromised);
    })
    .catch((error: unknown) => {
      throw isLocked(error) ? new DataDirLockedError(folder) : error;
    });
  await writeFile(ownerFile(dataDir), String(process.pid));
  heldHere.add(dataDir);
  return async () => {
    heldHere.delete(dataDir);
    await rm(ownerFile(dataDir), { force: true });
    await release();
  };
}

function acquire(dataDir: string, onCompromised: (error: Error) => void): Promise<() => Promise<void>> {
  return lockfile.lock(dataDir, { ...LOCK_OPTIONS, onCompromised });
}

async function ownerIsRunning(dataDir: string): Promise<boolean> {
  const pid = Number(await readFile(ownerFile(dataDir), 'utf8').catch(() => ''));
  // No owner written yet: another process is between taking the lock and writing its id.
  if (!Number.isInteger(pid) || pid <= 0) return true;
  // A restarted container gets the same process id as the one that died holding the lock.
  if (pid === process.pid) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function isLocked(error: unknown): boolean {
  return (error as { code?: string } | null)?.code === 'ELOCKED';
}

const lockDir = (dataDir: string) => `${dataDir}.lock`;
// Beside the lock directory, not in it: the library removes the directory with rmdir, which needs it empty.
const ownerFile = (dataDir: string) => `${dataDir}.lock-owner`;
