import { ragFor, toRatio } from '../domain/figures.js';
import type { ObligationFigures } from '../domain/obligations.js';
import type { Policy } from '../domain/policy.js';
import type { DigestItem, DigestItemKind, UnitFigures, UnitRef } from '../domain/types.js';

/** What the evaluation statements of evaluation-sql.ts return, and how they become the product's types. */

export interface CountsRow {
  group_id: string | null;
  total: number;
  compliant: number;
  na_compliant: number;
  update_compliant: number;
}

/** The later duties' counts, beside a CountsRow (evaluation-sql.ts COUNT_COLUMNS). */
export interface ObligationCountsRow extends CountsRow {
  referral_total: number;
  referral_compliant: number;
  ack_compliant: number;
  decision_total: number;
  decision_compliant: number;
}

export interface ItemRow {
  group_id: string | null;
  kind: DigestItemKind;
  case_id: string;
  victim_id: string;
  oic_id: string;
  category: string;
  due_date: string;
  days_overdue: number;
  enhanced: boolean;
  decision_id: string | null;
}

export const NO_COUNTS = { total: 0, compliant: 0, na_compliant: 0, update_compliant: 0 };
export const NO_OBLIGATION_COUNTS = {
  ...NO_COUNTS,
  referral_total: 0,
  referral_compliant: 0,
  ack_compliant: 0,
  decision_total: 0,
  decision_compliant: 0,
};

export function toUnitFigures(unit: UnitRef, at: Date, counts: Omit<CountsRow, 'group_id'>, policy: Policy): UnitFigures {
  const overall = toRatio(counts.compliant, counts.total);
  return {
    unit,
    asOf: at.toISOString(),
    total: counts.total,
    compliant: counts.compliant,
    rate: overall.rate,
    needsAssessment: toRatio(counts.na_compliant, counts.total),
    updates: toRatio(counts.update_compliant, counts.total),
    rag: ragFor(overall.rate, policy),
  };
}

export function toObligationFigures(counts: Omit<ObligationCountsRow, 'group_id'>): ObligationFigures {
  return {
    needsAssessment: toRatio(counts.na_compliant, counts.total),
    updates: toRatio(counts.update_compliant, counts.total),
    referral: toRatio(counts.referral_compliant, counts.referral_total),
    writtenAcknowledgement: toRatio(counts.ack_compliant, counts.total),
    decisionUpdates: toRatio(counts.decision_compliant, counts.decision_total),
  };
}

export function toDigestItem(row: ItemRow): DigestItem {
  return {
    kind: row.kind,
    caseId: row.case_id,
    victimId: row.victim_id,
    oicId: row.oic_id,
    category: row.category,
    dueDate: row.due_date,
    daysOverdue: row.days_overdue,
    enhanced: row.enhanced,
    ...(row.decision_id === null || row.decision_id === undefined ? {} : { decisionId: row.decision_id }),
  };
}
