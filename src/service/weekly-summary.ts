import { isBreachKind } from '../domain/digest.js';
import { digestReach, type NoDigestReason } from '../domain/digest-reach.js';
import type { Person, PromiseCounts, UnitFigures, UnitRef } from '../domain/types.js';
import { PeopleLinksStore } from '../store/people-links-store.js';
import { UnitScope, authoriseUnitDigest } from './authorise.js';
import { DigestNotVisibleError } from './build-digest.js';
import { weeklyDipAudits, type WeeklyDipAuditRow } from './dip-audit-progress.js';
import type { QueryButton } from './questions/answer-types.js';
import { figureDrillDown } from './questions/drill-down.js';
import type { ServiceContext } from './service-context.js';

/**
 * The weekly summary of an inspector's command or a senior lead's force (issue 13, part 4): the figure
 * and its change over the week, the teams below target, overdue enhanced victims (a count), the oldest
 * breaches (crime references and ages only), and the teams whose sergeant does not receive the digest.
 * No victim's name or detail is in it.
 */
export interface WeeklySummary {
  unit: UnitRef;
  at: Date;
  figures: Pick<UnitFigures, 'rate' | 'compliant' | 'total' | 'rag'>;
  /** Percentage points since the same moment a week before; null when either rate is unknown. */
  change: number | null;
  belowTarget: { unitId: string; name: string; rate: number | null }[];
  /** Enhanced victims with an overdue update or a missing needs assessment. */
  overdueEnhancedVictims: number;
  oldestBreaches: { caseId: string; daysOverdue: number }[];
  notReceiving: { unitId: string; name: string; reason: NoDigestReason }[];
  /** Acknowledgements with a planned date, by state now (issue 17): kept, missed, open. */
  promises: PromiseCounts;
  targetRate: number;
  /** Dip-sample audits within the unit (issue 16): this month's not yet submitted, and those overdue. */
  dipAudits: { due: WeeklyDipAuditRow[]; overdue: WeeklyDipAuditRow[] };
  /** As under a figure answer (src/service/questions/drill-down.ts), then the teams below target, each opening its figure. */
  drillDown: QueryButton[];
}

export type WeeklySummaryServices = Pick<ServiceContext, 'db' | 'queries' | 'people' | 'policy' | 'calendar'>;

const WEEK_MS = 7 * 24 * 3600_000;
const OLDEST_BREACHES = 5;

export async function buildWeeklySummary(
  services: WeeklySummaryServices,
  request: { unitId: string; viewer: Person; at: Date },
): Promise<WeeklySummary> {
  const { queries, policy } = services;
  const units = await queries.listUnits();
  const decision = authoriseUnitDigest(request.viewer, request.unitId, UnitScope.of(units));
  if (!decision.allowed) throw new DigestNotVisibleError(decision.reason);
  const { figures, digest } = await queries.figuresAndDigest(request.unitId, request.at);
  const weekBefore = await queries.figures(request.unitId, new Date(request.at.getTime() - WEEK_MS));
  const teams = teamsWithin(units, request.unitId);
  const teamFigures = teams.length === 0 ? [] : await queries.figuresForUnits(teams, request.at);
  const unit = units.find((node) => node.id === request.unitId);
  // Every breach the digest lists: the later duties' too when the policy's digestDuties names them.
  const breaches = digest.items.filter((item) => isBreachKind(item.kind));
  const belowTarget = teamFigures
    .filter((team) => team.rate !== null && team.rate < policy.targetRate)
    .sort((a, b) => (a.rate ?? 0) - (b.rate ?? 0))
    .map((team) => ({ unitId: team.unit.id, name: team.unit.name, rate: team.rate }));
  const scope = unit?.kind === 'force' ? { kind: 'force' as const } : { kind: 'unit' as const, unitId: request.unitId };
  const drillDown = unit
    ? figureDrillDown({ kind: 'unit', unit }, { intent: { kind: 'figure' }, metric: 'overall', scope, period: { kind: 'now' } })
    : [];
  return {
    unit: figures.unit,
    at: request.at,
    figures,
    change: figures.rate === null || weekBefore.rate === null ? null : Number((figures.rate - weekBefore.rate).toFixed(1)),
    belowTarget,
    overdueEnhancedVictims: new Set(breaches.filter((item) => item.enhanced).map((item) => item.victimId)).size,
    oldestBreaches: [...breaches]
      .sort((a, b) => b.daysOverdue - a.daysOverdue || a.caseId.localeCompare(b.caseId))
      .slice(0, OLDEST_BREACHES)
      .map((item) => ({ caseId: item.caseId, daysOverdue: item.daysOverdue })),
    notReceiving: await sergeantsNotReceiving(services, teams, units),
    promises: await queries.promiseCounts(request.unitId, request.at),
    targetRate: policy.targetRate,
    dipAudits: await weeklyDipAudits(services, request.unitId, request.at),
    drillDown,
  };
}

function teamsWithin(units: readonly { id: string; kind: string; parentId: string | null }[], unitId: string): string[] {
  const parentOf = new Map(units.map((unit) => [unit.id, unit.parentId]));
  const within = (id: string): boolean => {
    for (let at: string | null = id; at !== null; at = parentOf.get(at) ?? null) if (at === unitId) return true;
    return false;
  };
  return units.filter((unit) => unit.kind === 'team' && within(unit.id)).map((unit) => unit.id);
}

/** Teams with a supervisor whose digest does not reach them (digest-reach.ts, as GET /v1/people/links says). */
async function sergeantsNotReceiving(
  services: WeeklySummaryServices,
  teams: readonly string[],
  units: readonly UnitRef[],
): Promise<WeeklySummary['notReceiving']> {
  const wanted = new Set(teams);
  const names = new Map(units.map((unit) => [unit.id, unit.name]));
  const result: WeeklySummary['notReceiving'] = [];
  for (const { facts, unitId } of await new PeopleLinksStore(services.db).digestReachFacts()) {
    if (facts.role !== 'supervisor' || !wanted.has(unitId)) continue;
    const verdict = digestReach(facts);
    if (verdict.kind === 'does_not_receive') result.push({ unitId, name: names.get(unitId) ?? unitId, reason: verdict.reason });
  }
  return result.sort((a, b) => a.name.localeCompare(b.name));
}
