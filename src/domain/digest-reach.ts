import type { Role } from './types.js';

/**
 * Whether a person receives their digests and, when not, why (GET /v1/people/links): the reasons an IT
 * team can act on without Microsoft Graph. A supervisor or an officer is expected to receive the digest
 * or reminder an install gives them; anyone else only what they subscribed to.
 */

export type NoDigestReason =
  /** Never installed the app (or was never matched when they did): no chat with the bot. */
  | 'never_installed'
  /** Removed the app (installationUpdate "remove"). */
  | 'removed_app'
  /** Teams refused a send: the bot is no longer in the conversation (403 BotNotInConversationRoster). */
  | 'conversation_gone'
  /** Said "digest off". */
  | 'turned_off'
  /** The service turned it off: the Teams account or the person's scope no longer fits (subscription-fit.ts). */
  | 'stopped'
  /** Has a chat with the bot and no subscription in it. */
  | 'not_subscribed'
  /** Subscribed and reachable, but every subscription's latest send failed. */
  | 'failing';

export interface SubscriptionReachFacts {
  enabled: boolean;
  disabledReason: string | null;
  conversationActive: boolean;
  /** Why the conversation is inactive: `uninstalled`, or the Connector's code (e.g. BotNotInConversationRoster). */
  conversationInactiveReason: string | null;
  /** When the subscription (or, when gone, its conversation) last changed, ISO 8601. */
  changedAt: string;
  /** The latest digest send of the subscription, if any. */
  lastSend: {
    status: string;
    localDate: string;
    attempts: number;
    /** The HTTP status Teams refused the last try with (e.g. 403), when it answered one. */
    httpStatus?: number | null;
  } | null;
}

export interface DigestReachFacts {
  role: Role;
  /** Newest change first. */
  subscriptions: readonly SubscriptionReachFacts[];
  /** The person's newest personal chat with the bot, if any. */
  personalChat: { active: boolean; inactiveReason: string | null; changedAt: string } | null;
}

export type DigestReach =
  | { kind: 'receives' }
  /** No digest is due to them: a role with no default, and nothing subscribed. */
  | { kind: 'not_expected' }
  | { kind: 'does_not_receive'; reason: NoDigestReason; detail: string | null; since: string | null };

/** Roles an install subscribes (the same as defaultSubscriptionOf in subscription-fit.ts). */
const EXPECTED_ROLES: ReadonlySet<Role> = new Set(['supervisor', 'officer']);

export function digestReach(facts: DigestReachFacts): DigestReach {
  const live = facts.subscriptions.filter((s) => s.enabled && s.conversationActive);
  if (live.length > 0) {
    if (!live.every((s) => s.lastSend?.status === 'failed')) return { kind: 'receives' };
    const latest = live[0]?.lastSend;
    const status = latest?.httpStatus ? `HTTP ${latest.httpStatus}: ` : '';
    return missing('failing', latest ? `${status}${latest.attempts} attempt(s) on ${latest.localDate}` : null, latest?.localDate ?? null);
  }
  const newest = facts.subscriptions[0];
  if (!newest) {
    if (!EXPECTED_ROLES.has(facts.role)) return { kind: 'not_expected' };
    const chat = facts.personalChat;
    if (!chat) return missing('never_installed', null, null);
    if (!chat.active) return gone(chat.inactiveReason, chat.changedAt);
    return missing('not_subscribed', null, chat.changedAt);
  }
  if (!newest.conversationActive) return gone(newest.conversationInactiveReason, newest.changedAt);
  switch (newest.disabledReason) {
    case 'uninstalled':
      return missing('removed_app', null, newest.changedAt);
    case 'turned_off':
      return missing('turned_off', null, newest.changedAt);
    default:
      return missing('stopped', newest.disabledReason, newest.changedAt);
  }
}

function gone(inactiveReason: string | null, since: string): DigestReach {
  return inactiveReason === 'uninstalled' ? missing('removed_app', null, since) : missing('conversation_gone', inactiveReason, since);
}

function missing(reason: NoDigestReason, detail: string | null, since: string | null): DigestReach {
  return { kind: 'does_not_receive', reason, detail, since };
}
