import { randomUUID } from 'node:crypto';
import type { SubscriptionKind, SubscriptionOrigin } from '../domain/subscription-fit.js';
import { isLocalTime } from '../domain/local-moment.js';
import type { QuietHours, WeekdaySet } from '../domain/shift-rules.js';
import type { Db } from './db.js';
import { ACCOUNT_HOLDER_SQL } from './teams-link-store.js';

export type ConversationScope = 'personal' | 'team' | 'groupChat';
export type { SubscriptionKind, SubscriptionOrigin };
/** Turned off by a person: "digest off", or the app removed. "digest at" turns these back on. */
export type TurnedOffBy = 'turned_off' | 'uninstalled';

export interface SaveConversationInput {
  conversationId: string;
  /** The Bot Framework ConversationReference to post to later. */
  reference: object;
  scope: ConversationScope;
  personId: string | null;
  tenantId: string | null;
}

export interface SubscribeInput {
  conversationId: string;
  personId: string;
  kind: SubscriptionKind;
  unitId: string | null;
  /** `HH:MM`, 24-hour, in the policy's time zone. */
  localTime: string;
  /** `default` follows the person's role and unit (made at install); `explicit` (the default here) a unit asked for. */
  origin?: SubscriptionOrigin;
  /** Weekday bit set (src/domain/shift-rules.ts); kept as it is when not given (every day for a new one). */
  days?: WeekdaySet;
}

export interface SubscriptionSummary {
  id: string;
  kind: string;
  unitId: string | null;
  personId: string;
  localTime: string;
  enabled: boolean;
}

/**
 * Conversation references and subscriptions live in the store, never in memory, so every replica
 * (and a restarted process) knows where and when to post.
 */
export class SubscriptionStore {
  constructor(private readonly db: Db) {}

  /** Saving again (a reinstall, a new message) refreshes the reference and makes the conversation active again. */
  async saveConversation(input: SaveConversationInput): Promise<void> {
    await this.db.query(
      `insert into conversations (id, reference, scope, person_id, tenant_id)
       values ($1, $2::jsonb, $3, $4, $5)
       on conflict (id) do update set
         reference = excluded.reference,
         scope = excluded.scope,
         person_id = coalesce(excluded.person_id, conversations.person_id),
         tenant_id = coalesce(excluded.tenant_id, conversations.tenant_id),
         active = true,
         inactive_reason = null,
         updated_at = now()`,
      [input.conversationId, JSON.stringify(input.reference), input.scope, input.personId, input.tenantId],
    );
  }

  /** Subscribing again to the same kind and unit in a conversation changes its time and turns it back on. */
  async subscribe(input: SubscribeInput): Promise<void> {
    assertLocalTime(input.localTime);
    if (input.kind !== 'officer_reminder' && !input.unitId) {
      throw new Error('a team digest subscription needs the unit whose digest it is');
    }
    await this.db.query(
      `insert into subscriptions (id, conversation_id, person_id, kind, unit_id, local_time, origin, days)
       values ($1, $2, $3, $4, $5, $6, $7, coalesce($8::integer, 127))
       on conflict (conversation_id, kind, (coalesce(unit_id, ''))) do update set
         person_id = excluded.person_id,
         local_time = excluded.local_time,
         days = coalesce($8::integer, subscriptions.days),
         origin = excluded.origin,
         enabled = true,
         disabled_reason = null,
         notice_pending = false,
         updated_at = now()`,
      [
        randomUUID(),
        input.conversationId,
        input.personId,
        input.kind,
        input.unitId,
        input.localTime,
        input.origin ?? 'explicit',
        input.days ?? null,
      ],
    );
  }

  /**
   * Moves every subscription of the conversation (only `personId`'s, when given) to `localTime` and
   * turns back on those a person turned off; those the service turned off (subscription-fit.ts) stay
   * off. Answers how many were moved.
   */
  async setTime(conversationId: string, localTime: string, personId: string | null = null): Promise<number> {
    assertLocalTime(localTime);
    const rows = await this.db.query(
      `update subscriptions set local_time = $2,
         enabled = enabled or disabled_reason in ('turned_off', 'uninstalled'),
         disabled_reason = case when disabled_reason in ('turned_off', 'uninstalled') then null else disabled_reason end,
         updated_at = now()
       where conversation_id = $1 and ($3::text is null or person_id = $3) and kind <> 'weekly_summary' returning id`,
      [conversationId, localTime, personId],
    );
    return rows.length;
  }

  /** The days (a weekday bit set) and quiet hours of the conversation's subscriptions (only `personId`'s, when given). */
  async setShift(
    conversationId: string,
    change: { days: WeekdaySet } | { quiet: QuietHours | null },
    personId: string | null = null,
  ): Promise<number> {
    const [column, values] =
      'days' in change
        ? ['days = $2::integer', [change.days]]
        : ['quiet_from = $2::text, quiet_until = $4::text', [change.quiet?.from ?? null, change.quiet?.until ?? null]];
    const rows = await this.db.query(
      `update subscriptions set ${column}, updated_at = now()
       where conversation_id = $1 and ($3::text is null or person_id = $3) and kind <> 'weekly_summary' returning id`,
      [conversationId, values[0], personId, ...values.slice(1)],
    );
    return rows.length;
  }

  /**
   * Turns off every subscription of the conversation (only `personId`'s, when given; only the daily ones or
   * the weekly summary, when `only` says); answers how many were on.
   */
  async disable(
    conversationId: string,
    by: TurnedOffBy = 'turned_off',
    personId: string | null = null,
    only: 'daily' | 'weekly' | null = null,
  ): Promise<number> {
    const rows = await this.db.query(
      `update subscriptions set enabled = false, disabled_reason = $2, updated_at = now()
       where conversation_id = $1 and enabled and ($3::text is null or person_id = $3)
         and ($4::text is null or (kind = 'weekly_summary') = ($4 = 'weekly')) returning id`,
      [conversationId, by, personId, only],
    );
    return rows.length;
  }

  async listForConversation(conversationId: string): Promise<SubscriptionSummary[]> {
    return this.db.query<SubscriptionSummary>(
      `select id, kind, unit_id as "unitId", person_id as "personId", local_time as "localTime", enabled
       from subscriptions where conversation_id = $1 order by kind, unit_id nulls first, id`,
      [conversationId],
    );
  }

  /** Who an enabled team digest of `unitId` in this conversation is built for, if it has one. */
  async subscriberOf(conversationId: string, unitId: string): Promise<string | null> {
    const [row] = await this.db.query<{ personId: string }>(
      `select person_id as "personId" from subscriptions
       where conversation_id = $1 and kind = 'team_digest' and unit_id = $2 and enabled
       order by updated_at desc limit 1`,
      [conversationId, unitId],
    );
    return row?.personId ?? null;
  }

  /**
   * The reference of the person's active personal chat with the bot, if they installed the app and the
   * chat's Teams account is still theirs (by Entra object id, or their Teams link): a chat whose account no
   * longer maps to them (a leaver, an Entra id the records moved to someone else, a dropped link) is never
   * told anything about them.
   */
  async personalConversationOf(personId: string): Promise<object | null> {
    const [row] = await this.db.query<{ reference: object }>(
      `select c.reference from conversations c
       where c.person_id = $1 and c.scope = 'personal' and c.active and ${ACCOUNT_HOLDER_SQL} = $1
       order by c.updated_at desc limit 1`,
      [personId],
    );
    return row?.reference ?? null;
  }

  /** The bot was removed (e.g. 403 BotNotInConversationRoster): stop posting there until it is saved again. */
  async markInactive(conversationId: string, reason: string): Promise<void> {
    await this.db.query(`update conversations set active = false, inactive_reason = $2, updated_at = now() where id = $1`, [
      conversationId,
      reason,
    ]);
  }
}

function assertLocalTime(localTime: string): void {
  if (!isLocalTime(localTime)) {
    throw new Error(`'${localTime}' is not a 24-hour time HH:MM, e.g. 07:00`);
  }
}
