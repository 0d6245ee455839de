import type { DipQuestion } from '../domain/dip-policy.js';
import type { Person } from '../domain/types.js';
import { DipAuditStore, type DipAnswerChange, type DipCaseRef, type SampledCase, type StoredDipAudit } from '../store/dip-audit-store.js';
import { auditRefusal } from './audit-refusal.js';
import { UnitScope, authoriseDipAudit } from './authorise.js';
import { dipDelegatedUnits } from './dip-delegate.js';
import { dutiesOf, type CaseDuties } from './dip-duties.js';
import type { ServiceContext } from './service-context.js';

export type DipAuditDeps = Pick<ServiceContext, 'db' | 'queries' | 'policy'>;
export type { DipCaseRef };

/** One sampled case's questionnaire: the case, the questions, the answers so far and what the data says. */
export interface DipAuditView {
  case: SampledCase;
  unitName: string;
  audit: StoredDipAudit;
  duties: CaseDuties;
}

export type DipAuditResult =
  | { kind: 'audit'; view: DipAuditView }
  /** Saved; `changed` lists the questions whose answer or note changed (none for a repeat). */
  | { kind: 'saved'; view: DipAuditView; changed: string[] }
  | { kind: 'submitted'; view: DipAuditView }
  /** Submit pressed with questions unanswered: the answers given are saved, nothing submitted. */
  | { kind: 'incomplete'; view: DipAuditView; missing: DipQuestion[] }
  /** Submitted already: nothing changes any more. */
  | { kind: 'already_submitted'; view: DipAuditView }
  | { kind: 'bad_answers'; problem: string }
  | { kind: 'refused'; reason: string }
  /** No stored sample holds this case (a forged or mistyped button). */
  | { kind: 'not_in_sample' };

const MAX_NOTE_CHARS = 1000;

/** The questionnaire of one sampled case, for the inspector over its unit (their delegate, or a senior lead). */
export async function openDipAudit(deps: DipAuditDeps, actor: Person, ref: DipCaseRef, at: Date): Promise<DipAuditResult> {
  const found = await authorisedCase(deps, actor, ref, at, 'dip_audit.open');
  if ('kind' in found) return found;
  return { kind: 'audit', view: await viewOf(deps, found.sampled, found.unitName) };
}

/**
 * Saves what the card sent (answers saved as they go; a half-done audit survives a restart) and, with
 * `submit`, submits it when every question is answered. Authorised on the server from the stored person
 * and sample; refusals are audited as the actions are.
 */
export async function saveDipAudit(
  deps: DipAuditDeps,
  actor: Person,
  input: { ref: DipCaseRef; changes: readonly DipAnswerChange[]; submit: boolean; at: Date },
): Promise<DipAuditResult> {
  const found = await authorisedCase(deps, actor, input.ref, input.at, 'dip_audit.save');
  if ('kind' in found) return found;
  const { sampled, unitName } = found;
  const known = new Set(sampled.questions.map((q) => q.id));
  const changes = input.changes.filter((c) => known.has(c.questionId));
  const tooLong = changes.find((c) => typeof c.note === 'string' && c.note.length > MAX_NOTE_CHARS);
  if (tooLong) return { kind: 'bad_answers', problem: `A note is at most ${MAX_NOTE_CHARS} characters: shorten it and save again.` };
  const store = new DipAuditStore(deps.db);
  const outcome = await store.save({
    ref: input.ref,
    actorId: actor.id,
    at: input.at,
    questionIds: sampled.questions.map((q) => q.id),
    changes,
    submit: input.submit,
  });
  const view = await viewOf(deps, sampled, unitName);
  switch (outcome.kind) {
    case 'saved':
      return { kind: 'saved', view, changed: outcome.changed };
    case 'submitted':
      return { kind: 'submitted', view };
    case 'incomplete':
      return { kind: 'incomplete', view, missing: sampled.questions.filter((q) => outcome.missing.includes(q.id)) };
    case 'already_submitted':
      await auditRefusal(deps.db, {
        at: input.at,
        actorId: actor.id,
        action: 'dip_audit.save',
        subject: `case:${input.ref.caseId}`,
        reason: 'submitted',
        details: { unitId: input.ref.unitId, period: input.ref.period },
      });
      return { kind: 'already_submitted', view };
  }
}

async function authorisedCase(
  deps: DipAuditDeps,
  actor: Person,
  ref: DipCaseRef,
  at: Date,
  action: 'dip_audit.open' | 'dip_audit.save',
): Promise<{ sampled: SampledCase; unitName: string } | { kind: 'not_in_sample' } | { kind: 'refused'; reason: string }> {
  const sampled = await new DipAuditStore(deps.db).sampledCase(ref);
  const details = { unitId: ref.unitId, period: ref.period };
  if (!sampled) {
    await auditRefusal(deps.db, { at, actorId: actor.id, action, subject: `case:${ref.caseId}`, reason: 'not_in_sample', details });
    return { kind: 'not_in_sample' };
  }
  const scope = await UnitScope.load(deps.queries);
  const decision = authoriseDipAudit(actor, ref.unitId, scope, await dipDelegatedUnits(deps.db, actor.id));
  if (!decision.allowed) {
    await auditRefusal(deps.db, { at, actorId: actor.id, action, subject: `case:${ref.caseId}`, reason: 'not_authorised', details });
    return { kind: 'refused', reason: decision.reason };
  }
  return { sampled, unitName: scope.nameOf(ref.unitId) };
}

async function viewOf(deps: DipAuditDeps, sampled: SampledCase, unitName: string): Promise<DipAuditView> {
  const store = new DipAuditStore(deps.db);
  // A case that closed before the draw is read as it stood when it closed; a live one at the draw.
  const at = sampled.closedAt ? new Date(sampled.closedAt.getTime() - 1) : sampled.asOf;
  const [audit, rows] = await Promise.all([store.auditOf(sampled.ref), store.dutiesAt(sampled.ref.caseId, at, deps.policy)]);
  return { case: sampled, unitName, audit, duties: dutiesOf(rows, at) };
}
