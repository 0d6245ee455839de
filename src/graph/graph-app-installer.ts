import type { GraphSettings } from '../config/graph-settings.js';
import { retryDelayMs, type BackoffOptions } from '../domain/backoff.js';
import type { Logger } from '../log/logger.js';
import type { AppInstaller, InstallOutcome } from '../service/ports/app-installer.js';
import { GraphTokenError, GraphTokenSource } from './graph-token.js';

export interface GraphAppInstallerOptions {
  logger?: Logger;
  /** Tries per person, the first included. */
  maxAttempts?: number;
  backoff?: BackoffOptions;
  /** Gap between any two install calls of this process. */
  intervalMs?: number;
  /** How long one call may take. */
  timeoutMs?: number;
  /** Injected so tests do not wait for real. */
  sleep?: (ms: number) => Promise<void>;
  random?: () => number;
  now?: () => number;
}

const DEFAULTS = { maxAttempts: 4, backoff: { baseMs: 1000, maxMs: 60_000 }, intervalMs: 250, timeoutMs: 30_000 } as const;

/** Graph asks callers to retry these (throttling, gateway trouble). */
const TRANSIENT = new Set([408, 429, 500, 502, 503, 504]);

type Try = { kind: 'done'; outcome: InstallOutcome } | { kind: 'retry'; status: number | null; code: string; retryAfterMs?: number };

/**
 * `POST {graph}/users/{id}/teamwork/installedApps` with `teamsApp@odata.bind` naming the catalogue app
 * (application permission TeamsAppInstallation.ReadWriteSelfForUser.All). Throttled and retried like the
 * messenger's sends: 408/429/5xx and network failures again after Retry-After or exponential backoff with
 * jitter; 201 installed, 409 already installed, 403/404 refused at once. Logs carry statuses, never the user key.
 */
export class GraphAppInstaller implements AppInstaller {
  private readonly tokens: GraphTokenSource;
  private readonly sleep: (ms: number) => Promise<void>;
  private readonly now: () => number;
  private nextAt = 0;

  constructor(
    private readonly settings: GraphSettings,
    private readonly options: GraphAppInstallerOptions = {},
  ) {
    this.now = options.now ?? Date.now;
    this.tokens = new GraphTokenSource(settings, this.now);
    this.sleep = options.sleep ?? ((ms) => new Promise((resolve) => setTimeout(resolve, ms)));
  }

  async installForUser(userKey: string): Promise<InstallOutcome> {
    const maxAttempts = this.options.maxAttempts ?? DEFAULTS.maxAttempts;
    for (let attempt = 1; ; attempt++) {
      await this.waitTurn();
      const result = await this.tryOnce(userKey);
      if (result.kind === 'done') return result.outcome;
      if (attempt >= maxAttempts) return { kind: 'failed', status: result.status, code: result.code, attempts: attempt };
      const backoff = this.options.backoff ?? DEFAULTS.backoff;
      const delayMs = retryDelayMs(attempt, result.retryAfterMs, backoff, this.options.random);
      this.options.logger?.warn({ attempt, status: result.status, code: result.code, delayMs }, 'Graph app install failed; retrying');
      await this.sleep(delayMs);
    }
  }

  private async tryOnce(userKey: string): Promise<Try> {
    let response: Response;
    try {
      const token = await this.tokens.token();
      response = await fetch(`${this.settings.apiUrl}/users/${encodeURIComponent(userKey)}/teamwork/installedApps`, {
        method: 'POST',
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
        body: JSON.stringify({ 'teamsApp@odata.bind': `${this.settings.apiUrl}/appCatalogs/teamsApps/${this.settings.catalogAppId}` }),
        signal: AbortSignal.timeout(this.options.timeoutMs ?? DEFAULTS.timeoutMs),
      });
    } catch (error) {
      if (error instanceof GraphTokenError) {
        return TRANSIENT.has(error.status)
          ? { kind: 'retry', status: error.status, code: error.code }
          : { kind: 'done', outcome: { kind: 'refused', status: error.status, code: `token:${error.code}` } };
      }
      return { kind: 'retry', status: null, code: error instanceof Error ? error.name : 'network' };
    }
    const code = await errorCode(response);
    if (response.status === 201 || response.status === 200) return { kind: 'done', outcome: { kind: 'installed' } };
    if (response.status === 409) return { kind: 'done', outcome: { kind: 'already_installed' } };
    if (TRANSIENT.has(response.status)) return { kind: 'retry', status: response.status, code, retryAfterMs: retryAfterMs(response) };
    return { kind: 'done', outcome: { kind: 'refused', status: response.status, code } };
  }

  /** One call at a time per gap: slots are reserved before waiting, so concurrent callers queue up. */
  private async waitTurn(): Promise<void> {
    const now = this.now();
    const slot = Math.max(now, this.nextAt);
    this.nextAt = slot + (this.options.intervalMs ?? DEFAULTS.intervalMs);
    if (slot > now) await this.sleep(slot - now);
  }
}

/** Graph's `error.code` (e.g. Forbidden, Request_ResourceNotFound, Conflict), cut short; the message is not kept. */
async function errorCode(response: Response): Promise<string> {
  const body = (await response.json().catch(() => undefined)) as { error?: { code?: unknown } } | undefined;
  const code = body?.error?.code;
  return typeof code === 'string' ? code.slice(0, 80) : `HTTP${response.status}`;
}

/** `Retry-After` in seconds or as an HTTP date (RFC 9110). */
function retryAfterMs(response: Response): number | undefined {
  const value = response.headers.get('retry-after');
  if (!value) return undefined;
  const seconds = Number(value);
  if (Number.isFinite(seconds) && seconds >= 0) return seconds * 1000;
  const date = Date.parse(value);
  return Number.isNaN(date) ? undefined : Math.max(0, date - Date.now());
}
