import type { Person, UnitRef } from '../domain/types.js';
import { DipDelegateStore } from '../store/dip-delegate-store.js';
import type { Db } from '../store/db.js';
import { findPerson, type FoundPerson } from './set-cover.js';
import type { ServiceContext } from './service-context.js';

export type DipDelegateDeps = Pick<ServiceContext, 'db' | 'people' | 'queries'>;

export type DipDelegateResult =
  | { kind: 'named'; unit: UnitRef; delegate: Person; replaced: Person | null }
  | { kind: 'removed'; unit: UnitRef; removed: Person | null }
  | { kind: 'refused'; reason: string }
  | Exclude<FoundPerson, { kind: 'found' }>;

/**
 * "dip delegate PS 1001" / "dip delegate none" (issue 16): an inspector names the person who may open, save
 * and submit the dip audits of their unit (their home unit: the command they are inspector of), or removes
 * them. Decided from the stored person; each change audited with its row (src/store/dip-delegate-store.ts).
 */
export async function setDipDelegate(deps: DipDelegateDeps, actor: Person, who: string | null, at: Date): Promise<DipDelegateResult> {
  if (actor.role !== 'inspector') {
    return { kind: 'refused', reason: "Only an inspector names a delegate for their unit's dip audits." };
  }
  const unitNode = await deps.queries.findUnit(actor.unitId);
  if (!unitNode) return { kind: 'refused', reason: 'Your unit is no longer in the records.' };
  const unit: UnitRef = { id: unitNode.id, name: unitNode.name, kind: unitNode.kind };
  const store = new DipDelegateStore(deps.db);
  if (who === null) {
    const before = await store.set({ unitId: unit.id, delegateId: null, actorId: actor.id, at });
    return { kind: 'removed', unit, removed: before === null ? null : await deps.people.findById(before) };
  }
  const found = await findPerson(deps, who);
  if (found.kind !== 'found') return found;
  const delegate = found.person;
  if (delegate.id === actor.id) return { kind: 'refused', reason: 'You audit your own samples already: name someone else.' };
  if (delegate.role === 'admin') {
    return { kind: 'refused', reason: `${delegate.name} has an administrator account, which does not audit cases.` };
  }
  const before = await store.set({ unitId: unit.id, delegateId: delegate.id, actorId: actor.id, at });
  const replaced = before === null || before === delegate.id ? null : await deps.people.findById(before);
  return { kind: 'named', unit, delegate, replaced };
}

/** The units a person audits as a delegate (for src/service/authorise.ts's authoriseDipAudit). */
export async function dipDelegatedUnits(db: Db, personId: string): Promise<string[]> {
  return (await new DipDelegateStore(db).delegatedTo(personId)).map((delegation) => delegation.unitId);
}
