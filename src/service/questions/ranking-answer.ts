import type { Policy } from '../../domain/policy.js';
import type { Intent, Metric, Query } from '../../domain/questions/index.js';
import type { UnitTree } from '../../domain/visibility.js';
import { METRIC_WORDS, changeText, dateLabel, percentText, rateText, victimCountText } from '../../domain/wording.js';
import type { ComplianceQueries, UnitNode } from '../compliance-queries.js';
import type { BareAnswer, FigureLine, RowNoun } from './answer-types.js';
import { rowDrillDown } from './drill-down.js';
import type { Snapshot } from './figure-answer.js';
import { changeOf, officerLine, unitLine, type RagPolicy } from './figure-lines.js';
import { unitFiguresFor, type MetricQueries } from './metric-figures.js';

/**
 * Lists, always within the scope unit: compare its children, rank them, those below target, the most in
 * breach. A team's rows are its officers; every other list holds units, each with its rate and counts.
 */

export interface RankingDeps {
  queries: Pick<ComplianceQueries, 'breakdown'> & MetricQueries;
  policy: RagPolicy & Pick<Policy, 'timeZone'>;
}

/** The intents answered with a list. */
export type ListIntent = Extract<Intent, { kind: 'compare_children' | 'below_target' | 'rank' | 'most' }>;

/** `units`, `tree`: the force's units, from which the teams or commands of the scope are listed. */
export async function rankingAnswer(
  deps: RankingDeps,
  intent: ListIntent,
  query: Query,
  scopeUnit: UnitNode,
  force: { units: readonly UnitNode[]; tree: UnitTree },
  snapshot: Snapshot,
): Promise<BareAnswer<'ranking'>> {
  const listed = await listRows(deps, intent, query.metric, scopeUnit, force, snapshot.period.snapshotAt);
  // "Compare South Team 1 and South Team 2", "Imran vs Amara": the named units or officers only (ids the card
  // sent are only ever a filter).
  const only = intent.only === undefined ? null : new Set(intent.only);
  const left = new Set(query.except ?? []);
  const rows = listed.rows.filter((row) => {
    const id = row.unitId ?? row.officerId;
    return (only === null || (id !== null && only.has(id))) && (row.unitId === null || !left.has(row.unitId));
  });
  if (intent.kind === 'compare_children' && intent.change !== undefined) {
    const before = await listRows(deps, intent, query.metric, scopeUnit, force, snapshot.period.previousSnapshotAt);
    const since = `since ${dateLabel(snapshot.period.previousSnapshotAt, deps.policy.timeZone)}`;
    return changedAnswer(intent.change, { now: rows, before: before.rows, since }, listed.rowNoun, query, scopeUnit, snapshot);
  }
  return rankedAnswer(intent, rows, listed.rowNoun, query, scopeUnit, snapshot.period.snapshotAt, snapshot.atLabel, deps.policy.targetRate);
}

/**
 * "Which of my teams slipped since September": the rows whose rate fell (or rose) between the period's
 * previous snapshot and its own, most changed first; rows with no live cases at either end are left out.
 */
function changedAnswer(
  direction: 'down' | 'up',
  { now, before, since }: { now: FigureLine[]; before: FigureLine[]; since: string },
  rowNoun: RowNoun,
  query: Query,
  scopeUnit: UnitNode,
  { period, atLabel }: Snapshot,
): BareAnswer<'ranking'> {
  const keyOf = (row: FigureLine) => row.unitId ?? row.officerId ?? row.label;
  const earlier = new Map(before.map((row) => [keyOf(row), row]));
  const moved = now
    .map((row) => ({ row, change: changeOf(row.rate, earlier.get(keyOf(row))?.rate ?? null) }))
    .filter(
      (entry): entry is { row: FigureLine; change: number } =>
        entry.change !== null && (direction === 'down' ? entry.change < 0 : entry.change > 0),
    )
    .sort((a, b) => (direction === 'down' ? a.change - b.change : b.change - a.change) || a.row.label.localeCompare(b.row.label));
  const verb = direction === 'down' ? 'slipped' : 'improved';
  const plural = moved.length === 1 ? rowNoun : `${rowNoun}s`;
  const each = moved.map(({ row, change }) => `${row.label} ${changeText(change)} to ${rateText(row.rate)}`);
  const headline =
    moved.length === 0
      ? `No ${rowNoun} in ${scopeUnit.name} ${verb} on ${METRIC_WORDS[query.metric]} ${since} — ${now.length} checked — at ${atLabel}`
      : `${moved.length} of ${now.length} ${plural} in ${scopeUnit.name} ${verb} on ${METRIC_WORDS[query.metric]} ${since}: ` +
        `${each.join('; ')} — at ${atLabel}`;
  return {
    kind: 'ranking',
    metric: query.metric,
    headline,
    at: period.snapshotAt.toISOString(),
    atLabel,
    rowNoun,
    rows: moved.map(({ row }) => row),
    drillDown: rowDrillDown(
      moved.map(({ row }) => row),
      query,
    ),
  };
}

async function listRows(
  deps: RankingDeps,
  intent: ListIntent,
  metric: Metric,
  scopeUnit: UnitNode,
  { units, tree }: { units: readonly UnitNode[]; tree: UnitTree },
  at: Date,
): Promise<{ rows: FigureLine[]; rowNoun: RowNoun }> {
  if (scopeUnit.kind === 'team') {
    // A team's "children" are its officers (the OICs of its live cases).
    const breakdown = await deps.queries.breakdown(scopeUnit.id, at);
    return { rows: breakdown.officers.map((o) => officerLine(o, metric, deps.policy)), rowNoun: 'officer' };
  }
  if (intent.kind === 'compare_children' && intent.among !== 'teams') {
    // The scope's children by name, as the breakdown lists them.
    const children = units
      .filter((unit) => unit.parentId === scopeUnit.id)
      .sort((a, b) => a.name.localeCompare(b.name, 'en', { numeric: true }));
    return {
      rows: (
        await unitFiguresFor(
          deps.queries,
          children.map((c) => c.id),
          at,
          metric,
        )
      ).map((f) => unitLine(f, metric, deps.policy)),
      rowNoun: nounOf(children),
    };
  }
  // Rankings and "below" lists hold the teams of the scope, or its commands when the question named them.
  const among = intent.among === 'commands' ? 'commands' : 'teams';
  const listed = units.filter(
    (u) =>
      u.id !== scopeUnit.id &&
      tree.isWithin(u.id, scopeUnit.id) &&
      (among === 'teams' ? u.kind === 'team' : u.kind === 'command' || u.kind === 'department'),
  );
  const rows = (
    await unitFiguresFor(
      deps.queries,
      listed.map((u) => u.id),
      at,
      metric,
    )
  ).map((f) => unitLine(f, metric, deps.policy));
  return { rows, rowNoun: nounOf(listed) };
}

function rankedAnswer(
  intent: ListIntent,
  all: FigureLine[],
  rowNoun: RowNoun,
  query: Query,
  scopeUnit: UnitNode,
  at: Date,
  atLabel: string,
  targetRate: number,
): BareAnswer<'ranking'> {
  const byLabel = (a: FigureLine, b: FigureLine) => a.label.localeCompare(b.label, 'en', { numeric: true });
  const byRateAscending = (a: FigureLine, b: FigureLine) => (a.rate ?? 101) - (b.rate ?? 101) || byLabel(a, b);
  const words = METRIC_WORDS[query.metric];
  const plural = `${rowNoun}s`;
  const answer = (headline: string, rows: FigureLine[], metric: Metric = query.metric): BareAnswer<'ranking'> => ({
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
      const threshold = intent.threshold ?? targetRate;
      const rows = all.filter((r) => r.rate !== null && r.rate < threshold).sort(byRateAscending);
      const headline =
        rows.length === 0
          ? `No ${rowNoun} in ${scopeUnit.name} is below ${percentText(threshold)} ${words} — ${all.length} ` +
            `${all.length === 1 ? rowNoun : plural} checked — at ${atLabel}`
          : `${rows.length} of ${all.length} ${plural} in ${scopeUnit.name} ${rows.length === 1 ? 'is' : 'are'} ` +
            `below ${percentText(threshold)} ${words} — at ${atLabel}`;
      return answer(headline, rows);
    }
    case 'rank': {
      const withRate = all
        .filter((r) => r.rate !== null)
        .sort(
          (a, b) =>
            (intent.order === 'best' ? (b.rate as number) - (a.rate as number) : (a.rate as number) - (b.rate as number)) || byLabel(a, b),
        );
      // Every unit is named: those with no live cases come last, without a rate. "Bottom 5": the first five.
      const ranked = [...withRate, ...all.filter((r) => r.rate === null)];
      const rows = intent.limit === undefined ? ranked : ranked.slice(0, intent.limit);
      const top = withRate[0];
      const tied = top ? withRate.filter((r) => r.rate === top.rate) : [];
      const which = intent.order === 'best' ? 'Best' : 'Lowest';
      const headline = !top
        ? `No live cases in ${scopeUnit.name} — at ${atLabel}`
        : tied.length === 1
          ? `${which} in ${scopeUnit.name}: ${top.label} at ${rateText(top.rate)} ${words} — ` +
            `${victimCountText(top.compliant, top.total)} — at ${atLabel}`
          : `${which} in ${scopeUnit.name}: ${tied.length} ${plural} at ${rateText(top.rate)} ${words} — ` +
            `${tied.map((r) => `${r.label} (${victimCountText(r.compliant, r.total)})`).join('; ')} — at ` +
            `${atLabel}`;
      return answer(headline, rows);
    }
    case 'most': {
      const metric = metricOfMost(intent.of);
      const rows = [...all].sort((a, b) => b.inBreach - a.inBreach || byLabel(a, b));
      const what = intent.of === 'overdue_updates' ? 'overdue updates' : 'missing needs assessments';
      const top = rows[0];
      // Ties are all named: picking one of them would be a guess.
      const tied = top ? rows.filter((r) => r.inBreach === top.inBreach) : [];
      const withFigures = (r: FigureLine) => `${rateText(r.rate)} ${METRIC_WORDS[metric]}, ${victimCountText(r.compliant, r.total)}`;
      const headline =
        !top || top.inBreach === 0
          ? `No ${what} in ${scopeUnit.name} — at ${atLabel}`
          : tied.length === 1
            ? `Most ${what} in ${scopeUnit.name}: ${top.label} with ${top.inBreach} — ${withFigures(top)} — at ${atLabel}`
            : `Most ${what} in ${scopeUnit.name}: ${tied.length} ${plural} with ${top.inBreach} each — ` +
              `${tied.map((r) => `${r.label} (${withFigures(r)})`).join('; ')} — at ${atLabel}`;
      return answer(headline, rows, metric);
    }
    case 'compare_children': {
      const rows = [...all].sort(byLabel);
      if (intent.rag !== undefined) {
        const rated = rows.filter((row) => row.rag === intent.rag);
        const plural = rated.length === 1 ? rowNoun : `${rowNoun}s`;
        return answer(
          `${rated.length} of ${all.length} ${plural} in ${scopeUnit.name} rated ${intent.rag} on ${words} — at ${atLabel}`,
          rated,
        );
      }
      if (intent.only !== undefined) {
        const named = rows.map((row) => `${row.label} ${rateText(row.rate)} (${victimCountText(row.compliant, row.total)})`);
        return answer(`${words}: ${named.join(' · ')} — at ${atLabel}`, rows);
      }
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
