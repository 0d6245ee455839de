import type { DigestReachFacts, SubscriptionReachFacts } from '../domain/digest-reach.js';
import type { UnmatchedReason } from '../domain/teams-identity.js';
import type { Role } from '../domain/types.js';
import type { AppInstallRecord } from './app-install-store.js';
import type { Db } from './db.js';
import { LIVE_LINK_SQL } from './teams-link-store.js';

/**
 * What GET /v1/people/links reads: people with no Teams link, Teams users who could not be matched, and
 * the facts that say whether each person receives their digests. Staff names are read for the report's
 * reader; ids only ever reach a log.
 */

/** Which identifiers the records carry for a person: what the matching can go on. */
export type RecordIdentifier = 'aadObjectId' | 'upn' | 'email';

export interface StaffRef {
  personId: string;
  name: string;
  role: Role;
  unitId: string;
}

export interface UnlinkedPerson extends StaffRef {
  identifiers: RecordIdentifier[];
}

export interface UnmatchedTeamsUser {
  teamsUserId: string;
  aadObjectId: string | null;
  reason: UnmatchedReason;
  firstSeenAt: string;
  lastSeenAt: string;
  attempts: number;
}

export interface PersonReachFacts extends StaffRef {
  facts: DigestReachFacts;
}

interface ReachRow extends StaffRef {
  subscriptionId: string | null;
  enabled: boolean | null;
  disabledReason: string | null;
  conversationActive: boolean | null;
  conversationInactiveReason: string | null;
  changedAt: string | null;
  sendStatus: string | null;
  sendDate: string | null;
  sendAttempts: number | null;
  sendHttpStatus: number | null;
  chatActive: boolean | null;
  chatInactiveReason: string | null;
  chatChangedAt: string | null;
}

const ISO = (column: string) => `to_char(${column} at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`;

export class PeopleLinksStore {
  constructor(private readonly db: Db) {}

  async peopleCount(): Promise<number> {
    const [row] = await this.db.query<{ n: number }>('select count(*)::int as n from people');
    return row?.n ?? 0;
  }

  /** Everyone in the records whom no Teams user is linked to yet, by unit and id. */
  async unlinkedPeople(): Promise<UnlinkedPerson[]> {
    const rows = await this.db.query<StaffRef & { aad: boolean; upn: boolean; email: boolean }>(
      `select p.id as "personId", p.name, p.role, p.unit_id as "unitId",
              p.aad_object_id is not null as aad, p.upn is not null as upn, p.email is not null as email
       from people p
       where not exists (select 1 from teams_links l where l.person_id = p.id and ${LIVE_LINK_SQL})
       order by p.unit_id, p.id`,
    );
    return rows.map(({ aad, upn, email, ...person }) => ({
      ...person,
      identifiers: [aad && 'aadObjectId', upn && 'upn', email && 'email'].filter((id): id is RecordIdentifier => typeof id === 'string'),
    }));
  }

  /** The latest install through Microsoft Graph per person (src/service/install-missing-apps.ts). */
  async appInstalls(): Promise<Map<string, Omit<AppInstallRecord, 'personId'>>> {
    const rows = await this.db.query<AppInstallRecord>(
      `select person_id as "personId", ${ISO('last_attempt_at')} as "lastAttemptAt", outcome, status, code, attempts
       from app_installs`,
    );
    return new Map(rows.map(({ personId, ...record }) => [personId, record]));
  }

  /** Teams users who could not be matched on their latest turn, most recent first. */
  async unmatchedTeamsUsers(): Promise<UnmatchedTeamsUser[]> {
    return this.db.query<UnmatchedTeamsUser>(
      `select teams_user_id as "teamsUserId", aad_object_id as "aadObjectId", reason,
              ${ISO('first_seen_at')} as "firstSeenAt", ${ISO('last_seen_at')} as "lastSeenAt", attempts
       from teams_unmatched order by last_seen_at desc, teams_user_id`,
    );
  }

  /**
   * Per person who is due a digest (a supervisor or an officer) or has subscribed to one: their
   * subscriptions (newest change first) with their conversation and latest send, and their newest personal chat.
   */
  async digestReachFacts(): Promise<PersonReachFacts[]> {
    const rows = await this.db.query<ReachRow>(
      `select p.id as "personId", p.name, p.role, p.unit_id as "unitId",
              s.id as "subscriptionId", s.enabled, s.disabled_reason as "disabledReason",
              c.active as "conversationActive", c.inactive_reason as "conversationInactiveReason",
              ${ISO('case when c.active then s.updated_at else c.updated_at end')} as "changedAt",
              d.status as "sendStatus", d.local_date::text as "sendDate", d.attempts as "sendAttempts",
              substring(d.last_error from 'HTTP ([0-9]{3})')::int as "sendHttpStatus",
              pc.active as "chatActive", pc.inactive_reason as "chatInactiveReason", ${ISO('pc.updated_at')} as "chatChangedAt"
       from people p
       left join subscriptions s on s.person_id = p.id
       left join conversations c on c.id = s.conversation_id
       left join lateral (
         select status, local_date, attempts, last_error from digest_sends where subscription_id = s.id order by local_date desc limit 1
       ) d on true
       left join lateral (
         select active, inactive_reason, updated_at from conversations
         where person_id = p.id and scope = 'personal' order by updated_at desc limit 1
       ) pc on true
       where p.role in ('supervisor', 'officer') or s.id is not null
       order by p.unit_id, p.id, s.updated_at desc, s.id`,
    );
    const people = new Map<
      string,
      StaffRef & { subscriptions: SubscriptionReachFacts[]; personalChat: DigestReachFacts['personalChat'] }
    >();
    for (const row of rows) {
      let person = people.get(row.personId);
      if (!person) {
        const personalChat =
          row.chatActive === null
            ? null
            : { active: row.chatActive, inactiveReason: row.chatInactiveReason, changedAt: row.chatChangedAt ?? '' };
        person = { personId: row.personId, name: row.name, role: row.role, unitId: row.unitId, subscriptions: [], personalChat };
        people.set(row.personId, person);
      }
      if (row.subscriptionId !== null) person.subscriptions.push(subscriptionOf(row));
    }
    return [...people.values()].map(({ subscriptions, personalChat, ...ref }) => ({
      ...ref,
      facts: { role: ref.role, subscriptions, personalChat },
    }));
  }
}

function subscriptionOf(row: ReachRow): SubscriptionReachFacts {
  return {
    enabled: row.enabled === true,
    disabledReason: row.disabledReason,
    conversationActive: row.conversationActive === true,
    conversationInactiveReason: row.conversationInactiveReason,
    changedAt: row.changedAt ?? '',
    lastSend:
      row.sendStatus === null
        ? null
        : { status: row.sendStatus, localDate: row.sendDate ?? '', attempts: row.sendAttempts ?? 0, httpStatus: row.sendHttpStatus },
  };
}
