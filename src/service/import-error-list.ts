/** A bad line as an import's answer lists it (import-records.ts's ImportError). */
export interface ListedLineError {
  line: number;
  message: string;
}

/** At most this much message text is listed in one answer (about 1 MB); every bad line is still counted. */
export const MAX_LISTED_ERROR_CHARS = 1_000_000;

/**
 * The bad lines an answer lists: the first `maxCount`, and fewer when their messages would pass
 * `maxChars`, so the answer to a huge bad upload stays small. The first error is always listed.
 */
export function boundErrorList<E extends ListedLineError>(errors: readonly E[], maxCount: number, maxChars = MAX_LISTED_ERROR_CHARS): E[] {
  const listed: E[] = [];
  let chars = 0;
  for (const error of errors) {
    if (listed.length >= maxCount) break;
    chars += error.message.length;
    if (listed.length > 0 && chars > maxChars) break;
    listed.push(error);
  }
  return listed;
}
