import { normaliseAadObjectId } from './entra-id.js';

/**
 * Who a Teams user is in the records (product.md, records-format.md): the person whose Entra object id
 * (`person.aadObjectId`) is the user's; where the records carry no object id, the one person whose user
 * principal name or e-mail (`person.upn`, `person.email`) is one of the addresses Teams reports for the
 * user. Never the display name. Two people sharing the address is no match (the records must say which).
 */

/** What Teams says about a user: the activity's `from.aadObjectId` and the Bot Connector's member lookup. */
export interface ReportedTeamsUser {
  aadObjectId: string | null;
  /** `userPrincipalName` of the member lookup. */
  upn: string | null;
  email: string | null;
}

/** A person as the matching sees them: the identifiers the records carry. */
export interface IdentityCandidate {
  personId: string;
  aadObjectId: string | null;
  upn: string | null;
  email: string | null;
}

export type MatchedBy = 'aadObjectId' | 'upn' | 'email';

export type UnmatchedReason =
  /** No person's object id, user principal name or e-mail is the user's. */
  | 'no_match'
  /** More than one person carries an address Teams reports for the user. */
  | 'ambiguous'
  /** The one person with the user's address carries another Entra object id: the records say it is someone else. */
  | 'object_id_differs'
  /** The Bot Connector could not be asked (an error or no answer in time): asked again on the user's next turn. */
  | 'lookup_failed';

export type TeamsMatch =
  | { kind: 'matched'; personId: string; by: MatchedBy }
  | { kind: 'unmatched'; reason: Exclude<UnmatchedReason, 'lookup_failed'> };

/**
 * The key an address is compared by: trimmed, the letters A-Z in lower case, every other character as
 * written (the store's indexes use the same key: translate() in migrations/020_person_upn.sql). Null for
 * nothing, or for text that is not an address (name@domain), which can never identify anyone.
 */
export function addressKey(value: string | null | undefined): string | null {
  if (typeof value !== 'string') return null;
  const key = value.trim().replace(/[A-Z]+/g, (letters) => letters.toLowerCase());
  return /^[^\s@]+@[^\s@]+$/.test(key) ? key : null;
}

/** The distinct address keys Teams reports for the user (its user principal name and e-mail are often the same). */
export function reportedAddressKeys(user: Pick<ReportedTeamsUser, 'upn' | 'email'>): string[] {
  return [...new Set([addressKey(user.upn), addressKey(user.email)].filter((key): key is string => key !== null))];
}

/**
 * Matches a Teams user against the candidates (every person whose object id or an address is the user's;
 * extra candidates change nothing). The object id decides first; then an address, but only where it
 * points to exactly one person and that person's records carry no other object id.
 */
export function matchTeamsUser(user: ReportedTeamsUser, candidates: readonly IdentityCandidate[]): TeamsMatch {
  const aadObjectId = user.aadObjectId ? normaliseAadObjectId(user.aadObjectId) : null;
  if (aadObjectId !== null) {
    const byObjectId = candidates.find((c) => c.aadObjectId !== null && normaliseAadObjectId(c.aadObjectId) === aadObjectId);
    if (byObjectId) return { kind: 'matched', personId: byObjectId.personId, by: 'aadObjectId' };
  }
  const keys = new Set(reportedAddressKeys(user));
  const byAddress = new Map<string, MatchedBy>();
  for (const candidate of candidates) {
    const by = keys.has(addressKey(candidate.upn) ?? '') ? 'upn' : keys.has(addressKey(candidate.email) ?? '') ? 'email' : null;
    if (by && !byAddress.has(candidate.personId)) byAddress.set(candidate.personId, by);
  }
  if (byAddress.size === 0) return { kind: 'unmatched', reason: 'no_match' };
  if (byAddress.size > 1) return { kind: 'unmatched', reason: 'ambiguous' };
  const [[personId, by]] = [...byAddress] as [[string, MatchedBy]];
  const person = candidates.find((c) => c.personId === personId);
  if (person?.aadObjectId) return { kind: 'unmatched', reason: 'object_id_differs' };
  return { kind: 'matched', personId, by };
}
