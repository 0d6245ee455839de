import { TZDate } from '@date-fns/tz';
import { format } from 'date-fns';
import type { Clock } from '../domain/clock.js';
import { localDateOf } from '../domain/calendar.js';
import { ragFor } from '../domain/figures.js';
import { monthEnds, resolvePeriod } from '../domain/periods.js';
import type { Policy } from '../domain/policy.js';
import { parseQuestion } from '../domain/questions/index.js';
import type { Metric, PersonEntry, Query, Scope, UnitEntry } from '../domain/questions/index.js';
import type { Person, Rag, Ratio, Role, UnitDigest, UnitFigures } from '../domain/types.js';
import { UnitTree, canSeeOfficer, canSeeUnit, type Viewer, type Visibility } from '../domain/visibility.js';
import type { ComplianceQueries, OfficerFigures, PeopleDirectory, UnitNode } from './compliance-queries.js';
import { itemsNotShownText, officerCasesFor, officerFiguresAsSeen, officerItemsAsSeen, victimsNotCountedText, type OfficerCases } from './officer-view.js';
import type { PlanRequest, PlannedQuestion, QuestionPlanner } from './question-planner.js';

/**
 * Plain-English questions (issue 4) answered with the same figures as `GET /v1/units/{id}/compliance`:
 * the parser reads the question into a query, the visibility rules decide whether the asker may see
 * its scope (officers: their own items and figures; supervisors: their team; inspectors: their
 * subtree; senior: the force), and only then are figures read. A query that arrives from a card
 * button goes through the same checks: nothing a card sends is trusted.
 */

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
  /** RAG of this metric's rate against the policy's target (null when there are no live victims). */
  rag: Rag | null;
}

/** A button that asks a follow-up query (drill-down, "did you mean"). */
export interface QueryButton {
  label: string;
  query: Query;
}

/** Whose items an 'items' answer lists: an officer's own reminder, or a unit's digest. */
export type ItemsView = { kind: 'officer'; officerId: string } | { kind: 'team'; unitId: string };

export type RowNoun = 'team' | 'command' | 'unit' | 'officer';

export type Answer =
  | {
      kind: 'figure';
      headline: string;
      metric: Metric;
      current: FigureLine & { at: string; atLabel: string };
      /** The three ratios at the same instant, for context. */
      breakdown: { needsAssessment: Ratio; updates: Ratio; overall: Ratio };
      /** The same figure at the end of the previous period of the same length; change in points, one decimal. */
      previous: FigureLine & { at: string; atLabel: string; change: number | null };
      drillDown: QueryButton[];
    }
  | { kind: 'ranking'; headline: string; metric: Metric; at: string; atLabel: string; rowNoun: RowNoun; rows: FigureLine[]; drillDown: QueryButton[] }
  | { kind: 'trend'; headline: string; metric: Metric; rows: (FigureLine & { periodLabel: string; at: string })[] }
  | { kind: 'items'; headline: string; view: ItemsView; digest: UnitDigest }
  | { kind: 'refusal'; reason: string; hint?: string }
  | { kind: 'help' }
  | { kind: 'not_understood'; suggestions: string[] }
  | { kind: 'ambiguous'; question: string; options: QueryButton[] };

export interface AnswerDeps {
  queries: ComplianceQueries;
  people: PeopleDirectory;
  policy: Policy;
  clock: Clock;
  /** The optional AI planner (off unless configured): asked first, the local parser answering whenever it cannot. */
  planner?: QuestionPlanner | undefined;
  /** How long a question waits for the planner before the local parser answers (default 8 s). */
  plannerDeadlineMs?: number;
}

/** What the answerer already read for this question (the unit tree and the people), so it is read once. */
export interface KnownForce {
  units: UnitNode[];
  people?: readonly Person[];
}

export const METRIC_WORDS: Record<Metric, string> = {
  overall: 'fully compliant',
  needs_assessment: 'needs assessments done',
  updates: 'updated on time',
};

const DEFAULT_TREND_MONTHS = 6;
/** However the planner is built, a question never waits longer than this for it. */
const PLANNER_DEADLINE_MS = 8000;
const MAX_DRILL_DOWN_ROWS = 5;

const NO_FORCE: Answer = { kind: 'refusal', reason: 'No force has been imported yet, so there are no figures.' };

/** A question in plain English from a mapped person -> an answer with exact figures, or a refusal. */
export async function answerQuestion(deps: AnswerDeps, asker: Person, text: string): Promise<Answer> {
  const units = await deps.queries.listUnits();
  const force = units.find((u) => u.kind === 'force');
  if (!force) return NO_FORCE;
  // Everyone in the force may be named: a name outside the asker's scope is refused with the reason
  // (below), rather than misread as "not understood" or as someone else.
  const people = await deps.people.listWithin(force.id);
  if (deps.planner) {
    const planned = await askPlanner(deps.planner, deps.plannerDeadlineMs ?? PLANNER_DEADLINE_MS, {
      text,
      asker: { role: asker.role, unitId: asker.unitId },
      units: units as UnitEntry[],
      today: localDateOf(deps.clock.now(), deps.policy.timeZone),
      timeZone: deps.policy.timeZone,
    });
    if (planned.kind === 'help') return { kind: 'help' };
    if (planned.kind === 'query') return answerQuery(deps, asker, planned.query, { units, people });
  }
  const understanding = parseQuestion(text, {
    asker: { personId: asker.id, role: asker.role, unitId: asker.unitId },
    units: units as UnitEntry[],
    people: people as PersonEntry[],
    now: deps.clock.now(),
    timeZone: deps.policy.timeZone,
  });
  switch (understanding.kind) {
    case 'help':
      return { kind: 'help' };
    case 'not_understood':
      return { kind: 'not_understood', suggestions: understanding.suggestions };
    case 'ambiguous':
      return ambiguousAnswer(asker, understanding.question, understanding.options, units, people);
    case 'query':
      return answerQuery(deps, asker, understanding.query, { units, people });
  }
}

/** The planner's reading, or `unknown` when it fails or takes longer than a person should wait. */
async function askPlanner(planner: QuestionPlanner, deadlineMs: number, request: PlanRequest): Promise<PlannedQuestion> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<PlannedQuestion>((resolve) => {
    timer = setTimeout(() => resolve({ kind: 'unknown' }), deadlineMs);
  });
  try {
    return await Promise.race([planner.plan(request).catch((): PlannedQuestion => ({ kind: 'unknown' })), timeout]);
  } finally {
    clearTimeout(timer);
  }
}

/**
 * "Did you mean…" offers only the readings the asker may see: buttons that could only be refused are
 * left off, and when none is left the question is refused with the reason. One reading left is still
 * asked back (never a silent guess between names).
 */
function ambiguousAnswer(asker: Person, question: string, options: QueryButton[], units: UnitNode[], people: readonly Person[]): Answer {
  const tree = new UnitTree(units);
  const forceId = (units.find((u) => u.kind === 'force') as UnitNode).id;
  const peopleById = new Map(people.map((p) => [p.id, p]));
  const viewer = viewerOf(asker);
  const decisions = options.map((option) => ({ option, visibility: scopeVisibility(viewer, option.query.scope, tree, forceId, peopleById) }));
  const visible = decisions.filter((d) => d.visibility.allowed).map((d) => d.option);
  if (visible.length > 0) return { kind: 'ambiguous', question, options: visible };
  const refused = decisions.find((d) => !d.visibility.allowed)?.visibility;
  return refusal(asker.role, refused && !refused.allowed ? refused.reason : 'You cannot see those figures.');
}

function scopeVisibility(viewer: Viewer, scope: Scope, tree: UnitTree, forceId: string, peopleById: ReadonlyMap<string, Person>): Visibility {
  if (scope.kind === 'force') return canSeeUnit(viewer, forceId, tree, forceId);
  if (scope.kind === 'unit') return canSeeUnit(viewer, scope.unitId, tree, forceId);
  if (scope.personId === 'self' || scope.personId === viewer.personId) return { allowed: true };
  const person = peopleById.get(scope.personId);
  return person ? canSeeOfficer(viewer, { personId: person.id, unitId: person.unitId }, tree, forceId) : { allowed: false, reason: 'I could not find that officer.' };
}

/**
 * Answers a structured query: from the parser, or from a card button (drill-down, "did you mean").
 * Scope is checked here, from the stored person and unit tree, before any figure is read.
 */
export async function answerQuery(deps: AnswerDeps, asker: Person, query: Query, known?: KnownForce): Promise<Answer> {
  const units = known?.units ?? (await deps.queries.listUnits());
  const tree = new UnitTree(units);
  const force = units.find((u) => u.kind === 'force');
  if (!force) return NO_FORCE;
  const viewer = viewerOf(asker);
  const unitsById = new Map(units.map((u) => [u.id, u]));
  const now = deps.clock.now();
  const tz = deps.policy.timeZone;
  const intent = query.intent;

  // Whose figures: a unit (the force is its root unit) or an officer, checked against the asker's scope.
  let target: { kind: 'unit'; unit: UnitNode } | { kind: 'officer'; officer: Person };
  if (query.scope.kind === 'officer') {
    const officerId = query.scope.personId === 'self' ? asker.id : query.scope.personId;
    const officer = officerId === asker.id ? asker : (known?.people?.find((p) => p.id === officerId) ?? (await deps.people.findById(officerId)));
    if (!officer) return refusal(asker.role, 'I could not find that officer in the people records.');
    const visible = canSeeOfficer(viewer, { personId: officer.id, unitId: officer.unitId }, tree, force.id);
    if (!visible.allowed) return refusal(asker.role, visible.reason);
    target = { kind: 'officer', officer };
  } else {
    const unit = query.scope.kind === 'force' ? force : unitsById.get(query.scope.unitId);
    if (!unit) return refusal(asker.role, "That unit is not one I know: it may have been renamed or closed.");
    const visible = canSeeUnit(viewer, unit.id, tree, force.id);
    if (!visible.allowed) return refusal(asker.role, visible.reason);
    target = { kind: 'unit', unit };
  }

  // Another person's officer: only the cases inside the asker's scope, and a count of those left out.
  const cases: OfficerCases = target.kind === 'officer' ? officerCasesFor(asker, target.officer, tree, force.id) : { kind: 'all' };
  if (intent.kind === 'my_items') return itemsAnswer(deps, asker, target, cases, force.id, now);

  if (intent.kind === 'trend') {
    const rows: (FigureLine & { periodLabel: string; at: string })[] = [];
    let leftOutAtEnd = 0;
    for (const end of monthEnds(intent.months > 0 ? intent.months : DEFAULT_TREND_MONTHS, now, tz)) {
      let line: FigureLine;
      if (target.kind === 'officer') {
        const seen = await officerFiguresAsSeen(deps.queries, target.officer.id, end.at, cases);
        leftOutAtEnd = seen.leftOut;
        line = officerLine(seen.figures, query.metric, deps.policy);
      } else {
        line = unitLine(await deps.queries.figures(target.unit.id, end.at), query.metric, deps.policy);
      }
      rows.push({ ...line, periodLabel: end.label, at: end.at.toISOString() });
    }
    const headline = withNote(trendHeadline(rows, query.metric, dateLabel(now, tz)), victimsNotCountedText(leftOutAtEnd));
    return { kind: 'trend', metric: query.metric, headline, rows };
  }

  const period = resolvePeriod(query.period, now, tz);
  const atLabel = dateLabel(period.snapshotAt, tz);

  if (target.kind === 'officer' && intent.kind !== 'figure') {
    // Lists rank other people: an officer asking "who has the most overdue updates" sees only their own.
    if (target.officer.id === asker.id && asker.role === 'officer') {
      return refusal(asker.role, 'As an officer you can see your own items and figures only, not a list of other officers or teams.');
    }
    // "compare PC Shah": one officer has no list below them, so their figure answers it.
  }

  if (intent.kind === 'figure' || target.kind === 'officer') {
    const read = (at: Date) => target.kind === 'officer'
      ? officerFiguresAsSeen(deps.queries, target.officer.id, at, cases)
      : deps.queries.figures(target.unit.id, at).then((figures) => ({ figures, leftOut: 0 }));
    const [{ figures: current, leftOut }, { figures: previous }] = await Promise.all([read(period.snapshotAt), read(period.previousSnapshotAt)]);
    const currentLine = lineOf(current, query.metric, deps.policy);
    const previousLine = lineOf(previous, query.metric, deps.policy);
    return {
      kind: 'figure',
      metric: query.metric,
      headline: withNote(headlineOf(currentLine, query.metric, atLabel), victimsNotCountedText(leftOut)),
      current: { ...currentLine, at: period.snapshotAt.toISOString(), atLabel },
      breakdown: {
        needsAssessment: current.needsAssessment,
        updates: current.updates,
        overall: { compliant: current.compliant, total: current.total, rate: current.rate },
      },
      previous: {
        ...previousLine,
        at: period.previousSnapshotAt.toISOString(),
        atLabel: dateLabel(period.previousSnapshotAt, tz),
        change: changeOf(currentLine.rate, previousLine.rate),
      },
      drillDown: figureDrillDown(target, query),
    };
  }

  // Lists: compare the children, rank, below target, most in breach. Always within the scope unit.
  const scopeUnit = target.unit;
  const metric = query.metric;
  let rows: FigureLine[];
  let rowNoun: RowNoun;
  if (scopeUnit.kind === 'team') {
    // A team's "children" are its officers (the OICs of its live cases).
    const breakdown = await deps.queries.breakdown(scopeUnit.id, period.snapshotAt);
    rows = breakdown.officers.map((o) => officerLine(o, metric, deps.policy));
    rowNoun = 'officer';
  } else if (intent.kind === 'compare_children' && intent.among !== 'teams') {
    const breakdown = await deps.queries.breakdown(scopeUnit.id, period.snapshotAt);
    rows = breakdown.children.map((f) => unitLine(f, metric, deps.policy));
    rowNoun = nounOf(breakdown.children.map((c) => c.unit));
  } else {
    // Rankings and "below" lists hold the teams of the scope, or its commands when the question named them.
    const among = 'among' in intent && intent.among === 'commands' ? 'commands' : 'teams';
    const listed = units.filter((u) => u.id !== scopeUnit.id && tree.isWithin(u.id, scopeUnit.id) && (among === 'teams' ? u.kind === 'team' : u.kind === 'command' || u.kind === 'department'));
    rows = (await deps.queries.figuresForUnits(listed.map((u) => u.id), period.snapshotAt)).map((f) => unitLine(f, metric, deps.policy));
    rowNoun = nounOf(listed);
  }
  return rankingAnswer(intent, rows, rowNoun, query, scopeUnit, period.snapshotAt, atLabel, deps.policy);
}

async function itemsAnswer(
  deps: AnswerDeps,
  asker: Person,
  target: { kind: 'unit'; unit: UnitNode } | { kind: 'officer'; officer: Person },
  cases: OfficerCases,
  forceId: string,
  now: Date,
): Promise<Answer> {
  // Items are what is overdue or due now: a period does not apply to them.
  const atLabel = dateLabel(now, deps.policy.timeZone);
  if (target.kind === 'officer') {
    // Their own: the whole force filtered by OIC (their cases may sit with another team). Someone else's:
    // only those inside the asker's scope, the rest counted.
    const { digest, leftOut } = await officerItemsAsSeen(deps.queries, target.officer.id, now, cases, forceId);
    const whose = target.officer.id === asker.id ? 'Your items' : `${target.officer.name}'s items`;
    const headline = withNote(`${whose}: ${itemCounts(digest)} — at ${atLabel}`, itemsNotShownText(leftOut));
    return { kind: 'items', headline, view: { kind: 'officer', officerId: target.officer.id }, digest };
  }
  const digest = await deps.queries.digest(target.unit.id, now);
  return { kind: 'items', headline: `${target.unit.name} items: ${itemCounts(digest)} — at ${atLabel}`, view: { kind: 'team', unitId: target.unit.id }, digest };
}

/** "… — at 20 Nov 2026 (3 items in other teams are not shown)". */
function withNote(headline: string, note: string | null): string {
  return note === null ? headline : `${headline} (${note})`;
}

function itemCounts(digest: UnitDigest): string {
  const breaches = digest.items.filter((i) => i.kind === 'update_overdue' || i.kind === 'needs_assessment_missing').length;
  return `${breaches} overdue, ${digest.items.length - breaches} due soon`;
}

function rankingAnswer(
  intent: Query['intent'],
  all: FigureLine[],
  rowNoun: RowNoun,
  query: Query,
  scopeUnit: UnitNode,
  at: Date,
  atLabel: string,
  policy: Policy,
): Answer {
  const byRateAscending = (a: FigureLine, b: FigureLine) =>
    (a.rate ?? 101) - (b.rate ?? 101) || a.label.localeCompare(b.label, 'en', { numeric: true });
  const words = METRIC_WORDS[query.metric];
  const plural = `${rowNoun}s`;
  const answer = (headline: string, rows: FigureLine[], metric: Metric = query.metric): Answer => ({
    kind: 'ranking',
    metric,
    headline,
    at: at.toISOString(),
    atLabel,
    rowNoun,
    rows,
    drillDown: rowDrillDown(rows, { ...query, metric }),
  });
  switch (intent.kind) {
    case 'below_target': {
      const threshold = intent.threshold ?? policy.targetRate;
      const rows = all.filter((r) => r.rate !== null && r.rate < threshold).sort(byRateAscending);
      const headline = rows.length === 0
        ? `No ${rowNoun} in ${scopeUnit.name} is below ${threshold.toFixed(1)}% ${words} — ${all.length} ${all.length === 1 ? rowNoun : plural} checked — at ${atLabel}`
        : `${rows.length} of ${all.length} ${plural} in ${scopeUnit.name} ${rows.length === 1 ? 'is' : 'are'} below ${threshold.toFixed(1)}% ${words} — at ${atLabel}`;
      return answer(headline, rows);
    }
    case 'rank': {
      const byLabel = (a: FigureLine, b: FigureLine) => a.label.localeCompare(b.label, 'en', { numeric: true });
      const withRate = all
        .filter((r) => r.rate !== null)
        .sort((a, b) => (intent.order === 'best' ? (b.rate as number) - (a.rate as number) : (a.rate as number) - (b.rate as number)) || byLabel(a, b));
      // Every unit is named: those with no live cases come last, without a rate.
      const rows = [...withRate, ...all.filter((r) => r.rate === null)];
      const top = withRate[0];
      const tied = top ? withRate.filter((r) => r.rate === top.rate) : [];
      const which = intent.order === 'best' ? 'Best' : 'Lowest';
      const headline = !top
        ? `No live cases in ${scopeUnit.name} — at ${atLabel}`
        : tied.length === 1
          ? `${which} in ${scopeUnit.name}: ${top.label} at ${rateText(top.rate)} ${words} — ${top.compliant} of ${top.total} victims — at ${atLabel}`
          : `${which} in ${scopeUnit.name}: ${tied.length} ${plural} at ${rateText(top.rate)} ${words} — ${tied.map((r) => `${r.label} (${r.compliant} of ${r.total} victims)`).join('; ')} — at ${atLabel}`;
      return answer(headline, rows);
    }
    case 'most': {
      const metric = metricOfMost(intent.of);
      const rows = [...all].sort((a, b) => b.inBreach - a.inBreach || a.label.localeCompare(b.label, 'en', { numeric: true }));
      const what = intent.of === 'overdue_updates' ? 'overdue updates' : 'missing needs assessments';
      const top = rows[0];
      // Ties are all named: picking one of them would be a guess.
      const tied = top ? rows.filter((r) => r.inBreach === top.inBreach) : [];
      const withFigures = (r: FigureLine) => `${rateText(r.rate)} ${METRIC_WORDS[metric]}, ${r.compliant} of ${r.total} victims`;
      const headline = !top || top.inBreach === 0
        ? `No ${what} in ${scopeUnit.name} — at ${atLabel}`
        : tied.length === 1
          ? `Most ${what} in ${scopeUnit.name}: ${top.label} with ${top.inBreach} — ${withFigures(top)} — at ${atLabel}`
          : `Most ${what} in ${scopeUnit.name}: ${tied.length} ${plural} with ${top.inBreach} each — ${tied.map((r) => `${r.label} (${withFigures(r)})`).join('; ')} — at ${atLabel}`;
      return answer(headline, rows, metric);
    }
    default: {
      const rows = [...all].sort((a, b) => a.label.localeCompare(b.label, 'en', { numeric: true }));
      return answer(`${scopeUnit.name}: ${words} by ${rowNoun} — at ${atLabel}`, rows);
    }
  }
}

function nounOf(units: readonly { kind: string }[]): RowNoun {
  if (units.length > 0 && units.every((u) => u.kind === 'team')) return 'team';
  if (units.length > 0 && units.every((u) => u.kind === 'command')) return 'command';
  return 'unit';
}

function metricOfMost(of: 'overdue_updates' | 'missing_needs_assessments'): Metric {
  return of === 'overdue_updates' ? 'updates' : 'needs_assessment';
}

function ratioOf(figures: Pick<UnitFigures, 'compliant' | 'total' | 'rate' | 'needsAssessment' | 'updates'>, metric: Metric): Ratio {
  if (metric === 'needs_assessment') return figures.needsAssessment;
  if (metric === 'updates') return figures.updates;
  return { compliant: figures.compliant, total: figures.total, rate: figures.rate };
}

function lineOf(figures: UnitFigures | OfficerFigures, metric: Metric, policy: Policy): FigureLine {
  return 'officer' in figures ? officerLine(figures, metric, policy) : unitLine(figures, metric, policy);
}

function unitLine(figures: UnitFigures, metric: Metric, policy: Policy): FigureLine {
  const ratio = ratioOf(figures, metric);
  return { label: figures.unit.name, unitId: figures.unit.id, officerId: null, ...ratio, inBreach: ratio.total - ratio.compliant, rag: ragFor(ratio.rate, policy) };
}

function officerLine(figures: OfficerFigures, metric: Metric, policy: Policy): FigureLine {
  const ratio = ratioOf(figures, metric);
  return { label: figures.officer.name, unitId: null, officerId: figures.officer.id, ...ratio, inBreach: ratio.total - ratio.compliant, rag: ragFor(ratio.rate, policy) };
}

/** Percentage points, one decimal; null when either side had no live victims. */
function changeOf(current: number | null, previous: number | null): number | null {
  if (current === null || previous === null) return null;
  // Rates have one decimal: work in tenths so 87.5 - 85.4 is 2.1, not 2.0999999999999943.
  return (Math.round(current * 10) - Math.round(previous * 10)) / 10;
}

export function rateText(rate: number | null): string {
  return rate === null ? 'no live cases' : `${rate.toFixed(1)}%`;
}

/** "North Team 3: 87.5% fully compliant — 35 of 40 victims — at 20 Nov 2026" */
export function headlineOf(line: FigureLine, metric: Metric, atLabel: string): string {
  if (line.rate === null) return `${line.label}: no live cases — at ${atLabel}`;
  const breaches = metric === 'updates' ? `, ${line.inBreach} overdue an update` : metric === 'needs_assessment' ? `, ${line.inBreach} missing` : '';
  return `${line.label}: ${rateText(line.rate)} ${METRIC_WORDS[metric]} — ${line.compliant} of ${line.total} victims${breaches} — at ${atLabel}`;
}

/** The latest figure with its counts, then where the trend started. */
function trendHeadline(rows: (FigureLine & { periodLabel: string })[], metric: Metric, nowLabel: string): string {
  const first = rows[0];
  const last = rows[rows.length - 1];
  if (!first || !last) return '';
  const latest = headlineOf(last, metric, nowLabel);
  return `${latest}; ${rows.length}-month trend from ${rateText(first.rate)} at the end of ${first.periodLabel}`;
}

function dateLabel(instant: Date, timeZone: string): string {
  return format(new TZDate(`${localDateOf(instant, timeZone)}T12:00:00`, timeZone), 'd MMM yyyy');
}

function viewerOf(person: Person): Viewer {
  return { personId: person.id, role: person.role, unitId: person.unitId };
}

function refusal(role: Role, reason: string): Answer {
  return { kind: 'refusal', reason, hint: REFUSAL_HINTS[role] };
}

const REFUSAL_HINTS: Record<Role, string> = {
  officer: 'Try "my overdue updates" or "my compliance this month".',
  supervisor: `Ask about your own team, e.g. "my team's compliance this month".`,
  inspector: 'Ask about your own command or one of its teams, e.g. "compare my teams".',
  senior: 'Ask about a unit of this force, e.g. "force compliance this month".',
  admin: 'Ask a supervisor, inspector or senior lead for figures.',
};

/** Children, officers and items of what was just answered, as buttons that ask those queries. */
function figureDrillDown(target: { kind: 'unit'; unit: UnitNode } | { kind: 'officer'; officer: Person }, query: Query): QueryButton[] {
  const trend: Query = { ...query, intent: { kind: 'trend', months: DEFAULT_TREND_MONTHS }, period: { kind: 'now' } };
  if (target.kind === 'officer') {
    return [
      { label: 'Show the items', query: { ...query, intent: { kind: 'my_items' }, period: { kind: 'now' } } },
      { label: 'Last 6 months', query: trend },
    ];
  }
  const unit = target.unit;
  const scope: Scope = unit.kind === 'force' ? { kind: 'force' } : { kind: 'unit', unitId: unit.id };
  const base = { metric: query.metric, scope, period: query.period };
  if (unit.kind === 'team') {
    return [
      { label: 'By officer', query: { ...base, intent: { kind: 'compare_children' } } },
      { label: 'Show the items', query: { ...base, intent: { kind: 'my_items' }, period: { kind: 'now' } } },
      { label: 'Last 6 months', query: { ...trend, scope } },
    ];
  }
  return [
    { label: unit.kind === 'force' ? 'By command' : 'By team', query: { ...base, intent: { kind: 'compare_children' } } },
    { label: 'Teams below target', query: { ...base, intent: { kind: 'below_target', threshold: null } } },
    { label: 'Last 6 months', query: { ...trend, scope } },
  ];
}

/** Each listed unit or officer (the first few: Teams shows few buttons) opens its own figure. */
function rowDrillDown(rows: FigureLine[], query: Query): QueryButton[] {
  return rows.slice(0, MAX_DRILL_DOWN_ROWS).flatMap((row): QueryButton[] => {
    const scope: Scope | null = row.officerId !== null ? { kind: 'officer', personId: row.officerId } : row.unitId !== null ? { kind: 'unit', unitId: row.unitId } : null;
    return scope ? [{ label: row.label, query: { intent: { kind: 'figure' }, metric: query.metric, scope, period: query.period } }] : [];
  });
}
