import { ragFor } from '../domain/figures.js';
import { obligationsOf, type ObligationFigures } from '../domain/obligations.js';
import { OBLIGATION_IDS, type ObligationId, type Policy } from '../domain/policy.js';
import { readReportPeriod } from '../domain/report-period.js';
import type { Rag, Ratio, UnitFigures, UnitNode, UnitRef } from '../domain/types.js';
import type { ComplianceQueries } from './compliance-queries.js';
import type { DipSampleDeps } from './dip-sample.js';
import { reportDipAudits, type ReportDipAudits } from './report-dip-audits.js';
import { changeOf } from './questions/figure-lines.js';

/**
 * The pack for the performance meeting (issue 14): for a unit and each of its child units, every duty's
 * figures for a month (the snapshot at its end, or now while it runs, as the figures API answers
 * `?period=`) beside the previous month's, with RAG against the policy's target and the change in points,
 * and the unit's trend over the last twelve month-ends. Counts only: no victim-level data. The JSON, CSV
 * and HTML renderers (src/service/report/) all render this one result.
 */

/** The fully compliant figure, then each duty of the figures contract. */
export type ReportMeasureId = 'fullyCompliant' | ObligationId;

export interface ReportRatio extends Ratio {
  rag: Rag | null;
}

/** One measure of one unit: this month, the previous month, and the change in percentage points. */
export interface ReportLine extends ReportRatio {
  previous: ReportRatio;
  /** Percentage points, one decimal; null when either month had no victims the duty applies to. */
  changePoints: number | null;
}

export interface ReportUnit {
  unit: UnitRef;
  /** `unit` for the unit asked about, `child` for each of its child units. */
  role: 'unit' | 'child';
  fullyCompliant: ReportLine;
  obligations: Record<ObligationId, ReportLine>;
}

export interface ReportTrendPoint {
  label: string;
  /** "Oct 26": the chart's axis label. */
  short: string;
  at: string;
  fullyCompliant: Ratio;
  obligations: ObligationFigures;
}

export interface PerformanceReport {
  force: { id: string; name: string };
  unit: UnitRef;
  period: { param: string; label: string; ended: boolean; snapshotAt: string };
  previous: { label: string; snapshotAt: string };
  /** When the report was made. */
  generatedAt: string;
  policy: { targetRate: number; amberMargin: number; timeZone: string };
  /** The measures in the order every format shows them, with their labels. */
  measures: { id: ReportMeasureId; label: string; countsTowardsFullyCompliant: boolean }[];
  /** The unit first, then its child units by name. */
  units: ReportUnit[];
  /** The unit's figures at the last twelve month-ends up to the report's month, oldest first. */
  trend: ReportTrendPoint[];
  /** The month's dip-sample audits of the unit, counts only (report-dip-audits.ts). */
  dipAudits: ReportDipAudits;
}

export type ReportQueries = Pick<ComplianceQueries, 'listUnits' | 'figuresWithObligationsForUnits'>;

/** The figures' queries and the policy, and the store and calendar the dip-sample section reads. */
export type BuildReportDeps = DipSampleDeps;

export type BuildReportResult =
  | { kind: 'report'; report: PerformanceReport }
  /** The period is missing, not a month, or still to come: `problem` says what to give instead. */
  | { kind: 'bad_period'; problem: string }
  | { kind: 'unknown_unit'; unitId: string };

type Evaluated = { figures: UnitFigures; obligations: ObligationFigures };

export async function buildPerformanceReport(
  deps: BuildReportDeps,
  input: { unitId: string; period: string | undefined; now: Date },
): Promise<BuildReportResult> {
  const reading = readReportPeriod(input.period, input.now, deps.policy.timeZone);
  if (!reading.ok) return { kind: 'bad_period', problem: reading.problem };
  const { period } = reading;
  const units = await deps.queries.listUnits();
  const unit = units.find((u) => u.id === input.unitId);
  if (!unit) return { kind: 'unknown_unit', unitId: input.unitId };
  const children = units.filter((u) => u.parentId === unit.id);
  const ids = [unit.id, ...children.map((child) => child.id)];

  // Children in one statement per instant; the trend's other month-ends for the unit alone.
  const [current, previous] = await Promise.all([
    deps.queries.figuresWithObligationsForUnits(ids, period.snapshotAt),
    deps.queries.figuresWithObligationsForUnits(ids, period.previousSnapshotAt),
  ]);
  const known = new Map<number, Evaluated>([
    [period.snapshotAt.getTime(), current[0] as Evaluated],
    [period.previousSnapshotAt.getTime(), previous[0] as Evaluated],
  ]);
  const trend = await Promise.all(
    period.trend.map(async (point) => {
      const evaluated =
        known.get(point.at.getTime()) ?? ((await deps.queries.figuresWithObligationsForUnits([unit.id], point.at))[0] as Evaluated);
      return { label: point.label, short: point.short, at: point.at.toISOString(), ...measuresOf(evaluated) };
    }),
  );

  const measures = [
    { id: 'fullyCompliant' as const, label: 'Fully compliant', countsTowardsFullyCompliant: false },
    ...obligationsOf(deps.policy).map((o) => ({ id: o.id, label: o.label, countsTowardsFullyCompliant: o.countsTowardsFullyCompliant })),
  ];
  const force = rootOf(unit, units);
  const dipAudits = await reportDipAudits(deps, unit.id, period.param);
  return {
    kind: 'report',
    report: {
      force: { id: force.id, name: force.name },
      unit: refOf(unit),
      period: { param: period.param, label: period.label, ended: period.ended, snapshotAt: period.snapshotAt.toISOString() },
      previous: { label: period.previousLabel, snapshotAt: period.previousSnapshotAt.toISOString() },
      generatedAt: input.now.toISOString(),
      policy: { targetRate: deps.policy.targetRate, amberMargin: deps.policy.amberMargin, timeZone: deps.policy.timeZone },
      measures,
      units: ids.map((_id, i) => reportUnit(current[i] as Evaluated, previous[i] as Evaluated, i === 0, deps.policy)),
      trend,
      dipAudits,
    },
  };
}

function measuresOf(evaluated: Evaluated): { fullyCompliant: Ratio; obligations: ObligationFigures } {
  const { compliant, total, rate } = evaluated.figures;
  return { fullyCompliant: { compliant, total, rate }, obligations: evaluated.obligations };
}

function reportUnit(current: Evaluated, previous: Evaluated, isUnit: boolean, policy: Policy): ReportUnit {
  const now = measuresOf(current);
  const before = measuresOf(previous);
  const line = (a: Ratio, b: Ratio): ReportLine => ({
    ...withRag(a, policy),
    previous: withRag(b, policy),
    changePoints: changeOf(a.rate, b.rate),
  });
  const obligations = Object.fromEntries(OBLIGATION_IDS.map((id) => [id, line(now.obligations[id], before.obligations[id])])) as Record<
    ObligationId,
    ReportLine
  >;
  return {
    unit: current.figures.unit,
    role: isUnit ? 'unit' : 'child',
    fullyCompliant: line(now.fullyCompliant, before.fullyCompliant),
    obligations,
  };
}

function withRag(ratio: Ratio, policy: Pick<Policy, 'targetRate' | 'amberMargin'>): ReportRatio {
  return { compliant: ratio.compliant, total: ratio.total, rate: ratio.rate, rag: ragFor(ratio.rate, policy) };
}

/** The top of the unit's tree: the force (or the unit itself when it has no parent). */
function rootOf(unit: UnitNode, units: readonly UnitNode[]): UnitNode {
  const byId = new Map(units.map((u) => [u.id, u]));
  let node = unit;
  const seen = new Set<string>();
  while (node.parentId !== null && !seen.has(node.id)) {
    seen.add(node.id);
    const parent = byId.get(node.parentId);
    if (!parent) break;
    node = parent;
  }
  return node;
}

function refOf(unit: UnitNode): UnitRef {
  return { id: unit.id, name: unit.name, kind: unit.kind };
}
