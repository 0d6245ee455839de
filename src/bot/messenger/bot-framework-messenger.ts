import { CardFactory, type Activity, type ConversationReference, type TurnContext } from 'botbuilder';
import type { Logger } from '../../log/logger.js';
import { retryDelayMs, type BackoffOptions } from '../../domain/backoff.js';
import { ConversationGoneError, DeliveryFailedError, type Messenger } from '../../service/ports/messenger.js';
import { SendTimeoutError, classifySendFailure } from './send-failure.js';
import { SendThrottle, TEAMS_SAFE_THROTTLE, type SendThrottleOptions } from './send-throttle.js';

/** The part of botbuilder's CloudAdapter a proactive send needs. */
export interface ProactiveAdapter {
  continueConversationAsync(
    botAppId: string,
    reference: Partial<ConversationReference>,
    logic: (context: TurnContext) => Promise<void>,
  ): Promise<void>;
}

export interface BotFrameworkMessengerOptions {
  /** `config.bot?.appId ?? ''`: empty in local mode, where no token is needed. */
  appId: string;
  logger?: Logger;
  /** Tries per message, the first included. */
  maxAttempts?: number;
  /** How long one try may take, the connector client's own retries included, before it counts as slow. */
  timeoutMs?: number;
  /**
   * How long one message may take in all: its tries, the waits between them, and the wait for a slow
   * try's outcome. A slow try is not abandoned at `timeoutMs`: botbuilder's HTTP client may still be
   * retrying it (it sleeps out a 429's Retry-After itself), and a new try, ours or a later run's, would
   * then post the message twice. Keep it well below the digest ledger's 10-minute claim lease.
   */
  sendBudgetMs?: number;
  backoff?: BackoffOptions;
  throttle?: Pick<SendThrottleOptions, 'globalIntervalMs' | 'perConversationIntervalMs'>;
  /** Injected so tests do not wait for real. */
  sleep?: (ms: number) => Promise<void>;
  random?: () => number;
  now?: () => Date;
}

const DEFAULTS = { maxAttempts: 4, timeoutMs: 30_000, sendBudgetMs: 3 * 60_000, backoff: { baseMs: 1000, maxMs: 60_000 } } as const;

type Outcome = { ok: true; id: string | undefined } | { ok: false; error: unknown };

/**
 * Proactive sends through the Bot Connector, safe for a morning run to thousands of chats:
 * - throttled under Teams' per-bot and per-conversation limits;
 * - retried on 408/412/429/5xx and network failures, honouring Retry-After, otherwise exponential
 *   backoff with jitter. (botbuilder's HTTP pipeline already retries 429/503 with Retry-After and 5xx a
 *   few times inside one try; this layer covers what is left, 412 and hung calls, and bounds the total.)
 * - 403 BotNotInConversationRoster becomes ConversationGoneError, never retried;
 * - a try that times out is not repeated while it may still be delivering: its outcome is awaited while
 *   the message's time budget lasts, and if it stays unknown the send fails instead of risking a duplicate.
 */
export class BotFrameworkMessenger implements Messenger {
  private readonly throttle: SendThrottle;
  private readonly maxAttempts: number;
  private readonly timeoutMs: number;
  private readonly sendBudgetMs: number;
  private readonly backoff: BackoffOptions;
  private readonly sleep: (ms: number) => Promise<void>;
  private readonly random: () => number;
  private readonly now: () => Date;

  constructor(
    private readonly adapter: ProactiveAdapter,
    private readonly options: BotFrameworkMessengerOptions,
  ) {
    this.maxAttempts = options.maxAttempts ?? DEFAULTS.maxAttempts;
    this.timeoutMs = options.timeoutMs ?? DEFAULTS.timeoutMs;
    this.sendBudgetMs = options.sendBudgetMs ?? DEFAULTS.sendBudgetMs;
    this.backoff = options.backoff ?? DEFAULTS.backoff;
    this.sleep = options.sleep ?? ((ms) => new Promise((resolve) => setTimeout(resolve, ms)));
    this.random = options.random ?? Math.random;
    this.now = options.now ?? (() => new Date());
    this.throttle = new SendThrottle({ ...TEAMS_SAFE_THROTTLE, ...options.throttle, now: () => this.now().getTime(), sleep: this.sleep });
  }

  deliverCard(reference: object, card: object): Promise<{ id?: string }> {
    return this.sendToConversation(reference, { type: 'message', attachments: [CardFactory.adaptiveCard(card)] });
  }

  deliverText(reference: object, text: string): Promise<{ id?: string }> {
    return this.sendToConversation(reference, { type: 'message', text });
  }

  /** Any activity, throttled and retried as above (the port's two kinds of message are built on it). */
  async sendToConversation(reference: object, activity: Partial<Activity>): Promise<{ id?: string }> {
    const conversationReference = reference as Partial<ConversationReference>;
    const conversationId = conversationReference.conversation?.id;
    if (!conversationId || !conversationReference.serviceUrl) {
      throw new DeliveryFailedError(
        'the stored conversation reference has no conversation id or serviceUrl; the conversation must be ' +
          'saved again from an incoming activity',
        undefined,
        0,
      );
    }
    const started = performance.now();
    const remainingMs = () => this.sendBudgetMs - (performance.now() - started);
    for (let attempt = 1; ; attempt++) {
      await this.throttle.waitTurn(conversationId);
      const outcome = await this.tryOnce(conversationReference, activity, remainingMs);
      if (outcome.ok) return outcome.id === undefined ? {} : { id: outcome.id };

      const failure =
        outcome.error instanceof SendTimeoutError ? { kind: 'unknown' as const } : classifySendFailure(outcome.error, this.now());
      if (failure.kind === 'gone') {
        throw new ConversationGoneError(failure.code, `the bot is no longer in conversation ${conversationId} (${failure.code})`);
      }
      if (failure.kind === 'unknown') {
        throw new DeliveryFailedError(
          `the send's outcome was still unknown after ${Math.round(performance.now() - started)} ms; not ` +
            `retried now because it may still arrive`,
          undefined,
          attempt,
          { cause: outcome.error },
        );
      }
      if (failure.kind === 'permanent' || attempt >= this.maxAttempts) {
        throw new DeliveryFailedError(`the send failed after ${attempt} attempt(s): ${failure.reason}`, failure.status, attempt, {
          cause: outcome.error,
        });
      }
      const delayMs = retryDelayMs(attempt, failure.retryAfterMs, this.backoff, this.random);
      if (delayMs >= remainingMs()) {
        throw new DeliveryFailedError(
          `the send failed after ${attempt} attempt(s), and waiting ${delayMs} ms to try again would pass its ` +
            `time budget: ${failure.reason}`,
          failure.status,
          attempt,
          { cause: outcome.error },
        );
      }
      this.options.logger?.warn({ conversationId, attempt, status: failure.status, delayMs }, 'proactive send failed; retrying');
      await this.sleep(delayMs);
    }
  }

  /** One try; past `timeoutMs` it is slow, and its own outcome is awaited for what is left of the budget before it counts as unknown. */
  private async tryOnce(
    reference: Partial<ConversationReference>,
    activity: Partial<Activity>,
    remainingMs: () => number,
  ): Promise<Outcome> {
    const attempt: Promise<Outcome> = this.deliver(reference, activity).then(
      (id) => ({ ok: true, id }),
      (error: unknown) => ({ ok: false, error }),
    );
    const first = await this.within(attempt, Math.max(0, Math.min(this.timeoutMs, remainingMs())));
    if (first) return first;
    this.options.logger?.warn(
      { conversationId: reference.conversation?.id, timeoutMs: this.timeoutMs },
      'proactive send is slow; waiting for its outcome before any retry',
    );
    return (await this.within(attempt, Math.max(0, remainingMs()))) ?? { ok: false, error: new SendTimeoutError(this.timeoutMs) };
  }

  private async deliver(reference: Partial<ConversationReference>, activity: Partial<Activity>): Promise<string | undefined> {
    let id: string | undefined;
    await this.adapter.continueConversationAsync(this.options.appId, reference, async (context) => {
      id = (await context.sendActivity(activity))?.id;
    });
    return id;
  }

  private async within<T>(promise: Promise<T>, ms: number): Promise<T | undefined> {
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<undefined>((resolve) => {
      timer = setTimeout(() => resolve(undefined), ms);
    });
    try {
      return await Promise.race([promise, timeout]);
    } finally {
      clearTimeout(timer);
    }
  }
}
