import { statfs } from 'node:fs/promises';
import { NoRoomError } from './store-errors.js';

/**
 * Room on the disk of PGlite's data folder, checked before an import writes. PGlite 0.5 cannot always
 * recover from a write that meets a full disk: COPY extends a table without writing to it (the space is
 * only taken when the page is written out later), and a write that fails then, or one to the write-ahead
 * log, leaves the instance failing every statement or looping inside WebAssembly until the event-loop
 * watchdog ends the process (tests/reliability/full-disk.test.ts). So an import that would not fit is
 * refused before it writes, while the store can still say so: a 507 rather than a restart.
 *
 * `headroomBytes` is kept free beyond what the import needs; 0 turns the check off.
 */
export function diskRoom(folder: string, headroomBytes: number): (bytes: number) => Promise<void> {
  if (headroomBytes <= 0) return async () => undefined;
  return async (bytes) => {
    const { bavail, bsize } = await statfs(folder);
    const freeBytes = bavail * bsize;
    if (freeBytes < bytes + headroomBytes) throw new NoRoomError(freeBytes, bytes, headroomBytes);
  };
}
