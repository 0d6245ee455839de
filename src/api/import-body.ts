import type { Request } from 'restify';
import { HttpError } from '../http/http-error.js';

export interface ImportBodyLimits {
  /** VCOP_MAX_IMPORT_BYTES. */
  maxBytes: number;
  /** VCOP_IMPORT_IDLE_SECONDS, in milliseconds: the longest wait for the client's next bytes. */
  idleMs: number;
}

/**
 * The body of `POST /v1/records` as a stream of chunks, ended with an error (so the import drops what it
 * staged) once it passes the size limit or the client sends nothing for `idleMs`. Only time spent
 * waiting on the client counts: a store that is slow to take a batch never times the upload out.
 * Refuses an empty body before the import starts.
 *
 * The request is not destroyed when reading stops early, so the client still receives the 413 or 408
 * (the error handler closes the connection after it) instead of a reset connection.
 */
export async function importBody(req: Request, limits: ImportBodyLimits): Promise<AsyncIterable<Buffer>> {
  const chunks = readChunks(req, limits);
  let first = await chunks.next();
  while (!first.done && first.value.length === 0) first = await chunks.next();
  if (first.done) {
    throw new HttpError(400, 'empty_body', 'The body is empty: send one record per line (records-format.md).');
  }
  const head = first.value;
  return (async function* replay() {
    yield head;
    yield* chunks;
  })();
}

async function* readChunks(req: Request, limits: ImportBodyLimits): AsyncGenerator<Buffer> {
  const iterator = req.iterator({ destroyOnReturn: false }) as AsyncIterator<Buffer | string>;
  let received = 0;
  for (;;) {
    const next = await withinIdleTime(iterator.next(), limits.idleMs);
    if (next.done) return;
    const buffer = typeof next.value === 'string' ? Buffer.from(next.value) : next.value;
    received += buffer.length;
    if (received > limits.maxBytes) throw tooLarge(limits.maxBytes);
    yield buffer;
  }
}

function withinIdleTime<T>(pending: Promise<T>, idleMs: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const idle = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(idleTimeout(idleMs)), idleMs);
  });
  return Promise.race([pending, idle]).finally(() => clearTimeout(timer));
}

export function tooLarge(limit: number): HttpError {
  return new HttpError(
    413,
    'payload_too_large',
    `The body is larger than ${limit} bytes (VCOP_MAX_IMPORT_BYTES): split the extract, or raise the limit.`,
  );
}

function idleTimeout(idleMs: number): HttpError {
  return new HttpError(
    408,
    'body_timeout',
    `No data arrived for ${idleMs / 1000} s (VCOP_IMPORT_IDLE_SECONDS), so the upload was ended and nothing was imported. ` +
      'Send the whole file again without pausing, or raise VCOP_IMPORT_IDLE_SECONDS for a slow link.',
  );
}
