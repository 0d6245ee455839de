import type { Clock } from '../domain/clock.js';
import { matchTeamsUser, reportedAddressKeys, type MatchedBy, type UnmatchedReason } from '../domain/teams-identity.js';
import type { Person } from '../domain/types.js';
import type { Logger } from '../log/logger.js';
import type { TeamsLinkStore } from '../store/teams-link-store.js';
import type { PeopleDirectory } from './compliance-queries.js';
import type { ConversationReference } from './ports/messenger.js';
import type { TeamsDirectory } from './ports/teams-directory.js';

/**
 * Who the Teams user behind an activity is (src/domain/teams-identity.ts): the person with their Entra
 * object id in the records; else the person they were linked to on an earlier turn; else Teams is asked
 * (the member lookup) and the user matched by user principal name or e-mail, and the link stored so no
 * later turn asks again. Nothing negative is kept: a user not matched, or whose lookup failed, is asked
 * about again on their next turn (one lookup a turn), and listed in the report meanwhile.
 */

export interface TeamsUserSeen {
  /** `from.id` (29:...). */
  teamsUserId: string;
  /** `from.aadObjectId`, when the activity carries it. */
  aadObjectId: string | null;
  /** The conversation the activity came from: where Teams is asked who the user is. */
  conversationId: string;
  reference: ConversationReference;
}

export type Identification =
  /** `newLink`: matched by address on this turn, for the first time (the turn may do what an install would have). */
  { kind: 'person'; person: Person; matchedBy: MatchedBy; newLink: boolean } | { kind: 'not_set_up'; reason: UnmatchedReason };

export interface IdentifyDeps {
  people: Pick<PeopleDirectory, 'findByAadObjectId' | 'findById'>;
  links: Pick<TeamsLinkStore, 'linkOf' | 'candidatesFor' | 'saveLink' | 'recordUnmatched'>;
  directory: TeamsDirectory;
  clock: Clock;
  logger: Logger;
}

export async function identifyTeamsUser(deps: IdentifyDeps, seen: TeamsUserSeen): Promise<Identification> {
  const at = deps.clock.now();
  if (seen.aadObjectId) {
    const person = await deps.people.findByAadObjectId(seen.aadObjectId);
    if (person) {
      const link = await deps.links.linkOf(seen.teamsUserId);
      if (link?.personId !== person.id || link.matchedBy !== 'aadObjectId') {
        await deps.links.saveLink(
          {
            teamsUserId: seen.teamsUserId,
            aadObjectId: seen.aadObjectId,
            personId: person.id,
            matchedBy: 'aadObjectId',
            teamsUpn: null,
            teamsEmail: null,
          },
          at,
        );
      }
      return { kind: 'person', person, matchedBy: 'aadObjectId', newLink: false };
    }
  }
  const link = await deps.links.linkOf(seen.teamsUserId);
  if (link && link.matchedBy !== 'aadObjectId') {
    const person = await deps.people.findById(link.personId);
    if (person) return { kind: 'person', person, matchedBy: link.matchedBy, newLink: false };
  }
  return lookUp(deps, seen, at);
}

/** Asks Teams who the user is and matches what it says. */
async function lookUp(deps: IdentifyDeps, seen: TeamsUserSeen, at: Date): Promise<Identification> {
  const log = deps.logger.child({ teamsUserId: seen.teamsUserId, conversationId: seen.conversationId });
  const lookup = await deps.directory.lookupMember(seen.reference, seen.teamsUserId);
  if (lookup.kind === 'failed') {
    await deps.links.recordUnmatched(seen.teamsUserId, seen.aadObjectId, 'lookup_failed', at);
    log.warn(
      { status: lookup.status, code: lookup.code },
      'could not ask Teams who the user is: answered "not set up", and asked again on their next turn',
    );
    return { kind: 'not_set_up', reason: 'lookup_failed' };
  }
  const reported = {
    aadObjectId: seen.aadObjectId ?? lookup.member.aadObjectId,
    upn: lookup.member.upn,
    email: lookup.member.email,
  };
  const candidates = await deps.links.candidatesFor(reported.aadObjectId, reportedAddressKeys(reported));
  const match = matchTeamsUser(reported, candidates);
  if (match.kind !== 'matched') {
    await deps.links.recordUnmatched(seen.teamsUserId, reported.aadObjectId, match.reason, at);
    log.info({ reason: match.reason }, 'a Teams user matches no one in the records: answered "not set up"');
    return { kind: 'not_set_up', reason: match.reason };
  }
  const byAddress = match.by !== 'aadObjectId';
  const saved = await deps.links.saveLink(
    {
      teamsUserId: seen.teamsUserId,
      aadObjectId: reported.aadObjectId,
      personId: match.personId,
      matchedBy: match.by,
      teamsUpn: byAddress ? reported.upn : null,
      teamsEmail: byAddress ? reported.email : null,
    },
    at,
  );
  // Read after the link: the person's Entra object id is then the one Teams reported (sql-compliance-queries.ts).
  const person = await deps.people.findById(match.personId);
  if (!person) throw new Error(`person ${match.personId} was matched but is not in the store`);
  log.info({ personId: person.id, matchedBy: match.by }, 'a Teams user was linked to their person');
  return { kind: 'person', person, matchedBy: match.by, newLink: byAddress && (saved === 'created' || saved === 'replaced') };
}
