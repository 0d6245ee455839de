import type { Scope } from '../../domain/questions/index.js';
import type { Person, Role } from '../../domain/types.js';
import { UnitTree, canSeeOfficer, canSeeUnit, type Viewer, type Visibility } from '../../domain/visibility.js';
import type { PeopleDirectory, UnitNode } from '../compliance-queries.js';
import type { AnswerOf, QueryButton } from './answer-types.js';

/**
 * Who may ask about what (compliance-rules.md): officers their own items and figures, supervisors their
 * team, inspectors their subtree, senior leads the force. Decided from the stored person and unit tree
 * before any figure is read, for a typed question and a card button alike; a refusal says why and what
 * the asker could ask instead.
 */

/** Whose figures a query is answered with, once the asker may see them: a unit (the force is its root unit) or an officer. */
export type Target = { kind: 'unit'; unit: UnitNode } | { kind: 'officer'; officer: Person };

export type Refusal = AnswerOf<'refusal'>;

export type TargetDecision = { kind: 'allowed'; target: Target } | { kind: 'refused'; answer: Refusal };

export interface ForceView {
  tree: UnitTree;
  force: UnitNode;
  units: readonly UnitNode[];
  /** The people already read for this question, looked in before the directory. */
  knownPeople?: readonly Person[] | undefined;
}

export const NO_FORCE: Refusal = { kind: 'refusal', reason: 'No force has been imported yet, so there are no figures.' };

/** The unit or officer a query's scope names, if the asker may see it. */
export async function resolveTarget(
  people: Pick<PeopleDirectory, 'findById'>,
  asker: Person,
  scope: Scope,
  view: ForceView,
): Promise<TargetDecision> {
  const viewer = viewerOf(asker);
  if (scope.kind === 'officer') {
    const officerId = scope.personId === 'self' ? asker.id : scope.personId;
    const officer =
      officerId === asker.id ? asker : (view.knownPeople?.find((p) => p.id === officerId) ?? (await people.findById(officerId)));
    if (!officer) return refused(asker.role, 'I could not find that officer in the people records.');
    const visible = canSeeOfficer(viewer, { personId: officer.id, unitId: officer.unitId }, view.tree, view.force.id);
    if (!visible.allowed) return refused(asker.role, visible.reason);
    return { kind: 'allowed', target: { kind: 'officer', officer } };
  }
  const unit = scope.kind === 'force' ? view.force : new Map(view.units.map((u) => [u.id, u])).get(scope.unitId);
  if (!unit) return refused(asker.role, 'That unit is not one I know: it may have been renamed or closed.');
  const visible = canSeeUnit(viewer, unit.id, view.tree, view.force.id);
  if (!visible.allowed) return refused(asker.role, visible.reason);
  return { kind: 'allowed', target: { kind: 'unit', unit } };
}

/** Lists rank other people: an officer asking "who has the most overdue updates" about themself sees only their own. */
export function ownListRefusal(asker: Person, officer: Person): Refusal | null {
  if (officer.id !== asker.id || asker.role !== 'officer') return null;
  return refusal(asker.role, 'As an officer you can see your own items and figures only, not a list of other officers or teams.');
}

/**
 * "Did you mean…" offers only the readings the asker may see: buttons that could only be refused are
 * left off, and when none is left the question is refused with the reason. One reading left is still
 * asked back (never a silent guess between names).
 */
export function ambiguousAnswer(
  asker: Person,
  question: string,
  options: QueryButton[],
  units: UnitNode[],
  people: readonly Person[],
): AnswerOf<'ambiguous'> | Refusal {
  const tree = new UnitTree(units);
  const forceId = (units.find((u) => u.kind === 'force') as UnitNode).id;
  const peopleById = new Map(people.map((p) => [p.id, p]));
  const viewer = viewerOf(asker);
  const decisions = options.map((option) => ({
    option,
    visibility: scopeVisibility(viewer, option.query.scope, tree, forceId, peopleById),
  }));
  const visible = decisions.filter((d) => d.visibility.allowed).map((d) => d.option);
  if (visible.length > 0) return { kind: 'ambiguous', question, options: visible };
  const refusedOne = decisions.find((d) => !d.visibility.allowed)?.visibility;
  return refusal(asker.role, refusedOne && !refusedOne.allowed ? refusedOne.reason : 'You cannot see those figures.');
}

function scopeVisibility(
  viewer: Viewer,
  scope: Scope,
  tree: UnitTree,
  forceId: string,
  peopleById: ReadonlyMap<string, Person>,
): Visibility {
  if (scope.kind === 'force') return canSeeUnit(viewer, forceId, tree, forceId);
  if (scope.kind === 'unit') return canSeeUnit(viewer, scope.unitId, tree, forceId);
  if (scope.personId === 'self' || scope.personId === viewer.personId) return { allowed: true };
  const person = peopleById.get(scope.personId);
  return person
    ? canSeeOfficer(viewer, { personId: person.id, unitId: person.unitId }, tree, forceId)
    : { allowed: false, reason: 'I could not find that officer.' };
}

function viewerOf(person: Person): Viewer {
  return { personId: person.id, role: person.role, unitId: person.unitId };
}

function refused(role: Role, reason: string): TargetDecision {
  return { kind: 'refused', answer: refusal(role, reason) };
}

function refusal(role: Role, reason: string): Refusal {
  return { kind: 'refusal', reason, hint: REFUSAL_HINTS[role] };
}

const REFUSAL_HINTS: Record<Role, string> = {
  officer: 'Try "my overdue updates" or "my compliance this month".',
  supervisor: `Ask about your own team, e.g. "my team's compliance this month".`,
  inspector: 'Ask about your own command or one of its teams, e.g. "compare my teams".',
  senior: 'Ask about a unit of this force, e.g. "force compliance this month".',
  admin: 'Ask a supervisor, inspector or senior lead for figures.',
};
