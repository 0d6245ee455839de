import type { ImportError } from './import-records.js';

/** At most this much message text is listed in one answer (about 1 MB); every bad line is still counted. */
export const MAX_LISTED_ERROR_CHARS = 1_000_000;

/**
 * The bad lines an answer lists: the first `maxCount`, and fewer when their messages would pass
 * `maxChars`, so the answer to a huge bad upload stays small. The first error is always listed.
 */
export function boundErrorList(errors: readonly ImportError[], maxCount: number, maxChars = MAX_LISTED_ERROR_CHARS): ImportError[] {
  const listed: ImportError[] = [];
  let chars = 0;
  for (const error of errors) {
    if (listed.length >= maxCount) break;
    chars += error.message.length;
    if (listed.length > 0 && chars > maxChars) break;
    listed.push(error);
  }
  return listed;
}
