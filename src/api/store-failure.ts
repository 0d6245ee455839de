import { NoRoomError, StoreDiskFullError, StoreUnusableError } from '../store/store-errors.js';
import { HttpError } from '../http/http-error.js';

/**
 * A store failure the caller can understand: a full data disk is 507 whatever the route (nothing was
 * written: every write is one statement or one transaction), and a store that stopped working is 503
 * while the process restarts. Anything else is not answered here.
 */
export function storeFailure(error: unknown): HttpError | undefined {
  const restarting = error instanceof StoreUnusableError;
  if (error instanceof StoreDiskFullError || (restarting && error.diskFull)) {
    // An import refused before it wrote says how much room it wanted.
    const shortfall = error.cause instanceof NoRoomError ? ` (${error.cause.shortfall})` : '';
    return new HttpError(
      507,
      'disk_full',
      `The data disk is full: nothing was written${restarting ? ', and the service is restarting' : ''}${shortfall}. ` +
        "Free space on the disk that holds the store (VCOP_DATA_DIR, or the PostgreSQL server's), then try again.",
    );
  }
  if (restarting) {
    return new HttpError(503, 'store_unusable', 'The store stopped working and the service is restarting: try again in a minute.');
  }
  return undefined;
}
