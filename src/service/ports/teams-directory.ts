import type { ConversationReference } from './messenger.js';

/**
 * The directory port: who a Teams user is, as Teams itself says (the Bot Connector's conversation member
 * lookup, `GET /v3/conversations/{id}/members/{userId}`). The Bot Framework implementation is
 * src/bot/teams-directory.ts; no botbuilder type crosses this port.
 */
export interface TeamsDirectory {
  /** The member `userId` (the activity's `from.id`) of the conversation the reference points to. */
  lookupMember(reference: ConversationReference, userId: string): Promise<MemberLookup>;
}

export type MemberLookup =
  | { kind: 'found'; member: TeamsMember }
  /**
   * The Connector could not answer (an error status, a network failure, no answer in time): nothing is
   * known about the user. `status` and `code` are the Connector's, never any text about the user.
   */
  | { kind: 'failed'; status: number | null; code: string };

export interface TeamsMember {
  aadObjectId: string | null;
  /** `userPrincipalName`. */
  upn: string | null;
  email: string | null;
}
