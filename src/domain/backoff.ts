export interface BackoffOptions {
  /** Delay scale of the first retry. */
  baseMs: number;
  /** No single wait is longer than this, whatever the server's Retry-After says. */
  maxMs: number;
}

/**
 * The wait before retry number `retry` (1 for the first): the server's Retry-After when it gave one
 * (never earlier), otherwise exponential backoff with "equal jitter" (half fixed, half random), so that senders that failed
 * together do not retry together.
 */
export function retryDelayMs(
  retry: number,
  retryAfterMs: number | undefined,
  options: BackoffOptions,
  random: () => number = Math.random,
): number {
  if (retryAfterMs !== undefined) return Math.min(retryAfterMs, options.maxMs);
  const ceiling = Math.min(options.maxMs, options.baseMs * 2 ** (retry - 1));
  return Math.round(ceiling / 2 + (random() * ceiling) / 2);
}
