import {
  subscriptionFit,
  type StopReason,
  type SubscriptionFit,
  type SubscriptionKind,
  type SubscriptionOrigin,
  type SubscriptionTarget,
} from '../domain/subscription-fit.js';
import type { Person, Role } from '../domain/types.js';
import { UnitTree } from '../domain/visibility.js';
import type { Db } from './db.js';
import { ACCOUNT_HOLDER_SQL, LIVE_LINK_SQL } from './teams-link-store.js';

/**
 * Keeps subscriptions true to the records (src/domain/subscription-fit.ts): a default subscription
 * follows its person to a new role or unit, and one that no longer fits its Teams account or its
 * person's scope is turned off. Every change is audited (actor null: the service) in the statement that
 * makes it. Run by an import, in its transaction once the records are merged, and by the digest run for
 * the subscription it is about to send.
 */

/** An enabled subscription as it stands now, with what its fit is decided from. */
export interface CheckedSubscription {
  id: string;
  conversationId: string;
  /** The Bot Framework ConversationReference to post to. */
  reference: object;
  /** Where it points after the check (moved, for a default that followed its person). */
  target: SubscriptionTarget;
  subscriber: Person | null;
  fit: SubscriptionFit;
}

interface FactsRow {
  id: string;
  conversationId: string;
  reference: object;
  kind: SubscriptionKind;
  unitId: string | null;
  origin: SubscriptionOrigin;
  personId: string;
  shared: boolean;
  subscriberName: string | null;
  subscriberUnitId: string | null;
  subscriberRole: Role | null;
  subscriberAad: string | null;
  accountHolderId: string | null;
}

// The personal chat's Teams account is the user its reference was saved with (TurnContext.getConversationReference):
// the person with that Entra object id in the records, else the person that Teams user is linked to by address
// (teams-link-store.ts). A subscriber's Teams account is the records' object id, else their link's.
const FACTS_SELECT = `
  select s.id, s.conversation_id as "conversationId", c.reference, s.kind, s.unit_id as "unitId", s.origin,
         s.person_id as "personId", c.scope <> 'personal' as shared,
         p.name as "subscriberName", p.unit_id as "subscriberUnitId", p.role as "subscriberRole",
         coalesce(p.aad_object_id,
           (select l.aad_object_id from teams_links l where l.person_id = p.id and ${LIVE_LINK_SQL})) as "subscriberAad",
         case when c.scope = 'personal' then ${ACCOUNT_HOLDER_SQL} end as "accountHolderId"
  from subscriptions s
  join conversations c on c.id = s.conversation_id
  left join people p on p.id = s.person_id
  where s.enabled`;

/** Checks the enabled subscriptions (only `subscriptionIds`, when given) and applies what their fit says. */
export async function reconcileSubscriptions(
  db: Db,
  options: { at: Date; subscriptionIds?: readonly string[] },
): Promise<CheckedSubscription[]> {
  const rows =
    options.subscriptionIds === undefined
      ? await db.query<FactsRow>(`${FACTS_SELECT} order by s.id`)
      : await db.query<FactsRow>(`${FACTS_SELECT} and s.id = any($1::text[]) order by s.id`, [options.subscriptionIds]);
  if (rows.length === 0) return [];
  const units = await db.query<{ id: string; parentId: string | null }>('select id, parent_id as "parentId" from units');
  const tree = new UnitTree(units);
  const forceId = units.find((unit) => unit.parentId === null)?.id ?? '';
  const checked: CheckedSubscription[] = [];
  for (const row of rows) {
    const subscriber = subscriberOf(row);
    const fit = subscriptionFit(
      { kind: row.kind, unitId: row.unitId, origin: row.origin, shared: row.shared, subscriber, accountHolderId: row.accountHolderId },
      tree,
      forceId,
    );
    checked.push(await apply(db, row, subscriber, fit, options.at));
  }
  return checked;
}

async function apply(db: Db, row: FactsRow, subscriber: Person | null, fit: SubscriptionFit, at: Date): Promise<CheckedSubscription> {
  const current: SubscriptionTarget = { kind: row.kind, unitId: row.unitId };
  const base = { id: row.id, conversationId: row.conversationId, reference: row.reference, subscriber };
  switch (fit.kind) {
    case 'fits':
      return { ...base, target: current, fit };
    case 'repoint': {
      if (await repoint(db, row, fit.to, at)) return { ...base, target: fit.to, fit };
      // The conversation already has a subscription to where this one would move: that one carries on.
      const duplicate = { kind: 'stop', reason: 'duplicate', tell: false } as const;
      await stop(db, row, duplicate.reason, duplicate.tell, at);
      return { ...base, target: current, fit: duplicate };
    }
    case 'stop':
      await stop(db, row, fit.reason, fit.tell, at);
      return { ...base, target: current, fit };
  }
}

/** Moves a default subscription to its person's new default; false when the conversation already has that one. */
async function repoint(db: Db, row: FactsRow, to: SubscriptionTarget, at: Date): Promise<boolean> {
  const audited = await db.query(
    `with moved as (
       update subscriptions s set kind = $2, unit_id = $3, updated_at = now()
       where s.id = $1 and s.enabled and not exists (
         select 1 from subscriptions o
         where o.conversation_id = s.conversation_id and o.kind = $2 and coalesce(o.unit_id, '') = coalesce($3, '') and o.id <> s.id)
       returning s.id, s.person_id, s.conversation_id
     )
     insert into audit_log (at, actor_id, action, subject, details)
     select $4, null, 'subscription.repointed', 'subscription:' || id,
            jsonb_build_object('personId', person_id, 'conversationId', conversation_id,
                               'from', jsonb_build_object('kind', $5::text, 'unitId', $6::text),
                               'to', jsonb_build_object('kind', $2::text, 'unitId', $3::text))
     from moved returning id`,
    [row.id, to.kind, to.unitId, at.toISOString(), row.kind, row.unitId],
  );
  return audited.length === 1;
}

async function stop(db: Db, row: FactsRow, reason: StopReason, tell: boolean, at: Date): Promise<void> {
  await db.query(
    `with stopped as (
       update subscriptions set enabled = false, disabled_reason = $2, notice_pending = $3, updated_at = now()
       where id = $1 and enabled
       returning id, person_id, conversation_id, kind, unit_id
     )
     insert into audit_log (at, actor_id, action, subject, details)
     select $4, null, 'subscription.disabled', 'subscription:' || id,
            jsonb_build_object('reason', $2::text, 'personId', person_id, 'conversationId', conversation_id, 'kind', kind, ` +
      `'unitId', unit_id, 'told', $3::boolean)
     from stopped`,
    [row.id, reason, tell, at.toISOString()],
  );
}

function subscriberOf(row: FactsRow): Person | null {
  if (row.subscriberRole === null || row.subscriberUnitId === null) return null;
  return {
    id: row.personId,
    name: row.subscriberName ?? row.personId,
    unitId: row.subscriberUnitId,
    role: row.subscriberRole,
    aadObjectId: row.subscriberAad,
  };
}

/** A subscription the service turned off whose person is to be told once. */
export interface StopNotice {
  subscriptionId: string;
  personId: string;
  kind: SubscriptionKind;
  unitId: string | null;
  reason: StopReason;
}

/**
 * Takes the notices waiting to be told, at most once each: a notice whose send then fails is logged by
 * the caller and not told again (a digest that stopped is not worth repeating, a repeat would be noise).
 */
export async function takeStopNotices(db: Db, limit = 100): Promise<StopNotice[]> {
  return db.query<StopNotice>(
    `update subscriptions set notice_pending = false
     where id in (select id from subscriptions where notice_pending order by updated_at, id limit $1)
     returning id as "subscriptionId", person_id as "personId", kind, unit_id as "unitId", disabled_reason as reason`,
    [limit],
  );
}
