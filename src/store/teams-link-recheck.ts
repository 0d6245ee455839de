import { matchTeamsUser, reportedAddressKeys, type IdentityCandidate, type MatchedBy } from '../domain/teams-identity.js';
import type { Db } from './db.js';
import { addressKeySql } from './teams-link-store.js';

/**
 * Checks every Teams link again once an import's people are merged, in the import's transaction: each
 * link is matched anew (src/domain/teams-identity.ts) from what Teams reported when it was made against
 * the people now stored. A link that no longer leads to its person (their address or object id changed,
 * or now also belongs to someone else) is dropped and audited; the user is then looked up again on
 * their next turn. Runs before the subscriptions are reconciled, which then stop what the link carried.
 */

interface LinkRow {
  teamsUserId: string;
  aadObjectId: string | null;
  personId: string;
  matchedBy: MatchedBy;
  teamsUpn: string | null;
  teamsEmail: string | null;
}

export type LinkDropReason = 'records_changed' | 'ambiguous' | 'object_id_differs' | 'now_someone_else';

export interface DroppedLink {
  teamsUserId: string;
  personId: string;
  reason: LinkDropReason;
}

export async function recheckTeamsLinks(db: Db, options: { at: Date }): Promise<DroppedLink[]> {
  const links = await db.query<LinkRow>(
    `select teams_user_id as "teamsUserId", aad_object_id as "aadObjectId", person_id as "personId",
            matched_by as "matchedBy", teams_upn as "teamsUpn", teams_email as "teamsEmail"
     from teams_links order by teams_user_id`,
  );
  if (links.length === 0) return [];
  const candidates = await candidatesOf(db, links);
  const dropped: DroppedLink[] = [];
  for (const link of links) {
    const reported = {
      aadObjectId: link.aadObjectId,
      // An object-id link was made without asking Teams for addresses: only the id can keep it.
      upn: link.matchedBy === 'aadObjectId' ? null : link.teamsUpn,
      email: link.matchedBy === 'aadObjectId' ? null : link.teamsEmail,
    };
    const match = matchTeamsUser(reported, candidates);
    if (match.kind === 'matched' && match.personId === link.personId) continue;
    const reason: LinkDropReason =
      match.kind === 'matched' ? 'now_someone_else' : match.reason === 'no_match' ? 'records_changed' : match.reason;
    dropped.push({ teamsUserId: link.teamsUserId, personId: link.personId, reason });
  }
  if (dropped.length > 0) await drop(db, dropped, options.at);
  return dropped;
}

/** Every person any link could match now: by the links' object ids and reported addresses, in one statement. */
async function candidatesOf(db: Db, links: readonly LinkRow[]): Promise<IdentityCandidate[]> {
  const ids = links.map((link) => link.aadObjectId).filter((id): id is string => id !== null);
  const keys = [...new Set(links.flatMap((link) => reportedAddressKeys({ upn: link.teamsUpn, email: link.teamsEmail })))];
  return db.query<IdentityCandidate>(
    `select id as "personId", aad_object_id as "aadObjectId", upn, email from people
     where aad_object_id = any($1::text[])
        or (upn is not null and ${addressKeySql('upn')} = any($2::text[]))
        or (email is not null and ${addressKeySql('email')} = any($2::text[]))`,
    [ids, keys],
  );
}

async function drop(db: Db, dropped: readonly DroppedLink[], at: Date): Promise<void> {
  await db.query(
    `with gone as (
       delete from teams_links l
       using unnest($1::text[], $2::text[]) as d(teams_user_id, reason)
       where l.teams_user_id = d.teams_user_id
       returning l.teams_user_id, l.person_id, l.matched_by, d.reason
     )
     insert into audit_log (at, actor_id, action, subject, details)
     select $3, null, 'teams_link.dropped', 'person:' || person_id,
            jsonb_build_object('teamsUserId', teams_user_id, 'matchedBy', matched_by, 'reason', reason)
     from gone`,
    [dropped.map((d) => d.teamsUserId), dropped.map((d) => d.reason), at.toISOString()],
  );
}
