import type { ServiceContext } from './service-context.js';
import { retryDelayMs, type BackoffOptions } from '../domain/backoff.js';
import type { DigestRequest } from './build-digest.js';
import { ConversationGoneError, type Messenger } from './ports/messenger.js';
import { localMomentOf } from '../domain/local-moment.js';
import { isDueInShift, quietHoursOf } from '../domain/shift-rules.js';
import { recipientOf } from './digest-cover.js';
import { DigestSendStore, type DueSubscription, type SendClaim } from '../store/digest-send-store.js';
import { reconcileSubscriptions } from '../store/subscription-fit-store.js';
import { SubscriptionStore } from '../store/subscription-store.js';
import { tellStoppedSubscriptions } from './tell-stopped-subscriptions.js';

export interface DigestRunResult {
  /** Subscriptions whose time had come today and that were not yet sent when the run started. */
  due: number;
  sent: number;
  /** Recorded as failed; retried by a later run while the day's attempts last. */
  failed: number;
  /**
   * Sent by another runner meanwhile, an officer with nothing to do today (recorded as sent_empty), or
   * withheld: the subscription no longer fits its Teams account or its person's scope (turned off, audited).
   */
  skipped: number;
}

/** The card of a digest (src/service/build-digest.ts rendered by the bot's cards), and how many items it holds. */
export type DigestCardBuilder = (request: DigestRequest) => Promise<{ card: object; itemCount: number }>;

/** Where the run's digests go: the cards to build and the messenger to post them with (wired in src/app.ts). */
export interface DigestDelivery {
  messenger: Messenger;
  buildCard: DigestCardBuilder;
}

export interface SendDailyDigestsOptions {
  /** A run asked for by a person sends failed digests again without waiting out their retry delay. */
  ignoreRetryDelay?: boolean;
  /** Stops claiming further subscriptions (shutdown); the send in flight finishes and is recorded. */
  signal?: AbortSignal;
  sends?: DigestSendStore;
  /** Wait before a later run retries a failed send. */
  retryBackoff?: BackoffOptions;
  random?: () => number;
  /**
   * Waits between tries to record a digest that was delivered: a database blip at that moment must not
   * leave the send unrecorded, or a run after the lease expires would post it a second time.
   */
  recordRetryDelaysMs?: readonly number[];
}

const RECORD_RETRY_DELAYS_MS = [100, 1000, 5000, 15_000] as const;

const RETRY_BETWEEN_RUNS: BackoffOptions = { baseMs: 60_000, maxMs: 30 * 60_000 };

/**
 * The morning run: every subscription due at `now` (its local time has passed today in the policy's
 * time zone) gets today's digest once. Each send is claimed in the store first, so replicas and
 * overlapping runs share the work without doubling it, and a restart later in the day catches up.
 */
export async function sendDailyDigests(
  services: ServiceContext,
  delivery: DigestDelivery,
  now: Date,
  options: SendDailyDigestsOptions = {},
): Promise<DigestRunResult> {
  const sends = options.sends ?? new DigestSendStore(services.db);
  const subscriptions = new SubscriptionStore(services.db);
  const { messenger, buildCard } = delivery;
  // Leases must follow real time during a long throttled run, yet start from the injected "now".
  const started = performance.now();
  const currentTime = () => new Date(now.getTime() + Math.round(performance.now() - started));
  const moment = localMomentOf(now, services.policy.timeZone);
  const due = (await sends.dueSubscriptions(moment, { now, ignoreRetryDelay: options.ignoreRetryDelay })).filter((subscription) =>
    isDueInShift({ ...subscription, quiet: quietHoursOf(subscription.quietFrom, subscription.quietUntil) }, moment),
  );
  const result: DigestRunResult = { due: due.length, sent: 0, failed: 0, skipped: 0 };

  for (const subscription of due) {
    if (options.signal?.aborted) break;
    const claim = await sends.claim(subscription.id, moment.date, { now: currentTime(), ignoreRetryDelay: options.ignoreRetryDelay });
    if (!claim) {
      result.skipped++;
      continue;
    }
    const log = services.logger.child({ subscriptionId: subscription.id, localDate: claim.localDate, attempt: claim.attempt });
    let outcome: Delivery;
    try {
      outcome = await deliver(services, messenger, buildCard, subscription, { at: now, today: moment.date });
    } catch (error) {
      result.failed++;
      await recordFailure(error, { sends, subscriptions, subscription, claim, runStartedAt: now, at: currentTime(), options, log });
      continue;
    }
    if (outcome.kind === 'sent') result.sent++;
    else result.skipped++;
    if (outcome.kind === 'withheld')
      log.warn(
        { reason: outcome.reason },
        "digest withheld: the subscription no longer fits its Teams account or its person's scope, and is turned off",
      );
    await recordDelivered(sends, claim, outcome, currentTime, log, options.recordRetryDelaysMs ?? RECORD_RETRY_DELAYS_MS);
  }
  if (!options.signal?.aborted) await tellStoppedSubscriptions(services, messenger);
  services.logger.info({ localDate: moment.date, ...result, ms: Math.round(performance.now() - started) }, 'digest run finished');
  return result;
}

type Delivery =
  | { kind: 'sent'; activityId: string | null; itemCount: number }
  | { kind: 'nothing_to_send' }
  | { kind: 'withheld'; reason: string };

/**
 * Checked at send time, not only when the records change: the conversation's Teams account must still
 * be the subscriber's, and the subscriber must still see what they subscribed to. A default
 * subscription follows its person (their new team's digest); one that no longer fits is turned off and
 * audited, and nothing is posted.
 */
async function deliver(
  services: ServiceContext,
  messenger: Messenger,
  buildCard: DigestCardBuilder,
  subscription: DueSubscription,
  { at, today }: { at: Date; today: string },
): Promise<Delivery> {
  const [checked] = await reconcileSubscriptions(services.db, { at, subscriptionIds: [subscription.id] });
  if (!checked) return { kind: 'withheld', reason: 'turned_off' };
  if (checked.fit.kind === 'stop' || !checked.subscriber)
    return { kind: 'withheld', reason: checked.fit.kind === 'stop' ? checked.fit.reason : 'subscriber_left' };
  const viewer = checked.subscriber;
  const { kind, unitId } = checked.target;
  const request: DigestRequest =
    kind === 'team_digest'
      ? { unitId: unitId ?? viewer.unitId, viewer, at }
      : kind === 'weekly_summary'
        ? { unitId: unitId ?? viewer.unitId, viewer, at, summary: 'weekly' }
        : { officerId: viewer.id, viewer, at };
  const recipient = await recipientOf(services, { ...subscription, unitId: request.unitId ?? null }, viewer, today);
  if (recipient.kind === 'nobody')
    throw new Error(`the supervisor is away until ${recipient.awayUntil} and neither a deputy nor an inspector can be reached in Teams`);
  const { card, itemCount } = await buildCard(recipient.kind === 'cover' ? { ...request, coverText: recipient.coverText } : request);
  if (kind === 'officer_reminder' && itemCount === 0) return { kind: 'nothing_to_send' };
  const { id } = await deliverTo(messenger, recipient.kind === 'cover' ? recipient.reference : checked.reference, card, recipient.kind);
  return { kind: 'sent', activityId: id ?? null, itemCount };
}

/** A covering person's chat that is gone is not the subscriber's: it fails this send without stopping their subscription. */
async function deliverTo(messenger: Messenger, reference: object, card: object, to: 'own' | 'cover'): Promise<{ id?: string }> {
  try {
    return await messenger.deliverCard(reference, card);
  } catch (error) {
    if (to === 'cover' && error instanceof ConversationGoneError) throw new Error(`the covering person's chat is gone (${error.code})`);
    throw error;
  }
}

/**
 * Once delivered, a problem recording it must never turn into "failed": that would send it again. A
 * failed write is tried again a few times (the store may be back a moment later); a try whose answer
 * was lost but which did commit makes the next one find the claim already finished, which is logged.
 */
async function recordDelivered(
  sends: DigestSendStore,
  claim: SendClaim,
  outcome: Delivery,
  currentTime: () => Date,
  log: ServiceContext['logger'],
  retryDelaysMs: readonly number[],
): Promise<void> {
  for (let attempt = 0; ; attempt++) {
    try {
      const at = currentTime();
      const recorded =
        outcome.kind === 'sent'
          ? await sends.markSent(claim, at, { activityId: outcome.activityId, itemCount: outcome.itemCount })
          : outcome.kind === 'withheld'
            ? await sends.markWithheld(claim, at, outcome.reason)
            : await sends.markSentEmpty(claim, at);
      if (!recorded)
        log.error(
          'digest delivered, but its claim was no longer held: it had expired and been taken over (raise the ' +
            "send lease above the messenger's longest send), or an earlier try recorded it",
        );
      return;
    } catch (error) {
      const delayMs = retryDelaysMs[attempt];
      if (delayMs === undefined) {
        log.error({ err: error }, 'digest delivered but not recorded; a run after the lease expires would send it again');
        return;
      }
      log.warn({ err: error, delayMs }, 'digest delivered; recording it failed, trying again');
      await new Promise((resolve) => setTimeout(resolve, delayMs));
    }
  }
}

async function recordFailure(
  error: unknown,
  context: {
    sends: DigestSendStore;
    subscriptions: SubscriptionStore;
    subscription: DueSubscription;
    claim: SendClaim;
    /** The retry delay counts from the run's "now", so a later run at a whole minute finds it due. */
    runStartedAt: Date;
    at: Date;
    options: SendDailyDigestsOptions;
    log: ServiceContext['logger'];
  },
): Promise<void> {
  const { sends, subscriptions, subscription, claim, runStartedAt, at, options, log } = context;
  const message = error instanceof Error ? error.message : String(error);
  try {
    if (error instanceof ConversationGoneError) {
      await subscriptions.markInactive(subscription.conversationId, error.code);
      log.warn(
        { conversationId: subscription.conversationId, code: error.code },
        'the bot is no longer in this conversation: marked inactive, no more digests there until it is reinstalled',
      );
    } else {
      log.warn(
        { err: error },
        claim.attempt >= sends.maxAttemptsPerDay
          ? 'digest send failed; no attempts left today'
          : 'digest send failed; a later run retries it',
      );
    }
    const retryAt = new Date(
      runStartedAt.getTime() + retryDelayMs(claim.attempt, undefined, options.retryBackoff ?? RETRY_BETWEEN_RUNS, options.random),
    );
    await sends.markFailed(claim, at, { error: message, retryAt });
  } catch (recordingError) {
    // The claim's lease runs out and a later run takes the send over: nothing is lost.
    log.error(
      { err: recordingError, sendError: message },
      'could not record a failed digest send; a later run retries it when its lease expires',
    );
  }
}
