import type { Request } from 'restify';
import { HttpError } from '../api/http-error.js';

/** Bot Framework activities are small; Teams caps a message at about 28 KB. */
export const MAX_ACTIVITY_BYTES = 256 * 1024;

/** Reads and parses a JSON request body (the server registers no body parser: each route reads its own). */
export async function readJsonBody(req: Request, maxBytes = MAX_ACTIVITY_BYTES): Promise<unknown> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req as AsyncIterable<Buffer | string>) {
    const buffer = typeof chunk === 'string' ? Buffer.from(chunk) : chunk;
    size += buffer.length;
    if (size > maxBytes) throw new HttpError(413, 'activity_too_large', `An activity must be at most ${maxBytes} bytes.`);
    chunks.push(buffer);
  }
  const text = Buffer.concat(chunks).toString('utf8');
  if (text.trim() === '') throw new HttpError(400, 'bad_activity', 'The request has no body: POST a Bot Framework activity as JSON.');
  try {
    return JSON.parse(text) as unknown;
  } catch (error) {
    throw new HttpError(400, 'bad_activity', `The body is not valid JSON (${error instanceof Error ? error.message : String(error)}): POST a Bot Framework activity as JSON.`);
  }
}
