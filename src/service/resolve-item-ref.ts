import { itemRef } from '../domain/digest.js';
import type { DigestItem } from '../domain/types.js';
import { AllocationStore, type CurrentAllocation } from '../store/allocation-store.js';
import type { Db } from '../store/db.js';
import { ItemRefStore, type StoredItemRef } from '../store/item-ref-store.js';
import type { ComplianceQueries } from './compliance-queries.js';

export interface ItemActionDeps {
  db: Db;
  queries: Pick<ComplianceQueries, 'digest' | 'listUnits'>;
}

/**
 * What a button's item ref refers to now:
 * - unknown: never on a card we built (forged, or from another deployment);
 * - gone: the case has no current allocation, or the item is no longer in its digest (the contact or
 *   assessment was recorded, the case closed) — the card is stale;
 * - live: the item as the digest shows it now, with the case's current owner.
 */
export type ResolvedItem =
  | { kind: 'unknown' }
  | { kind: 'gone'; stored: StoredItemRef; owner: CurrentAllocation | null }
  | { kind: 'live'; stored: StoredItemRef; owner: CurrentAllocation; item: DigestItem };

export async function resolveItemRef(deps: ItemActionDeps, ref: string, at: Date): Promise<ResolvedItem> {
  const stored = await new ItemRefStore(deps.db).find(ref);
  if (!stored) return { kind: 'unknown' };
  const owner = await new AllocationStore(deps.db).current(stored.caseId);
  if (!owner) return { kind: 'gone', stored, owner };
  const digest = await deps.queries.digest(owner.unitId, at, { oicId: owner.oicId });
  const item = digest.items.find((candidate) => itemRef(candidate) === ref);
  return item ? { kind: 'live', stored, owner, item } : { kind: 'gone', stored, owner };
}
