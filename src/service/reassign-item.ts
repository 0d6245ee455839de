import type { Person } from '../domain/types.js';
import { AllocationStore, type AllocationChange } from '../store/allocation-store.js';
import { auditRefusal } from './audit-refusal.js';
import { UnitScope, authoriseReassign } from './authorise.js';
import type { PeopleDirectory } from './compliance-queries.js';
import { resolveItemRef, type ItemActionDeps } from './resolve-item-ref.js';

export interface ReassignItemDeps extends ItemActionDeps {
  people: Pick<PeopleDirectory, 'findById'>;
}

export interface ReassignItemInput {
  actor: Person;
  itemRef: string;
  toOfficerId: string;
  reason: string;
  at: Date;
}

export type ReassignItemResult =
  | { kind: 'reassigned'; change: AllocationChange; newOfficer: Person; caseId: string; category: string }
  | { kind: 'refused'; reason: string }
  | { kind: 'unknown_item' }
  /** Already with that officer (a double tap), moved meanwhile, or no longer in the digest: answer with the current card. */
  | { kind: 'stale'; unitId: string | null };

export const MAX_REASON_LENGTH = 500;

/**
 * A supervisor of the owning unit (or above) moves the item's case to another officer of the owning
 * team, with a reason. The allocation history is kept, the change is published for the records system
 * and audited (AllocationStore), and so is a refusal; telling the new OIC is the caller's job.
 */
export async function reassignItem(deps: ReassignItemDeps, input: ReassignItemInput): Promise<ReassignItemResult> {
  const resolved = await resolveItemRef(deps, input.itemRef, input.at);
  if (resolved.kind === 'unknown') {
    await auditRefusal(deps.db, {
      at: input.at,
      actorId: input.actor.id,
      action: 'case.reassign',
      subject: `item:${input.itemRef}`,
      reason: 'unknown_item',
      details: { itemRef: input.itemRef, toOfficerId: input.toOfficerId },
    });
    return { kind: 'unknown_item' };
  }
  const owner = resolved.owner ?? { unitId: resolved.stored.unitId, oicId: '' };
  const newOfficer = await deps.people.findById(input.toOfficerId);
  const decision = authoriseReassign(input.actor, owner, newOfficer, await UnitScope.load(deps.queries));
  if (!decision.allowed) {
    await auditRefusal(deps.db, {
      at: input.at,
      actorId: input.actor.id,
      action: 'case.reassign',
      subject: `case:${resolved.stored.caseId}`,
      reason: 'not_authorised',
      details: { itemRef: input.itemRef, ownerUnitId: owner.unitId, toOfficerId: input.toOfficerId },
    });
    return { kind: 'refused', reason: decision.reason };
  }
  if (resolved.kind === 'gone' || !newOfficer || resolved.owner.oicId === newOfficer.id) {
    return { kind: 'stale', unitId: resolved.owner?.unitId ?? null };
  }
  const outcome = await new AllocationStore(deps.db).reassign({
    caseId: resolved.stored.caseId,
    expectedOicId: resolved.owner.oicId,
    toOicId: newOfficer.id,
    toUnitId: resolved.owner.unitId,
    changedBy: input.actor.id,
    reason: input.reason.slice(0, MAX_REASON_LENGTH),
    at: input.at,
    itemRef: input.itemRef,
  });
  if (outcome.kind === 'changed_meanwhile') return { kind: 'stale', unitId: outcome.current?.unitId ?? null };
  return { kind: 'reassigned', change: outcome.change, newOfficer, caseId: resolved.stored.caseId, category: resolved.item.category };
}
