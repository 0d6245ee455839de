import type { Person } from '../domain/types.js';
import { UnitTree, canSeeUnit } from '../domain/visibility.js';
import type { ComplianceQueries, UnitNode } from './compliance-queries.js';

/**
 * Who may act on what (compliance-rules.md, "Actions" and "Roles and scope"). Every decision is taken
 * from the stored person and the stored unit tree and allocation; nothing a card sends is trusted.
 */

export type Decision = { allowed: true } | { allowed: false; reason: string };

/** The unit tree with names, loaded once per decision. */
export class UnitScope {
  private constructor(
    readonly tree: UnitTree,
    readonly forceId: string,
    private readonly names: Map<string, string>,
  ) {}

  static async load(queries: Pick<ComplianceQueries, 'listUnits'>): Promise<UnitScope> {
    return UnitScope.of(await queries.listUnits());
  }

  static of(units: readonly UnitNode[]): UnitScope {
    const force = units.find((unit) => unit.parentId === null);
    if (!force) throw new Error('the unit tree has no force (a unit without a parent): import the units first');
    return new UnitScope(new UnitTree(units), force.id, new Map(units.map((unit) => [unit.id, unit.name])));
  }

  nameOf(unitId: string): string {
    return this.names.get(unitId) ?? unitId;
  }

  /** Supervisors their team, inspectors their subtree, seniors the force. */
  oversees(person: Person, unitId: string): boolean {
    if (person.role === 'officer' || person.role === 'admin') return false;
    return canSeeUnit({ personId: person.id, role: person.role, unitId: person.unitId }, unitId, this.tree, this.forceId).allowed;
  }
}

/** Who owns an item's case now. */
export interface ItemOwner {
  unitId: string;
  oicId: string;
}

const ADMIN_REASON = 'Administrator accounts configure the service and do not act on items.';

/** The OIC, or a supervisor of the owning unit (or above). */
export function authoriseAcknowledge(actor: Person, owner: ItemOwner, scope: UnitScope): Decision {
  if (actor.role === 'admin') return refuse(ADMIN_REASON);
  if (actor.id === owner.oicId || scope.oversees(actor, owner.unitId)) return { allowed: true };
  if (actor.role === 'officer') {
    return refuse(
      'You can acknowledge your own items only, and this case is allocated to another officer. If it ' +
        'should be yours, ask your supervisor to reassign it.',
    );
  }
  return refuse(
    `This case belongs to ${scope.nameOf(owner.unitId)}, outside ${scopeWords(actor, scope)}: only its ` +
      `OIC or a supervisor over it can acknowledge it.`,
  );
}

/** A supervisor of the owning unit (or above), to an officer of the owning team. */
export function authoriseReassign(actor: Person, owner: ItemOwner, newOfficer: Person | null, scope: UnitScope): Decision {
  if (actor.role === 'admin') return refuse(ADMIN_REASON);
  if (actor.role === 'officer')
    return refuse('Only a supervisor (or above) of the team that owns a case can reassign it. Ask your supervisor.');
  if (!scope.oversees(actor, owner.unitId)) {
    return refuse(
      `This case belongs to ${scope.nameOf(owner.unitId)}, outside ${scopeWords(actor, scope)}: only a supervisor over it can reassign it.`,
    );
  }
  if (!newOfficer) return refuse('The officer you chose is not in the people records any more. Refresh the card and choose again.');
  if (newOfficer.unitId !== owner.unitId || (newOfficer.role !== 'officer' && newOfficer.role !== 'supervisor')) {
    return refuse(
      `${newOfficer.name} is not an officer of ${scope.nameOf(owner.unitId)}: a case can be reassigned only within the team that owns it.`,
    );
  }
  return { allowed: true };
}

/** Whether the person may reassign cases owned by `unitId` (decides whether the card offers Reassign). */
export function mayReassignIn(actor: Person, unitId: string, scope: UnitScope): boolean {
  return scope.oversees(actor, unitId);
}

/** A unit's digest: anyone who oversees the unit. */
export function authoriseUnitDigest(viewer: Person, unitId: string, scope: UnitScope): Decision {
  if (scope.oversees(viewer, unitId)) return { allowed: true };
  if (viewer.role === 'admin') return refuse('Administrator accounts configure the service and do not see compliance items.');
  if (viewer.role === 'officer') return refuse('As an officer you can see your own items only: say "my items".');
  return refuse(`${scope.nameOf(unitId)} is outside ${scopeWords(viewer, scope)}, so I can't show you its digest.`);
}

/**
 * Changing the digest of a channel or group chat (everyone there gets it: "digest off", "digest at",
 * "subscribe ..."): a supervisor or above who oversees every unit whose digest it gets or would get.
 */
export function authoriseSharedDigestChange(actor: Person, unitIds: readonly string[], scope: UnitScope): Decision {
  if (actor.role === 'officer' || actor.role === 'admin')
    return refuse('Only a supervisor (or above) can change the digest of a channel or group chat.');
  const outside = [...new Set(unitIds)].filter((unitId) => !scope.oversees(actor, unitId));
  if (outside.length === 0) return { allowed: true };
  const names = outside.map((unitId) => `${scope.nameOf(unitId)}'s`).join(' and ');
  return refuse(`This conversation gets ${names} digest, outside ${scopeWords(actor, scope)}: only a supervisor over it can change it.`);
}

/** An officer's items: the officer themself, or anyone who oversees the officer's home unit. */
export function authoriseOfficerItems(viewer: Person, officer: Person, scope: UnitScope): Decision {
  if (viewer.id === officer.id && viewer.role !== 'admin') return { allowed: true };
  if (scope.oversees(viewer, officer.unitId)) return { allowed: true };
  return refuse(`${officer.name}'s items are outside ${scopeWords(viewer, scope)}, so I can't show them to you.`);
}

/**
 * A dip-sample audit (issue 16), and seeing the sample: the inspector over the sampled unit, a senior lead, or
 * the delegate an inspector named for a unit holding it (`delegatedUnits`: the units the actor is delegate for).
 * A sergeant never audits their own team's cases, not even as a delegate, and another command's inspector,
 * or another inspector's delegate, is refused.
 */
export function authoriseDipAudit(actor: Person, unitId: string, scope: UnitScope, delegatedUnits: readonly string[] = []): Decision {
  if (actor.role === 'admin') return refuse(ADMIN_REASON);
  if ((actor.role === 'inspector' || actor.role === 'senior') && scope.oversees(actor, unitId)) return { allowed: true };
  const delegatedFor = delegatedUnits.find((delegated) => scope.tree.isWithin(unitId, delegated));
  if (delegatedFor !== undefined && scope.tree.isWithin(actor.unitId, unitId)) {
    return refuse(
      `You audit ${scope.nameOf(delegatedFor)}'s dip samples as a delegate, but ${scope.nameOf(unitId)}'s sample holds your own ` +
        "team's cases: they are audited by someone outside the team.",
    );
  }
  if (delegatedFor !== undefined) return { allowed: true };
  if (delegatedUnits.length > 0) {
    return refuse(
      `You audit ${delegatedUnits.map((id) => scope.nameOf(id)).join(' and ')}'s dip samples as a delegate; ` +
        `${scope.nameOf(unitId)}'s belongs to another inspector: only its inspector, their delegate or a senior lead can audit it.`,
    );
  }
  if (actor.role === 'officer' || actor.role === 'supervisor') {
    return refuse("Dip samples are audited by the command's inspector (or a senior lead), not by the team itself.");
  }
  return refuse(
    `${scope.nameOf(unitId)}'s dip sample is outside ${scopeWords(actor, scope)}: only its inspector or a senior lead can audit it.`,
  );
}

function scopeWords(person: Person, scope: UnitScope): string {
  switch (person.role) {
    case 'supervisor':
      return `your team (${scope.nameOf(person.unitId)})`;
    case 'inspector':
      return `your command (${scope.nameOf(person.unitId)})`;
    default:
      return 'what you can see';
  }
}

function refuse(reason: string): Decision {
  return { allowed: false, reason };
}
