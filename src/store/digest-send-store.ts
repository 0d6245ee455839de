import { randomUUID } from 'node:crypto';
import type { LocalDate } from '../domain/types.js';
import type { LocalMoment } from '../domain/local-moment.js';
import type { Db } from './db.js';
import type { SubscriptionKind } from './subscription-store.js';

/** A subscription whose digest for `localDate` has not been sent and may be claimed now. */
export interface DueSubscription {
  id: string;
  conversationId: string;
  personId: string;
  kind: SubscriptionKind;
  unitId: string | null;
  localTime: string;
  /** Weekday bit set (src/domain/shift-rules.ts) and quiet hours: the run posts only when both allow. */
  days: number;
  quietFrom: string | null;
  quietUntil: string | null;
  /** Where it is posted: a personal chat is its person's, so it is covered while they are away. */
  scope: 'personal' | 'team' | 'groupChat';
  reference: object;
}

/** Proof that this runner, and no other, may send one subscription's digest for one local date. */
export interface SendClaim {
  subscriptionId: string;
  localDate: LocalDate;
  token: string;
  /** 1 for the first try of the day. */
  attempt: number;
}

export interface DigestSendPolicy {
  /** Tries per subscription per local date, across runs and replicas, before giving up for the day. */
  maxAttemptsPerDay: number;
  /** How long a claim excludes other runners; longer than one send with all its retries can take. */
  leaseMs: number;
}

export const DEFAULT_SEND_POLICY: DigestSendPolicy = { maxAttemptsPerDay: 6, leaseMs: 10 * 60_000 };

interface WhenOptions {
  now: Date;
  /** A run asked for by a person (POST /v1/digests/run) does not wait out a failed send's retry delay. */
  ignoreRetryDelay?: boolean;
}

/**
 * The `digest_sends` ledger: one row per subscription and local date, claimed atomically before a send
 * and marked after it. The claim is a single INSERT ... ON CONFLICT DO UPDATE ... WHERE, so two
 * runners (threads, processes or replicas on one PostgreSQL) racing for a row cannot both win: the
 * loser's statement waits for the winner's commit and then finds the row no longer claimable.
 */
export class DigestSendStore {
  constructor(
    private readonly db: Db,
    private readonly policy: DigestSendPolicy = DEFAULT_SEND_POLICY,
  ) {}

  /**
   * Enabled subscriptions in active conversations whose time has come today and that are still claimable;
   * the run applies their days and quiet hours (src/domain/shift-rules.ts) before claiming.
   */
  async dueSubscriptions(moment: LocalMoment, options: WhenOptions): Promise<DueSubscription[]> {
    return this.db.query<DueSubscription>(
      `select s.id, s.conversation_id as "conversationId", s.person_id as "personId", s.kind,
              s.unit_id as "unitId", s.local_time as "localTime", s.days,
              s.quiet_from as "quietFrom", s.quiet_until as "quietUntil", c.scope, c.reference
       from subscriptions s
       join conversations c on c.id = s.conversation_id
       left join digest_sends d on d.subscription_id = s.id and d.local_date = $1::date
       where s.enabled and c.active and s.local_time collate "C" <= $2
         and (d.subscription_id is null or ${claimable('d')})
       order by s.local_time, s.id`,
      [moment.date, moment.time, options.now.toISOString(), this.policy.maxAttemptsPerDay, options.ignoreRetryDelay ?? false],
    );
  }

  /**
   * Claims the subscription's send for `localDate`, or answers null when another runner holds or has
   * finished it, the daily attempts are used up, or the subscription was turned off meanwhile.
   */
  async claim(subscriptionId: string, localDate: LocalDate, options: WhenOptions): Promise<SendClaim | null> {
    const token = randomUUID();
    const leaseUntil = new Date(options.now.getTime() + this.policy.leaseMs);
    const [row] = await this.db.query<{ attempts: number }>(
      `insert into digest_sends (subscription_id, local_date, status, attempts, claim_token, lease_until, updated_at)
       select s.id, $2::date, 'claimed', 1, $6, $7::timestamptz, $3::timestamptz
       from subscriptions s join conversations c on c.id = s.conversation_id
       where s.id = $1 and s.enabled and c.active
       on conflict (subscription_id, local_date) do update set
         status = 'claimed',
         attempts = digest_sends.attempts + 1,
         claim_token = excluded.claim_token,
         lease_until = excluded.lease_until,
         retry_at = null,
         updated_at = excluded.updated_at
       where ${claimable('digest_sends')}
       returning attempts`,
      [
        subscriptionId,
        localDate,
        options.now.toISOString(),
        this.policy.maxAttemptsPerDay,
        options.ignoreRetryDelay ?? false,
        token,
        leaseUntil.toISOString(),
      ],
    );
    return row ? { subscriptionId, localDate, token, attempt: row.attempts } : null;
  }

  /** Answers false when the claim had been taken over (its lease ran out): the caller logs it. */
  async markSent(claim: SendClaim, now: Date, sent: { activityId: string | null; itemCount: number }): Promise<boolean> {
    return this.finish(claim, now, `status = 'sent', activity_id = $5, item_count = $6, sent_at = $4::timestamptz, last_error = null`, [
      sent.activityId,
      sent.itemCount,
    ]);
  }

  /** Nothing to send today (an officer with no items): done for the day without a message. */
  async markSentEmpty(claim: SendClaim, now: Date): Promise<boolean> {
    return this.finish(claim, now, `status = 'sent_empty', item_count = 0, sent_at = $4::timestamptz, last_error = null`, []);
  }

  /** Not sent: the subscription no longer fits its Teams account or its person's scope, and was turned off. */
  async markWithheld(claim: SendClaim, now: Date, reason: string): Promise<boolean> {
    return this.finish(claim, now, `status = 'withheld', item_count = 0, last_error = $5`, [reason]);
  }

  /** Recorded for the next run, which may retry from `retryAt` while attempts remain. */
  async markFailed(claim: SendClaim, now: Date, failure: { error: string; retryAt: Date }): Promise<boolean> {
    return this.finish(claim, now, `status = 'failed', last_error = $5, retry_at = $6::timestamptz`, [
      failure.error.slice(0, 1000),
      failure.retryAt.toISOString(),
    ]);
  }

  get maxAttemptsPerDay(): number {
    return this.policy.maxAttemptsPerDay;
  }

  private async finish(claim: SendClaim, now: Date, assignments: string, extra: unknown[]): Promise<boolean> {
    const rows = await this.db.query(
      `update digest_sends set ${assignments}, claim_token = null, lease_until = null, updated_at = $4::timestamptz
       where subscription_id = $1 and local_date = $2::date and claim_token = $3 and status = 'claimed'
       returning subscription_id`,
      [claim.subscriptionId, claim.localDate, claim.token, now.toISOString(), ...extra],
    );
    return rows.length === 1;
  }
}

/**
 * When an existing ledger row may be claimed again: a failure whose retry time has come (or a run asked
 * for by a person), or a claim whose runner died (lease expired); both only under the daily bound.
 * Parameters: $3 now, $4 max attempts, $5 ignore the retry delay.
 */
function claimable(row: string): string {
  return `(
    (${row}.status = 'failed' and ${row}.attempts < $4 and ($5::boolean or ${row}.retry_at <= $3::timestamptz))
    or (${row}.status = 'claimed' and ${row}.lease_until <= $3::timestamptz and ${row}.attempts < $4)
  )`;
}
