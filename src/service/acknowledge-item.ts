import type { Policy } from '../domain/policy.js';
import { checkPlannedDate } from '../domain/promises.js';
import type { Person } from '../domain/types.js';
import { AcknowledgementStore, type Acknowledgement } from '../store/acknowledgement-store.js';
import { auditRefusal } from './audit-refusal.js';
import { UnitScope, authoriseAcknowledge } from './authorise.js';
import { resolveItemRef, type ItemActionDeps } from './resolve-item-ref.js';

export interface AcknowledgeItemInput {
  actor: Person;
  itemRef: string;
  note?: string;
  /** As the card sent it (Input.Date: `YYYY-MM-DD`); checked here against the policy before anything is written. */
  plannedOn?: string;
  at: Date;
}

export type AcknowledgeDeps = ItemActionDeps & { policy: Pick<Policy, 'timeZone' | 'plannedDateMaxDays'> };

export type AcknowledgeItemResult =
  /** `firstTime` is false for a repeat: the acknowledgement already there is answered, nothing is written. */
  | { kind: 'acknowledged'; firstTime: boolean; acknowledgement: Acknowledgement; unitId: string }
  | { kind: 'refused'; reason: string }
  /** The planned date is not a date, is in the past or is beyond the policy's maximum: nothing is written. */
  | { kind: 'bad_planned_date'; reason: string }
  | { kind: 'unknown_item' }
  /** The item is no longer in the digest: answer with the current card. */
  | { kind: 'gone'; unitId: string | null };

/**
 * "I have seen this": the OIC or a supervisor of the owning unit (or above) records it, with an
 * optional note and planned date (a promise, src/domain/promises.ts). It does not make the item
 * compliant; only a recorded contact or assessment from the records system does. A refusal is audited
 * too; a repeat writes nothing and answers the acknowledgement already there, whatever date it carries.
 */
export async function acknowledgeItem(deps: AcknowledgeDeps, input: AcknowledgeItemInput): Promise<AcknowledgeItemResult> {
  const resolved = await resolveItemRef(deps, input.itemRef, input.at);
  if (resolved.kind === 'unknown') {
    await auditRefusal(deps.db, {
      at: input.at,
      actorId: input.actor.id,
      action: 'item.acknowledge',
      subject: `item:${input.itemRef}`,
      reason: 'unknown_item',
      details: { itemRef: input.itemRef },
    });
    return { kind: 'unknown_item' };
  }
  const owner = resolved.owner ?? { unitId: resolved.stored.unitId, oicId: '' };
  const decision = authoriseAcknowledge(input.actor, owner, await UnitScope.load(deps.queries));
  if (!decision.allowed) {
    await auditRefusal(deps.db, {
      at: input.at,
      actorId: input.actor.id,
      action: 'item.acknowledge',
      subject: `case:${resolved.stored.caseId}`,
      reason: 'not_authorised',
      details: { itemRef: input.itemRef, ownerUnitId: owner.unitId },
    });
    return { kind: 'refused', reason: decision.reason };
  }

  const acknowledgements = new AcknowledgementStore(deps.db);
  // A repeat (a double tap, a stale card) answers the acknowledgement already there, whatever date it sent;
  // an item acted on and then resolved is still answered as acknowledged, not as vanished.
  const existing = (await acknowledgements.forRefs([input.itemRef])).get(input.itemRef);
  if (existing) return { kind: 'acknowledged', firstTime: false, acknowledgement: existing, unitId: owner.unitId };
  if (resolved.kind === 'gone') return { kind: 'gone', unitId: resolved.owner?.unitId ?? null };
  const planned = input.plannedOn === undefined ? null : checkPlannedDate(input.plannedOn, input.at, deps.policy);
  if (planned && !planned.ok) {
    await auditRefusal(deps.db, {
      at: input.at,
      actorId: input.actor.id,
      action: 'item.acknowledge',
      subject: `case:${resolved.stored.caseId}`,
      reason: 'bad_planned_date',
      details: { itemRef: input.itemRef, plannedOn: input.plannedOn, problem: planned.problem },
    });
    return { kind: 'bad_planned_date', reason: planned.reason };
  }
  const { created, acknowledgement } = await acknowledgements.acknowledge({
    itemRef: input.itemRef,
    personId: input.actor.id,
    at: input.at,
    note: input.note ?? null,
    plannedOn: planned?.plannedOn ?? null,
    caseId: resolved.stored.caseId,
  });
  return { kind: 'acknowledged', firstTime: created, acknowledgement, unitId: resolved.owner.unitId };
}
