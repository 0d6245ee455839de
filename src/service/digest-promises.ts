import { itemRef } from '../domain/digest.js';
import { countPromises } from '../domain/figures.js';
import { compareWithPromises, dutyOf } from '../domain/promises.js';
import type { DigestItem, PromiseCounts } from '../domain/types.js';
import type { StoredPromise } from '../store/promise-store.js';
import type { ServiceContext } from './service-context.js';

/** Whose promises a digest shows: a unit's subtree, or an officer's cases (inside one unit's subtree, or all). */
export type PromiseScope = { kind: 'unit'; unitId: string } | { kind: 'officer'; officerId: string; withinUnitId?: string };

export interface DigestPromises {
  /** By state at the digest's instant, over the whole scope (kept ones too, whose items have left the digest). */
  counts: PromiseCounts;
  /** The promise each item shows, by the item's ref: the latest given for its duty and deadline. */
  byItemRef: Map<string, StoredPromise>;
}

type PromiseServices = Pick<ServiceContext, 'queries'>;

/**
 * The promises of a digest's scope at t, and the one each item shows. A promise belongs to a duty and a
 * deadline, not to one card: the one given while an update was due soon is still the promise once the
 * same deadline is overdue (a new item ref), so items are matched by duty, victim and due date.
 */
export async function digestPromises(
  services: PromiseServices,
  scope: PromiseScope,
  items: readonly DigestItem[],
  at: Date,
): Promise<DigestPromises> {
  // Through the read side's cache: kept until the records or the acknowledgements change.
  const promises =
    scope.kind === 'unit'
      ? await services.queries.promisesInUnit(scope.unitId, at)
      : await services.queries.officerPromises(scope.officerId, at, scope.withinUnitId);
  // Oldest acknowledgement first, so the latest for a deadline is the one kept.
  const byDeadline = new Map(promises.map((promise) => [deadlineKey(promise), promise]));
  const byItemRef = new Map<string, StoredPromise>();
  for (const item of items) {
    const promise = byDeadline.get(deadlineKey(item));
    if (promise) byItemRef.set(itemRef(item), promise);
  }
  return { counts: countPromises(promises.map((promise) => promise.state)), byItemRef };
}

/** Digest order with a missed promise first within its kind (src/domain/promises.ts). */
export function orderWithPromises<T extends { item: DigestItem; promise: StoredPromise | null }>(entries: readonly T[]): T[] {
  const keyed = entries.map((entry) => ({ entry, item: entry.item, promiseState: entry.promise?.state ?? null }));
  return keyed.sort(compareWithPromises).map(({ entry }) => entry);
}

/** A decision-update promise belongs to its decision too: two decisions on one day are two deadlines. */
function deadlineKey(item: Pick<DigestItem, 'kind' | 'victimId' | 'dueDate' | 'decisionId'>): string {
  return JSON.stringify([dutyOf(item.kind), item.victimId, item.dueDate, item.decisionId ?? null]);
}
