/**
 * What a failed Bot Connector call means for the next step. The connector client throws a RestError
 * carrying the HTTP status, the error code from the body (e.g. `BotNotInConversationRoster`) and the
 * response headers; anything else (no status) is a network failure or our own timeout.
 */
export type SendFailure =
  | { kind: 'gone'; status: number; code: string }
  | { kind: 'transient'; status: number | undefined; retryAfterMs: number | undefined; reason: string }
  | { kind: 'permanent'; status: number; reason: string };

/** Teams asks bots to retry these (throttling, precondition races, gateway trouble). */
const TRANSIENT_STATUSES = new Set([408, 412, 429, 500, 502, 503, 504]);

export class SendTimeoutError extends Error {
  constructor(readonly timeoutMs: number) {
    super(`the Bot Connector did not answer within ${timeoutMs} ms`);
    this.name = 'SendTimeoutError';
  }
}

export function classifySendFailure(error: unknown, now: Date): SendFailure {
  const status = numberOrUndefined(property(error, 'statusCode'));
  const code = stringOrUndefined(property(error, 'code')) ?? '';
  const reason = describe(error, status, code);
  if (status === 403 && code === 'BotNotInConversationRoster') return { kind: 'gone', status, code };
  if (status === undefined) return { kind: 'transient', status, retryAfterMs: undefined, reason };
  if (TRANSIENT_STATUSES.has(status)) return { kind: 'transient', status, retryAfterMs: retryAfterMs(error, now), reason };
  return { kind: 'permanent', status, reason };
}

/** `Retry-After` as seconds or an HTTP date (RFC 9110), or the millisecond variants some Azure services send. */
function retryAfterMs(error: unknown, now: Date): number | undefined {
  const headers = property(property(error, 'response'), 'headers') as { get?(name: string): string | null | undefined } | undefined;
  if (typeof headers?.get !== 'function') return undefined;
  for (const name of ['retry-after-ms', 'x-ms-retry-after-ms']) {
    const ms = Number(headers.get(name) ?? Number.NaN);
    if (Number.isFinite(ms) && ms >= 0) return ms;
  }
  const value = headers.get('retry-after');
  if (!value) return undefined;
  const seconds = Number(value);
  if (Number.isFinite(seconds) && seconds >= 0) return seconds * 1000;
  const date = Date.parse(value);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now.getTime());
}

function describe(error: unknown, status: number | undefined, code: string): string {
  const message = error instanceof Error ? error.message : String(error);
  return [status === undefined ? undefined : `HTTP ${status}`, code || undefined, message].filter(Boolean).join(' ').slice(0, 500);
}

function property(value: unknown, key: string): unknown {
  return typeof value === 'object' && value !== null ? (value as Record<string, unknown>)[key] : undefined;
}

function numberOrUndefined(value: unknown): number | undefined {
  return typeof value === 'number' && Number.isFinite(value) ? value : undefined;
}

function stringOrUndefined(value: unknown): string | undefined {
  return typeof value === 'string' ? value : undefined;
}
