import { appendAudit } from '../store/audit-log.js';
import type { Db } from '../store/db.js';

/**
 * Refused actions are audited like the actions themselves, so a forged or replayed button press (an item
 * outside the person's scope, a ref no card carried, an officer of another team, a Teams user who maps to
 * no one, a change to a channel's digest by someone without scope over it) leaves a trace an auditor can
 * find by actor, case, item or conversation.
 */
export type RefusalReason = 'unknown_item' | 'not_authorised' | 'unmapped_user' | 'bad_planned_date' | 'not_in_sample' | 'submitted';

export interface Refusal {
  at: Date;
  actorId: string | null;
  /** `item.acknowledge`, `case.reassign`, `subscription.change`, or `card_action` for a press by an unmapped user. */
  action:
    | 'item.acknowledge'
    | 'case.reassign'
    | 'subscription.change'
    | 'card_action'
    | 'dip_audit.open'
    | 'dip_audit.save'
    | 'dip_sample.view';
  /** `case:<id>` when the item resolves to a case, else `item:<ref>`, `teams-user:<aadObjectId>` or `conversation:<id>`. */
  subject: string;
  reason: RefusalReason;
  details?: Record<string, unknown>;
}

/** A forged press can carry any string: what it sent is kept, cut to a length an auditor can read. */
const MAX_TEXT = 300;

export async function auditRefusal(db: Db, refusal: Refusal): Promise<void> {
  const details = Object.fromEntries(
    Object.entries({ reason: refusal.reason, ...refusal.details }).map(([key, value]) => [
      key,
      typeof value === 'string' ? value.slice(0, MAX_TEXT) : value,
    ]),
  );
  await appendAudit(db, {
    at: refusal.at,
    actorId: refusal.actorId,
    action: `${refusal.action}_refused`,
    subject: refusal.subject.slice(0, MAX_TEXT),
    details,
  });
}
