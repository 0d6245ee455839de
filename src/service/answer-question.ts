import { TZDate } from '@date-fns/tz';
import { format } from 'date-fns';
import type { Clock } from '../domain/clock.js';
import { localDateOf } from '../domain/calendar.js';
import { monthEnds, resolvePeriod } from '../domain/periods.js';
import type { Policy } from '../domain/policy.js';
import { parseQuestion } from '../domain/questions/index.js';
import type { Metric, Query, UnitEntry } from '../domain/questions/index.js';
import type { Person, Ratio, UnitDigest, UnitFigures } from '../domain/types.js';
import { UnitTree, canSeeOfficer, canSeeUnit, type Viewer } from '../domain/visibility.js';
import type { ComplianceQueries, OfficerFigures, PeopleDirectory, UnitNode } from './compliance-queries.js';

/** One figure as a person reads it: the ratio for the metric asked about. */
export interface FigureLine {
  label: string;
  unitId: string | null;
  officerId: string | null;
  rate: number | null;
  compliant: number;
  total: number;
  /** Victims in breach for the metric (overdue updates, missing assessments, or not fully compliant). */
  inBreach: number;
  rag: UnitFigures['rag'];
}

export type Answer =
  | {
      kind: 'figure';
      headline: string;
      metric: Metric;
      current: FigureLine & { at: string; atLabel: string };
      /** The other two ratios at the same instant, for context. */
      breakdown: { needsAssessment: Ratio; updates: Ratio; overall: Ratio };
      previous: (FigureLine & { at: string; atLabel: string; change: number | null }) | null;
      drillDown: { label: string; query: Query }[];
    }
  | { kind: 'ranking'; headline: string; metric: Metric; atLabel: string; rows: FigureLine[]; drillDown: { label: string; query: Query }[] }
  | { kind: 'trend'; headline: string; metric: Metric; rows: (FigureLine & { periodLabel: string })[] }
  | { kind: 'items'; headline: string; officerId: string; digest: UnitDigest }
  | { kind: 'refusal'; reason: string }
  | { kind: 'help' }
  | { kind: 'not_understood'; suggestions: string[] }
  | { kind: 'ambiguous'; question: string; options: { label: string; query: Query }[] };

export interface AnswerDeps {
  queries: ComplianceQueries;
  people: PeopleDirectory;
  policy: Policy;
  clock: Clock;
}

const METRIC_WORDS: Record<Metric, string> = {
  overall: 'fully compliant',
  needs_assessment: 'needs assessments done',
  updates: 'updated on time',
};

/** A question in plain English from a mapped person -> an answer with exact figures, or a refusal. */
export async function answerQuestion(deps: AnswerDeps, asker: Person, text: string): Promise<Answer> {
  const units = await deps.queries.listUnits();
  const people = await deps.people.listByUnit(asker.unitId);
  const understanding = parseQuestion(text, {
    asker: { personId: asker.id, role: asker.role, unitId: asker.unitId },
    units: units as UnitEntry[],
    people,
    now: deps.clock.now(),
    timeZone: deps.policy.timeZone,
  });
  switch (understanding.kind) {
    case 'help':
      return { kind: 'help' };
    case 'not_understood':
      return { kind: 'not_understood', suggestions: understanding.suggestions };
    case 'ambiguous':
      return { kind: 'ambiguous', question: understanding.question, options: understanding.options };
    case 'query':
      return answerQuery(deps, asker, understanding.query, units);
  }
}

/** Answers a structured query (also what drill-down and "did you mean" buttons send back). */
export async function answerQuery(deps: AnswerDeps, asker: Person, query: Query, knownUnits?: UnitNode[]): Promise<Answer> {
  const units = knownUnits ?? (await deps.queries.listUnits());
  const tree = new UnitTree(units);
  const force = units.find((u) => u.kind === 'force');
  if (!force) return { kind: 'refusal', reason: 'No force has been imported yet, so there are no figures.' };
  const viewer: Viewer = { personId: asker.id, role: asker.role, unitId: asker.unitId };
  const unitsById = new Map(units.map((u) => [u.id, u]));
  const now = deps.clock.now();
  const tz = deps.policy.timeZone;

  const targetUnitId = query.scope.kind === 'force' ? force.id : query.scope.kind === 'unit' ? query.scope.unitId : null;
  if (targetUnitId !== null && !unitsById.has(targetUnitId)) {
    return { kind: 'refusal', reason: `I don't know a unit with id ${targetUnitId}.` };
  }
  const officerId = query.scope.kind === 'officer' ? (query.scope.personId === 'self' ? asker.id : query.scope.personId) : null;

  if (targetUnitId !== null) {
    const visible = canSeeUnit(viewer, targetUnitId, tree, force.id);
    if (!visible.allowed) return { kind: 'refusal', reason: visible.reason };
  } else if (officerId !== null) {
    const officer = officerId === asker.id ? asker : await deps.people.findById(officerId);
    if (!officer) return { kind: 'refusal', reason: 'I could not find that officer.' };
    const visible = canSeeOfficer(viewer, { personId: officer.id, unitId: officer.unitId }, tree, force.id);
    if (!visible.allowed) return { kind: 'refusal', reason: visible.reason };
  }

  const period = resolvePeriod(query.period, now, tz);
  const atLabel = dateLabel(period.snapshotAt, tz);
  const intent = query.intent;

  if (intent.kind === 'my_items') {
    const self = officerId ?? asker.id;
    // The whole force filtered by OIC: an officer's cases may sit with another team.
    const digest = await deps.queries.digest(force.id, period.snapshotAt, { oicId: self });
    const breaches = digest.items.filter((i) => i.kind === 'update_overdue' || i.kind === 'needs_assessment_missing').length;
    const soon = digest.items.length - breaches;
    return {
      kind: 'items',
      headline: `Your items: ${breaches} overdue, ${soon} due soon — at ${atLabel}`,
      officerId: self,
      digest,
    };
  }

  if (intent.kind === 'trend') {
    const ends = monthEnds(intent.months, now, tz);
    const rows: (FigureLine & { periodLabel: string })[] = [];
    for (const end of ends) {
      const figures = officerId
        ? officerLine(await deps.queries.officerFigures(officerId, end.at), query.metric)
        : unitLine(await deps.queries.figures(targetUnitId as string, end.at), query.metric);
      rows.push({ ...figures, periodLabel: end.label });
    }
    const subject = rows[0]?.label ?? '';
    const first = rows[0];
    const last = rows[rows.length - 1];
    return {
      kind: 'trend',
      metric: query.metric,
      headline: `${subject}: ${METRIC_WORDS[query.metric]} over the last ${rows.length} months — ${first ? rateText(first.rate) : ''} in ${first?.periodLabel ?? ''} to ${last ? rateText(last.rate) : ''} in ${last?.periodLabel ?? ''}`,
      rows,
    };
  }

  if (intent.kind === 'figure') {
    const [current, previous] = officerId
      ? await Promise.all([deps.queries.officerFigures(officerId, period.snapshotAt), deps.queries.officerFigures(officerId, period.previousSnapshotAt)])
      : await Promise.all([deps.queries.figures(targetUnitId as string, period.snapshotAt), deps.queries.figures(targetUnitId as string, period.previousSnapshotAt)]);
    const currentLine = 'officer' in current ? officerLine(current, query.metric) : unitLine(current, query.metric);
    const previousLine = 'officer' in previous ? officerLine(previous, query.metric) : unitLine(previous, query.metric);
    const change = currentLine.rate !== null && previousLine.rate !== null ? Math.round((currentLine.rate - previousLine.rate) * 10) / 10 : null;
    return {
      kind: 'figure',
      metric: query.metric,
      headline: headlineOf(currentLine, query.metric, atLabel),
      current: { ...currentLine, at: period.snapshotAt.toISOString(), atLabel },
      breakdown: { needsAssessment: current.needsAssessment, updates: current.updates, overall: { compliant: current.compliant, total: current.total, rate: current.rate } },
      previous: { ...previousLine, at: period.previousSnapshotAt.toISOString(), atLabel: dateLabel(period.previousSnapshotAt, tz), change },
      drillDown: targetUnitId ? drillDownFor(unitsById.get(targetUnitId) as UnitNode, query) : [],
    };
  }

  // Lists: compare the children, rank, below target, most overdue. Always within the scope unit.
  const scopeUnit = unitsById.get(targetUnitId ?? asker.unitId) as UnitNode;
  let rows: FigureLine[];
  if (scopeUnit.kind === 'team' && (intent.kind === 'compare_children' || intent.kind === 'most' || intent.kind === 'rank')) {
    const breakdown = await deps.queries.breakdown(scopeUnit.id, period.snapshotAt);
    rows = breakdown.officers.map((o) => officerLine(o, intent.kind === 'most' ? metricOfMost(intent.of) : query.metric));
  } else if (intent.kind === 'compare_children') {
    const breakdown = await deps.queries.breakdown(scopeUnit.id, period.snapshotAt);
    rows = breakdown.children.map((f) => unitLine(f, query.metric));
  } else {
    const teamIds = units.filter((u) => u.kind === 'team' && tree.isWithin(u.id, scopeUnit.id)).map((u) => u.id);
    const metric = intent.kind === 'most' ? metricOfMost(intent.of) : query.metric;
    rows = (await deps.queries.figuresForUnits(teamIds, period.snapshotAt)).map((f) => unitLine(f, metric));
  }
  return rankingAnswer(intent, rows, query, scopeUnit, atLabel, deps.policy);
}

function rankingAnswer(intent: Query['intent'], all: FigureLine[], query: Query, scopeUnit: UnitNode, atLabel: string, policy: Policy): Answer {
  const byRateAscending = (a: FigureLine, b: FigureLine) => (a.rate ?? 101) - (b.rate ?? 101) || a.label.localeCompare(b.label);
  const words = METRIC_WORDS[query.metric];
  switch (intent.kind) {
    case 'below_target': {
      const threshold = intent.threshold ?? policy.targetRate;
      const rows = all.filter((r) => r.rate !== null && r.rate < threshold).sort(byRateAscending);
      const headline = rows.length === 0
        ? `No team in ${scopeUnit.name} is below ${threshold.toFixed(1)}% ${words} — at ${atLabel}`
        : `${rows.length} of ${all.length} teams in ${scopeUnit.name} are below ${threshold.toFixed(1)}% ${words} — at ${atLabel}`;
      return { kind: 'ranking', metric: query.metric, headline, atLabel, rows, drillDown: [] };
    }
    case 'rank': {
      const rows = all.filter((r) => r.rate !== null).sort(byRateAscending);
      if (intent.order === 'best') rows.reverse();
      const top = rows[0];
      const headline = top
        ? `${intent.order === 'best' ? 'Best' : 'Lowest'} in ${scopeUnit.name}: ${top.label} at ${rateText(top.rate)} ${words} — ${top.compliant} of ${top.total} victims — at ${atLabel}`
        : `No live cases in ${scopeUnit.name} — at ${atLabel}`;
      return { kind: 'ranking', metric: query.metric, headline, atLabel, rows, drillDown: [] };
    }
    case 'most': {
      const rows = [...all].sort((a, b) => b.inBreach - a.inBreach || a.label.localeCompare(b.label));
      const what = intent.of === 'overdue_updates' ? 'overdue updates' : 'missing needs assessments';
      const top = rows[0];
      const headline = top && top.inBreach > 0
        ? `Most ${what} in ${scopeUnit.name}: ${top.label} with ${top.inBreach} (${rateText(top.rate)} ${METRIC_WORDS[metricOfMost(intent.of)]}) — at ${atLabel}`
        : `No ${what} in ${scopeUnit.name} — at ${atLabel}`;
      return { kind: 'ranking', metric: metricOfMost(intent.of), headline, atLabel, rows, drillDown: [] };
    }
    default: {
      const rows = [...all].sort((a, b) => a.label.localeCompare(b.label, 'en', { numeric: true }));
      return {
        kind: 'ranking',
        metric: query.metric,
        headline: `${scopeUnit.name}, ${words} by ${scopeUnit.kind === 'team' ? 'officer' : 'unit'} — at ${atLabel}`,
        atLabel,
        rows,
        drillDown: [],
      };
    }
  }
}

function metricOfMost(of: 'overdue_updates' | 'missing_needs_assessments'): Metric {
  return of === 'overdue_updates' ? 'updates' : 'needs_assessment';
}

function ratioOf(figures: Pick<UnitFigures, 'compliant' | 'total' | 'rate' | 'needsAssessment' | 'updates'>, metric: Metric): Ratio {
  if (metric === 'needs_assessment') return figures.needsAssessment;
  if (metric === 'updates') return figures.updates;
  return { compliant: figures.compliant, total: figures.total, rate: figures.rate };
}

function unitLine(figures: UnitFigures, metric: Metric): FigureLine {
  const ratio = ratioOf(figures, metric);
  return { label: figures.unit.name, unitId: figures.unit.id, officerId: null, ...ratio, inBreach: ratio.total - ratio.compliant, rag: figures.rag };
}

function officerLine(figures: OfficerFigures, metric: Metric): FigureLine {
  const ratio = ratioOf(figures, metric);
  return { label: figures.officer.name, unitId: null, officerId: figures.officer.id, ...ratio, inBreach: ratio.total - ratio.compliant, rag: figures.rag };
}

export function rateText(rate: number | null): string {
  return rate === null ? 'no live cases' : `${rate.toFixed(1)}%`;
}

/** "North Team 3: 87.5% fully compliant — 35 of 40 victims — at 20 Nov 2026" */
export function headlineOf(line: FigureLine, metric: Metric, atLabel: string): string {
  if (line.rate === null) return `${line.label}: no live cases — at ${atLabel}`;
  const overdue = metric === 'updates' ? `, ${line.inBreach} overdue an update` : metric === 'needs_assessment' ? `, ${line.inBreach} missing` : '';
  return `${line.label}: ${rateText(line.rate)} ${METRIC_WORDS[metric]} — ${line.compliant} of ${line.total} victims${overdue} — at ${atLabel}`;
}

function dateLabel(instant: Date, timeZone: string): string {
  return format(new TZDate(`${localDateOf(instant, timeZone)}T12:00:00`, timeZone), 'd MMM yyyy');
}

function drillDownFor(unit: UnitNode, query: Query): { label: string; query: Query }[] {
  const base = { metric: query.metric, scope: { kind: 'unit' as const, unitId: unit.id }, period: query.period };
  if (unit.kind === 'team') {
    return [{ label: 'By officer', query: { ...base, intent: { kind: 'compare_children' } } }];
  }
  return [
    { label: unit.kind === 'force' ? 'By command' : 'By team', query: { ...base, intent: { kind: 'compare_children' } } },
    { label: 'Teams below target', query: { ...base, intent: { kind: 'below_target', threshold: null } } },
  ];
}
