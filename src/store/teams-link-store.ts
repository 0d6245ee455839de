import { normaliseAadObjectId } from '../domain/entra-id.js';
import type { IdentityCandidate, MatchedBy, UnmatchedReason } from '../domain/teams-identity.js';
import type { Db } from './db.js';

/**
 * Links between Teams users and people (migrations/170_teams_identity.sql), and the Teams users who
 * could not be matched. A link is made once, when a Teams user is first matched, and read on every later
 * turn; an import that changes people checks every link again (teams-link-recheck.ts).
 */

/** The key an address is compared by, in SQL: the same as addressKey() in src/domain/teams-identity.ts. */
export function addressKeySql(column: string): string {
  return `translate(${column}, 'ABCDEFGHIJKLMNOPQRSTUVWXYZ', 'abcdefghijklmnopqrstuvwxyz')`;
}

export interface TeamsLink {
  teamsUserId: string;
  aadObjectId: string | null;
  personId: string;
  matchedBy: MatchedBy;
  /** What the Bot Connector reported when the user was matched by address (null for an object-id match). */
  teamsUpn: string | null;
  teamsEmail: string | null;
}

/** `updated`: the same person, matched another way or with other addresses reported. */
export type SaveLinkOutcome = 'unchanged' | 'created' | 'updated' | 'replaced';

export class TeamsLinkStore {
  constructor(private readonly db: Db) {}

  /** The Teams user's link, while it still holds (LIVE_LINK_SQL); null when there is none. */
  async linkOf(teamsUserId: string): Promise<TeamsLink | null> {
    const [row] = await this.db.query<TeamsLink>(
      `${LINK_SELECT} l join people p on p.id = l.person_id where l.teams_user_id = $1 and ${LIVE_LINK_SQL}`,
      [teamsUserId],
    );
    return row ?? null;
  }

  /**
   * People who could be the Teams user: whose object id is the user's, or whose user principal name or
   * e-mail has one of the address keys (src/domain/teams-identity.ts decides among them).
   */
  async candidatesFor(aadObjectId: string | null, addressKeys: readonly string[]): Promise<IdentityCandidate[]> {
    return this.db.query<IdentityCandidate>(
      `select id as "personId", aad_object_id as "aadObjectId", upn, email from people
       where aad_object_id = $1
          or (upn is not null and ${addressKeySql('upn')} = any($2::text[]))
          or (email is not null and ${addressKeySql('email')} = any($2::text[]))
       order by id`,
      [aadObjectId === null ? null : normaliseAadObjectId(aadObjectId), addressKeys],
    );
  }

  /**
   * Links the Teams user to the person, in one transaction: the person's link to another Teams account (one
   * account per person: the newer match wins) and another user's claim to the same Entra id are replaced,
   * and the user is no longer listed as unmatched. Safe when two activities of one install race (Teams
   * sends two): the second finds the first's row and changes nothing. Audited (actor null) when it changes.
   *
   * Links are saved one at a time (a table lock that readers pass): `on conflict` settles only a clash on
   * its own key, so two overlapping inserts for one person would otherwise end in a unique violation on
   * `person_id` instead of one link. A link is made once per Teams user, so the wait is never felt.
   */
  async saveLink(link: TeamsLink, at: Date): Promise<SaveLinkOutcome> {
    const aadObjectId = link.aadObjectId === null ? null : normaliseAadObjectId(link.aadObjectId);
    return this.db.transaction(async (tx) => {
      await tx.query('lock table teams_links in share row exclusive mode');
      await tx.query('delete from teams_unmatched where teams_user_id = $1', [link.teamsUserId]);
      const [before] = await tx.query<{ personId: string }>('select person_id as "personId" from teams_links where teams_user_id = $1', [
        link.teamsUserId,
      ]);
      const replaced = await tx.query<{ teamsUserId: string; personId: string }>(
        `delete from teams_links where teams_user_id <> $1 and (person_id = $2 or aad_object_id = $3)
         returning teams_user_id as "teamsUserId", person_id as "personId"`,
        [link.teamsUserId, link.personId, aadObjectId],
      );
      const written = await tx.query(
        `insert into teams_links (teams_user_id, aad_object_id, person_id, matched_by, teams_upn, teams_email, linked_at)
         values ($1, $2, $3, $4, $5, $6, $7)
         on conflict (teams_user_id) do update set aad_object_id = excluded.aad_object_id, person_id = excluded.person_id,
           matched_by = excluded.matched_by, teams_upn = excluded.teams_upn, teams_email = excluded.teams_email,
           linked_at = excluded.linked_at
         where (teams_links.aad_object_id, teams_links.person_id, teams_links.matched_by, teams_links.teams_upn, teams_links.teams_email)
           is distinct from (excluded.aad_object_id, excluded.person_id, excluded.matched_by, excluded.teams_upn, excluded.teams_email)
         returning teams_user_id`,
        [link.teamsUserId, aadObjectId, link.personId, link.matchedBy, link.teamsUpn, link.teamsEmail, at.toISOString()],
      );
      if (written.length === 0 && replaced.length === 0) return 'unchanged';
      if (before && before.personId !== link.personId) replaced.push({ teamsUserId: link.teamsUserId, personId: before.personId });
      const outcome: SaveLinkOutcome = replaced.length > 0 ? 'replaced' : before ? 'updated' : 'created';
      await tx.query(
        `insert into audit_log (at, actor_id, action, subject, details)
         values ($1, null, $2, 'person:' || $3::text, $4::jsonb)`,
        [
          at.toISOString(),
          `teams_link.${outcome}`,
          link.personId,
          JSON.stringify({ teamsUserId: link.teamsUserId, matchedBy: link.matchedBy, replaced }),
        ],
      );
      return outcome;
    });
  }

  /** A Teams user who could not be matched (ids only), kept for the report until they are matched. */
  async recordUnmatched(teamsUserId: string, aadObjectId: string | null, reason: UnmatchedReason, at: Date): Promise<void> {
    await this.db.query(
      `insert into teams_unmatched (teams_user_id, aad_object_id, reason, first_seen_at, last_seen_at)
       values ($1, $2, $3, $4, $4)
       on conflict (teams_user_id) do update set
         aad_object_id = coalesce(excluded.aad_object_id, teams_unmatched.aad_object_id),
         reason = excluded.reason, last_seen_at = excluded.last_seen_at, attempts = teams_unmatched.attempts + 1`,
      [teamsUserId, aadObjectId === null ? null : normaliseAadObjectId(aadObjectId), reason, at.toISOString()],
    );
  }
}

const LINK_SELECT = `select l.teams_user_id as "teamsUserId", l.aad_object_id as "aadObjectId", l.person_id as "personId",
  l.matched_by as "matchedBy", l.teams_upn as "teamsUpn", l.teams_email as "teamsEmail" from teams_links`;

/**
 * Whether link `l` of person `p` still holds: an object-id link while the records carry that id for the
 * person; an address link while the records carry no other id for them. An import checks every link again
 * (teams-link-recheck.ts); this keeps a change made to the store any other way from reaching anyone.
 */
export const LIVE_LINK_SQL = `(case when l.matched_by = 'aadObjectId' then p.aad_object_id = l.aad_object_id
  else p.aad_object_id is null or p.aad_object_id = l.aad_object_id end)`;

/**
 * The person a conversation's saved Teams user is now, in SQL over a conversations row `c`: by the records'
 * Entra object id first (as sent or in lower case), else by the user's link. Null when they are no one.
 */
export const ACCOUNT_HOLDER_SQL = `coalesce(
  (select h.id from people h
   where h.aad_object_id in (c.reference->'user'->>'aadObjectId', lower(c.reference->'user'->>'aadObjectId'))
   order by h.id limit 1),
  (select l.person_id from teams_links l join people p on p.id = l.person_id
   where l.teams_user_id = c.reference->'user'->>'id' and l.matched_by <> 'aadObjectId' and ${LIVE_LINK_SQL}))`;
