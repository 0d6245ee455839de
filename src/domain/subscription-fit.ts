import type { Person } from './types.js';
import { canSeeUnit, type UnitTree } from './visibility.js';

/**
 * Whether a subscription may still be delivered where it is, to whom it is: the rule the digest run
 * checks before every send and an import applies to every subscription once the new records are in.
 * A digest is built for its subscriber's view and posted to a Teams conversation, so both ends must
 * still hold: the Teams account is still that person's, and that person may still see the digest.
 */

/** `weekly_summary`: an inspector's or senior lead's weekly card on their command or the force. */
export type SubscriptionKind = 'team_digest' | 'officer_reminder' | 'weekly_summary';
/** `default`: made at install, follows the person's role and unit. `explicit`: a unit asked for by name. */
export type SubscriptionOrigin = 'default' | 'explicit';

export interface SubscriptionTarget {
  kind: SubscriptionKind;
  unitId: string | null;
}

export interface SubscriptionFacts extends SubscriptionTarget {
  origin: SubscriptionOrigin;
  /** A personal chat belongs to one Teams account; a channel or group chat to everyone in it. */
  shared: boolean;
  /** The subscriber as the records have them now; null when they are not in the records any more. */
  subscriber: Person | null;
  /** Personal chat: the person the chat's Teams account (its Entra object id) maps to now, if anyone. */
  accountHolderId: string | null;
}

export type StopReason =
  /** The personal chat's Teams account is no longer the subscriber's (a leaver, or the id moved to someone else). */
  | 'teams_account_changed'
  /** The subscriber is not in the records any more, or (a channel's subscriber) has no Teams account any more. */
  | 'subscriber_left'
  /** The subscriber may no longer see the subscribed unit (moved team, demoted). */
  | 'out_of_scope'
  /** A default subscription of a role that has none (e.g. a supervisor promoted to inspector). */
  | 'no_default_for_role'
  /** A default that would move onto a subscription its conversation already has: that one carries on. */
  | 'duplicate';

export type SubscriptionFit =
  | { kind: 'fits' }
  /** A default subscription that follows its person to their new role or unit. */
  | { kind: 'repoint'; to: SubscriptionTarget }
  /** `tell`: the person is still reachable in their own chat and is told once why it stopped. */
  | { kind: 'stop'; reason: StopReason; tell: boolean };

/** What installing the app in a personal chat subscribes a person to; null for roles with no daily list. */
export function defaultSubscriptionOf(person: Pick<Person, 'role' | 'unitId'>): SubscriptionTarget | null {
  switch (person.role) {
    case 'supervisor':
      return { kind: 'team_digest', unitId: person.unitId };
    case 'officer':
      return { kind: 'officer_reminder', unitId: null };
    default:
      return null;
  }
}

export function subscriptionFit(facts: SubscriptionFacts, tree: UnitTree, forceId: string): SubscriptionFit {
  const subscriber = facts.subscriber;
  if (!subscriber) return stop('subscriber_left', false);
  if (facts.shared) {
    if (subscriber.aadObjectId === null) return stop('subscriber_left', false);
  } else if (facts.accountHolderId !== subscriber.id) {
    return stop('teams_account_changed', false);
  }
  if (facts.origin === 'default') {
    const wanted = defaultSubscriptionOf(subscriber);
    if (!wanted) return stop('no_default_for_role', true);
    if (wanted.kind !== facts.kind || wanted.unitId !== facts.unitId) return { kind: 'repoint', to: wanted };
  }
  return maySee(subscriber, facts, tree, forceId) ? { kind: 'fits' } : stop('out_of_scope', true);
}

/** A team digest: anyone who oversees the unit. An officer's reminder: their own items (not an admin's). */
function maySee(subscriber: Person, target: SubscriptionTarget, tree: UnitTree, forceId: string): boolean {
  if (target.kind === 'officer_reminder') return subscriber.role !== 'admin';
  if (target.kind === 'weekly_summary' && subscriber.role !== 'inspector' && subscriber.role !== 'senior') return false;
  if (target.unitId === null || subscriber.role === 'officer' || subscriber.role === 'admin') return false;
  return canSeeUnit({ personId: subscriber.id, role: subscriber.role, unitId: subscriber.unitId }, target.unitId, tree, forceId).allowed;
}

function stop(reason: StopReason, tell: boolean): SubscriptionFit {
  return { kind: 'stop', reason, tell };
}
