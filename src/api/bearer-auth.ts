import { createHash, timingSafeEqual } from 'node:crypto';
import type { Request } from 'restify';
import { HttpError } from '../http/http-error.js';

/**
 * Checks `Authorization: Bearer <token>` in constant time. Both sides are hashed first so that
 * neither the comparison nor an early length check leaks how much of the token was right.
 */
export function createBearerCheck(expectedToken: string): (req: Request) => void {
  const expected = digest(expectedToken);
  return (req) => {
    const header = req.headers.authorization;
    const match = typeof header === 'string' ? /^Bearer\s+(\S+)\s*$/i.exec(header) : null;
    if (!match?.[1]) {
      throw new HttpError(401, 'unauthorized', 'Send the API token as "Authorization: Bearer <VCOP_API_TOKEN>".');
    }
    if (!timingSafeEqual(digest(match[1]), expected)) {
      throw new HttpError(401, 'unauthorized', 'The API token is not valid. Check VCOP_API_TOKEN.');
    }
  };
}

function digest(value: string): Buffer {
  return createHash('sha256').update(value, 'utf8').digest();
}
