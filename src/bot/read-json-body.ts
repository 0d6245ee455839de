import type { Request } from 'restify';
import { HttpError } from '../http/http-error.js';

/** Bot Framework activities are small; Teams caps a message at about 28 KB. */
export const MAX_ACTIVITY_BYTES = 256 * 1024;

/** A UTF-16 surrogate without its partner: valid in a JSON escape (`\ud800`), but not text, and refused by PostgreSQL's jsonb. */
const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

/**
 * Reads and parses a JSON request body (the server registers no body parser: each route reads its own).
 * The body must be UTF-8 and its strings real text (no unpaired surrogate, no NUL): a malformed one is the
 * sender's 400, not a turn that fails later when a string reaches the store.
 */
export async function readJsonBody(req: Request, maxBytes = MAX_ACTIVITY_BYTES): Promise<unknown> {
  const chunks: Buffer[] = [];
  let size = 0;
  // Not destroyed when reading stops at the limit: the sender still receives the 413.
  for await (const chunk of req.iterator({ destroyOnReturn: false }) as AsyncIterable<Buffer | string>) {
    const buffer = typeof chunk === 'string' ? Buffer.from(chunk) : chunk;
    size += buffer.length;
    if (size > maxBytes) throw new HttpError(413, 'activity_too_large', `An activity must be at most ${maxBytes} bytes.`);
    chunks.push(buffer);
  }
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(Buffer.concat(chunks));
  } catch {
    throw new HttpError(400, 'bad_activity', 'The body is not valid UTF-8: POST a Bot Framework activity as JSON in UTF-8.');
  }
  if (text.trim() === '') throw new HttpError(400, 'bad_activity', 'The request has no body: POST a Bot Framework activity as JSON.');
  try {
    return JSON.parse(text, (key, value: unknown) => {
      if (LONE_SURROGATE.test(key) || (typeof value === 'string' && LONE_SURROGATE.test(value))) {
        throw new HttpError(400, 'bad_activity', 'The body contains a string that is not text (an unpaired UTF-16 surrogate escape).');
      }
      // PostgreSQL text and jsonb cannot hold NUL: in a note, a reason, an item ref or an id it would fail the turn later.
      if (key.includes('\u0000') || (typeof value === 'string' && value.includes('\u0000'))) {
        throw new HttpError(
          400,
          'bad_activity',
          'The body contains the NUL character (\\u0000), which no text the bot keeps may hold: remove it and send again.',
        );
      }
      return value;
    }) as unknown;
  } catch (error) {
    if (error instanceof HttpError) throw error;
    throw new HttpError(
      400,
      'bad_activity',
      `The body is not valid JSON (${error instanceof Error ? error.message : String(error)}): POST a Bot Framework activity as JSON.`,
    );
  }
}
