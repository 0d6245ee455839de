import { addCalendarDays, localDateOf } from '../domain/calendar.js';
import { dipAuditDays, dipAuditStage, type DipAuditDays, type DipAuditStage } from '../domain/dip-deadlines.js';
import type { UnitNode, UnitRef } from '../domain/types.js';
import { UnitTree } from '../domain/visibility.js';
import { DipSampleStore } from '../store/dip-sample-store.js';
import type { ServiceContext } from './service-context.js';

export type DipProgressDeps = Pick<ServiceContext, 'db' | 'queries' | 'policy' | 'calendar'>;

/** A sampled unit whose month's audits are not all submitted. */
export interface UnfinishedDipUnit {
  unit: UnitRef;
  /** Audits submitted, of `total` sampled cases. */
  done: number;
  total: number;
}

/** One month's unfinished audits, and where the month stands: before its due day, due, or overdue. */
export interface DipMonthProgress {
  period: string;
  days: DipAuditDays;
  stage: DipAuditStage;
  units: UnfinishedDipUnit[];
}

/**
 * The unfinished dip audits of this month and the month before (issue 16, part 4), from the stored samples
 * only (nothing is drawn here): of every sampled unit, or of those within `withinUnitId`. A month with no
 * unfinished audit is left out, so an empty list means nothing is owed.
 */
export async function unfinishedDipAudits(deps: DipProgressDeps, at: Date, withinUnitId?: string): Promise<DipMonthProgress[]> {
  const units = await deps.queries.listUnits();
  const tree = new UnitTree(units);
  const level = deps.policy.dipSampleUnitLevel;
  const sampled = units.filter((u) => u.kind === level && (withinUnitId === undefined || tree.isWithin(u.id, withinUnitId)));
  if (sampled.length === 0) return [];
  const byId = new Map(units.map((u) => [u.id, u]));
  const today = localDateOf(at, deps.policy.timeZone);
  const thisMonth = today.slice(0, 7);
  const store = new DipSampleStore(deps.db);
  const months: DipMonthProgress[] = [];
  for (const period of [addCalendarDays(`${thisMonth}-01`, -1).slice(0, 7), thisMonth]) {
    const samples = await store.find(
      sampled.map((u) => u.id),
      period,
    );
    const unfinished = samples
      .map((sample) => ({
        unit: refOf(byId.get(sample.unitId), sample.unitId, level),
        done: sample.cases.filter((c) => c.audit.submittedAt !== null).length,
        total: sample.cases.length,
      }))
      .filter((u) => u.done < u.total)
      .sort((a, b) => a.unit.name.localeCompare(b.unit.name, 'en-GB'));
    if (unfinished.length === 0) continue;
    const days = dipAuditDays(period, deps.policy, deps.calendar);
    months.push({ period, days, stage: dipAuditStage(days, today), units: unfinished });
  }
  return months;
}

function refOf(unit: UnitNode | undefined, id: string, kind: UnitRef['kind']): UnitRef {
  return unit ? { id: unit.id, name: unit.name, kind: unit.kind } : { id, name: id, kind };
}

/** A weekly card's line: a unit's audits of a month, how many are left and the day they are (were) due by. */
export interface WeeklyDipAuditRow {
  unit: UnitRef;
  period: string;
  left: number;
  total: number;
  dueOn: string;
}

/**
 * The weekly card's "Dip-sample audits" (issue 16, part 3): within the unit, this month's audits not yet
 * submitted (due) and the unfinished ones past their overdue day (last month's, by default), each by unit.
 */
export async function weeklyDipAudits(
  deps: DipProgressDeps,
  unitId: string,
  at: Date,
): Promise<{ due: WeeklyDipAuditRow[]; overdue: WeeklyDipAuditRow[] }> {
  const months = await unfinishedDipAudits(deps, at, unitId);
  const rows = (month: DipMonthProgress) =>
    month.units.map((u) => ({ unit: u.unit, period: month.period, left: u.total - u.done, total: u.total, dueOn: month.days.dueOn }));
  return {
    due: months.filter((m) => m.stage !== 'overdue').flatMap(rows),
    overdue: months.filter((m) => m.stage === 'overdue').flatMap(rows),
  };
}
