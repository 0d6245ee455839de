import type { Role } from './types.js';

/**
 * Who may see what (compliance-rules.md, "Roles and scope"): an officer their own cases, a supervisor
 * their team, an inspector their unit's subtree, a senior lead the force. Decided from the stored
 * person and unit tree only, never from anything a card or a message claims.
 */
export interface Viewer {
  personId: string;
  role: Role;
  unitId: string;
}

export interface UnitTreeNode {
  id: string;
  parentId: string | null;
}

export type Visibility = { allowed: true } | { allowed: false; reason: string };

export class UnitTree {
  private readonly parents: Map<string, string | null>;

  constructor(units: readonly UnitTreeNode[]) {
    this.parents = new Map(units.map((u) => [u.id, u.parentId]));
  }

  has(unitId: string): boolean {
    return this.parents.has(unitId);
  }

  /** True when `unitId` is `ancestorId` or lies below it. */
  isWithin(unitId: string, ancestorId: string): boolean {
    const seen = new Set<string>();
    for (let current: string | null | undefined = unitId; current != null; current = this.parents.get(current)) {
      if (current === ancestorId) return true;
      if (seen.has(current)) return false;
      seen.add(current);
    }
    return false;
  }
}

/** The unit whose subtree the viewer may see, or null when they may see only their own cases (or nothing). */
export function scopeRootOf(viewer: Viewer, tree: UnitTree, forceId: string): string | null {
  switch (viewer.role) {
    case 'senior':
      return forceId;
    case 'inspector':
    case 'supervisor':
      return tree.has(viewer.unitId) ? viewer.unitId : null;
    case 'officer':
    case 'admin':
      return null;
  }
}

export function canSeeUnit(viewer: Viewer, unitId: string, tree: UnitTree, forceId: string): Visibility {
  const root = scopeRootOf(viewer, tree, forceId);
  if (root !== null && tree.isWithin(unitId, root)) return { allowed: true };
  return { allowed: false, reason: refusalReason(viewer) };
}

/** An officer's figures: the officer themself, or anyone whose home unit the viewer may see. */
export function canSeeOfficer(viewer: Viewer, officer: { personId: string; unitId: string }, tree: UnitTree, forceId: string): Visibility {
  if (officer.personId === viewer.personId) return { allowed: true };
  return canSeeUnit(viewer, officer.unitId, tree, forceId);
}

function refusalReason(viewer: Viewer): string {
  switch (viewer.role) {
    case 'officer':
      return 'As an officer you can see your own items and figures only.';
    case 'supervisor':
      return "As a supervisor you can see your own team's figures only.";
    case 'inspector':
      return 'As an inspector you can see the figures of your own command and the teams in it only.';
    case 'admin':
      return 'Administrator accounts configure the service and do not see compliance figures.';
    case 'senior':
      return 'That unit is not part of this force.';
  }
}
