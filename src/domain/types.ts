/**
 * Shared vocabulary of the product. Pure types only: every layer may import this file,
 * and it imports only types (the policy's obligation ids), so the domain stays free of I/O.
 */
import type { ObligationId } from './policy.js';

export type UnitKind = 'force' | 'command' | 'department' | 'team';
export type Role = 'officer' | 'supervisor' | 'inspector' | 'senior' | 'admin';
export type ContactKind = 'update' | 'agreement' | 'written_acknowledgement' | 'decision_update';
export type Rag = 'GREEN' | 'AMBER' | 'RED';

/** A calendar date in the force's time zone, `YYYY-MM-DD`. Deadlines are always dates, never instants. */
export type LocalDate = string;

export interface UnitRef {
  id: string;
  name: string;
  kind: UnitKind;
}

export interface Person {
  id: string;
  name: string;
  unitId: string;
  role: Role;
  /**
   * The person's Entra object id: the records' (`person.aadObjectId`), else the one Teams reported for the
   * Teams user linked to them by user principal name or e-mail (src/domain/teams-identity.ts). Null when
   * Teams knows them by neither yet.
   */
  aadObjectId: string | null;
}

/** A numerator over a denominator; `rate` is a percentage with one decimal, or null when total is 0. */
export interface Ratio {
  compliant: number;
  total: number;
  rate: number | null;
}

/** The figures contract of `GET /v1/units/{id}/compliance` (issue 2, product.md). */
export interface UnitFigures {
  unit: UnitRef;
  /** The instant the figures were evaluated at, ISO 8601. */
  asOf: string;
  total: number;
  compliant: number;
  rate: number | null;
  needsAssessment: Ratio;
  updates: Ratio;
  rag: Rag | null;
}

/**
 * Acknowledgements with a planned date by their state at an instant (src/domain/promises.ts): GREEN kept,
 * RED missed, AMBER open. GREY ones (the case closed, the victim left the population) are in none of them.
 */
export interface PromiseCounts {
  kept: number;
  missed: number;
  open: number;
}

export type DigestItemKind =
  | 'update_overdue'
  | 'needs_assessment_missing'
  | 'update_due_soon'
  | 'needs_assessment_due_soon'
  // The later duties (compliance-rules.md 4-6), in a digest when the policy's `digestDuties` lists them.
  | 'referral_overdue'
  | 'referral_due_soon'
  | 'written_acknowledgement_overdue'
  | 'written_acknowledgement_due_soon'
  | 'decision_update_overdue'
  | 'decision_update_due_soon';

/** One thing a supervisor or OIC is asked to act on. Carries no personal details of the victim. */
export interface DigestItem {
  kind: DigestItemKind;
  caseId: string;
  victimId: string;
  oicId: string;
  category: string;
  dueDate: LocalDate;
  /** Whole days past the due date; 0 for items that are due soon. */
  daysOverdue: number;
  enhanced: boolean;
  /** The key decision a decision-update item is about (one item per decision); absent on every other kind. */
  decisionId?: string;
}

export interface UnitDigest {
  unit: UnitRef;
  asOf: string;
  items: DigestItem[];
}

/** A unit as stored, with its place in the hierarchy. */
export interface UnitNode extends UnitRef {
  parentId: string | null;
}

/** Figures for one officer (as OIC) inside a team's breakdown. */
export interface OfficerFigures extends Omit<UnitFigures, 'unit'> {
  officer: { id: string; name: string };
}

export interface UnitBreakdown {
  unit: UnitRef;
  asOf: string;
  /** Same figures for each direct child unit, with every duty's (the figures contract's `obligations`); empty for a team. */
  children: (UnitFigures & { obligations: Record<ObligationId, Ratio> })[];
  /** For a team: figures per OIC of the team's live cases, with every duty's; empty otherwise. */
  officers: (OfficerFigures & { obligations: Record<ObligationId, Ratio> })[];
}

/**
 * An officer's figures as someone other than the officer sees them: only the cases allocated inside the
 * viewer's scope (`withinUnitId`'s subtree), with the number of the officer's victims elsewhere.
 */
export interface OfficerFiguresWithin {
  figures: OfficerFigures;
  /** Live victims of the officer's cases outside the scope: not counted. */
  leftOut: number;
}

/** An officer's items inside a unit's subtree, with the number of their items elsewhere (not shown). */
export interface OfficerDigestWithin {
  digest: UnitDigest;
  leftOut: number;
}

export interface DigestOptions {
  /** Only the items of cases allocated to this officer (an officer's own reminder). */
  oicId?: string;
  /** Items of these duties instead of the policy's `digestDuties` ("list the overdue referrals"). */
  duties?: readonly ObligationId[];
}
