import { addCalendarDays, localDateOf } from '../domain/calendar.js';
import type { DipQuestion, DipUnitLevel } from '../domain/dip-policy.js';
import { dipDrawDate, dipDrawInstant, drawDipSample, shiftPeriod } from '../domain/dip-sample.js';
import type { LocalDate, Person, UnitNode, UnitRef } from '../domain/types.js';
import { UnitTree } from '../domain/visibility.js';
import { DipSampleStore, type StoredDipCase } from '../store/dip-sample-store.js';
import { UnitScope, authoriseDipAudit } from './authorise.js';
import { dipDelegatedUnits } from './dip-delegate.js';
import type { ServiceContext } from './service-context.js';

export type DipSampleDeps = Pick<ServiceContext, 'db' | 'clock' | 'policy' | 'calendar' | 'queries'>;

/** One unit's sample for the month, as stored when first drawn. */
export interface DipUnitSample {
  unit: UnitRef;
  asOf: Date;
  drawnAt: Date;
  /** The questions its cases are read against, as they stood when it was drawn. */
  questions: DipQuestion[];
  cases: StoredDipCase[];
}

export type DipSampleResult =
  /** A command's sample is its teams' samples (the policy's unit level), each drawn once and stored. */
  | { kind: 'sample'; unit: UnitRef; period: string; drawOn: LocalDate; samples: DipUnitSample[]; drawnNow: number }
  | { kind: 'unknown_unit' }
  /** The month's draw day has not come yet. */
  | { kind: 'not_drawn_yet'; period: string; drawOn: LocalDate }
  /** The unit sits below the level samples are drawn at: its sample is part of `sampledUnit`'s. */
  | { kind: 'below_level'; level: DipUnitLevel; sampledUnit: UnitRef | null };

const LEVEL_DEPTH: Record<UnitRef['kind'], number> = { force: 0, command: 1, department: 2, team: 3 };

/**
 * `period`'s dip sample of a unit (issue 16): drawn on the month's draw day from the cases each sampled
 * unit held at the start of that day (live, or closed within the policy's days before it), never a case
 * drawn in the look-back window, and stored when first drawn: asking again, after new records arrived or
 * on another replica, answers the same cases.
 */
export async function dipSampleOf(deps: DipSampleDeps, unitId: string, period: string): Promise<DipSampleResult> {
  const drawOn = dipDrawDate(period, deps.policy.dipSampleDrawWorkingDay, deps.calendar);
  if (drawOn === null) throw new RangeError(`'${period}' is not a month: expected YYYY-MM, e.g. 2026-11`);
  const units = await deps.queries.listUnits();
  const unit = units.find((u) => u.id === unitId);
  if (!unit) return { kind: 'unknown_unit' };
  const level = deps.policy.dipSampleUnitLevel;
  const sampled = sampledUnitsOf(units, unit, level);
  if (sampled.length === 0) return { kind: 'below_level', level, sampledUnit: ancestorAt(units, unit, level) };
  const asOf = dipDrawInstant(drawOn, deps.policy.timeZone);
  if (deps.clock.now().getTime() < asOf.getTime()) return { kind: 'not_drawn_yet', period, drawOn };

  const store = new DipSampleStore(deps.db);
  const ids = sampled.map((u) => u.id);
  let stored = await store.find(ids, period);
  const missing = ids.filter((id) => !stored.some((s) => s.unitId === id));
  let drawnNow = 0;
  if (missing.length > 0) {
    drawnNow = await drawAndStore(deps, store, missing, period, asOf);
    stored = await store.find(ids, period);
  }
  const byId = new Map(sampled.map((u) => [u.id, u]));
  const samples = stored.map((s) => ({
    unit: refOf(byId.get(s.unitId) ?? { id: s.unitId, name: s.unitId, kind: level, parentId: null }),
    asOf: s.asOf,
    drawnAt: s.drawnAt,
    questions: s.questions,
    cases: s.cases,
  }));
  return { kind: 'sample', unit: refOf(unit), period, drawOn, samples, drawnNow };
}

/** How many of the units' samples this call stored (another request or replica may have stored some first). */
async function drawAndStore(deps: DipSampleDeps, store: DipSampleStore, unitIds: string[], period: string, asOf: Date): Promise<number> {
  const { policy } = deps;
  const closedSince = new Date(asOf.getTime() - policy.dipSampleClosedWithinDays * 86_400_000);
  const pool = await store.candidates(unitIds, asOf, closedSince);
  const lookBack = policy.dipSampleLookBackMonths;
  const excluded =
    lookBack === 0 ? new Set<string>() : await store.drawnBetween(shiftPeriod(period, -lookBack), shiftPeriod(period, lookBack), period);
  const drawnAt = deps.clock.now();
  let stored = 0;
  for (const unitId of unitIds) {
    const cases = drawDipSample({
      unitId,
      period,
      candidates: pool.filter((c) => c.unitId === unitId),
      size: policy.dipSampleSize,
      categories: policy.dipSampleCategories,
      excludedCaseIds: excluded,
    });
    if (await store.saveIfAbsent({ unitId, period, asOf, drawnAt, questions: policy.dipQuestions, cases })) stored += 1;
  }
  return stored;
}

/** The units of the sample's level in the unit's subtree, the unit itself included, in tree order. */
function sampledUnitsOf(units: readonly UnitNode[], unit: UnitNode, level: DipUnitLevel): UnitNode[] {
  if (LEVEL_DEPTH[unit.kind] > LEVEL_DEPTH[level]) return [];
  const tree = new UnitTree(units);
  return units.filter((u) => u.kind === level && tree.isWithin(u.id, unit.id)).sort((a, b) => a.name.localeCompare(b.name, 'en-GB'));
}

function ancestorAt(units: readonly UnitNode[], unit: UnitNode, level: DipUnitLevel): UnitRef | null {
  const byId = new Map(units.map((u) => [u.id, u]));
  for (let current: UnitNode | undefined = unit; current; current = current.parentId ? byId.get(current.parentId) : undefined) {
    if (current.kind === level) return refOf(current);
  }
  return null;
}

function refOf(unit: UnitNode): UnitRef {
  return { id: unit.id, name: unit.name, kind: unit.kind };
}

/** The month whose sample is current at `now`: this month once its draw day has come, else the month before. */
export function currentDipPeriod(deps: Pick<DipSampleDeps, 'clock' | 'policy' | 'calendar'>): string {
  const today = localDateOf(deps.clock.now(), deps.policy.timeZone);
  const month = today.slice(0, 7);
  const drawOn = dipDrawDate(month, deps.policy.dipSampleDrawWorkingDay, deps.calendar);
  return drawOn !== null && today >= drawOn ? month : addCalendarDays(`${month}-01`, -1).slice(0, 7);
}

export type DipSampleViewResult = DipSampleResult | { kind: 'refused'; reason: string };

/**
 * A person's view of a sample: the inspector's command (a senior lead's force, a delegate's delegated unit) unless a unit is named,
 * refused unless they may audit it (src/service/authorise.ts), so a sergeant never learns which of their
 * team's cases will be read.
 */
export async function dipSampleForPerson(
  deps: DipSampleDeps,
  actor: Person,
  unitId: string | undefined,
  period: string,
): Promise<DipSampleViewResult> {
  const scope = await UnitScope.load(deps.queries);
  const delegated = await dipDelegatedUnits(deps.db, actor.id);
  const own = actor.role === 'senior' ? scope.forceId : actor.role === 'inspector' ? actor.unitId : (delegated[0] ?? actor.unitId);
  const target = unitId ?? own;
  const decision = authoriseDipAudit(actor, target, scope, delegated);
  // A delegate sees the delegated unit's samples but for their own team's (which stays unknown to the team).
  const delegateAbove = !decision.allowed && delegated.some((unit) => scope.tree.isWithin(target, unit)) && target !== actor.unitId;
  if (!decision.allowed && !delegateAbove) return { kind: 'refused', reason: decision.reason };
  const result = await dipSampleOf(deps, target, period);
  if (result.kind !== 'sample' || decision.allowed) return result;
  const samples = result.samples.filter((sample) => authoriseDipAudit(actor, sample.unit.id, scope, delegated).allowed);
  return samples.length === 0 ? { kind: 'refused', reason: decision.reason } : { ...result, samples };
}

/**
 * The draw on the draw day (issue 16): every sampled unit's sample for the current month, drawn and stored
 * once its draw day has come (a later call finds them stored and draws nothing). Returns how many units'
 * samples this call drew.
 */
export async function drawDueDipSamples(deps: DipSampleDeps): Promise<{ period: string; drawn: number }> {
  const period = currentDipPeriod(deps);
  const force = (await deps.queries.listUnits()).find((unit) => unit.parentId === null);
  if (!force) return { period, drawn: 0 };
  const result = await dipSampleOf(deps, force.id, period);
  return { period, drawn: result.kind === 'sample' ? result.drawnNow : 0 };
}
