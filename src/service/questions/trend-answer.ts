import type { Policy } from '../../domain/policy.js';
import { monthEnds } from '../../domain/periods.js';
import type { Metric, Query } from '../../domain/questions/index.js';
import { dateLabel, metricHeadline, rateText, withNote } from '../../domain/wording.js';
import { officerFiguresAsSeen, victimsNotCountedText, type OfficerCases, type OfficerQueries } from '../officer-view.js';
import type { AnswerOf, BareAnswer, FigureLine } from './answer-types.js';
import { officerLine, unitLine, type RagPolicy } from './figure-lines.js';
import { unitFiguresFor, type MetricQueries } from './metric-figures.js';
import type { Target } from './scope-checks.js';

/** "Last 6 months": the figure at the end of each month, oldest first, the current month so far last. */

export interface TrendDeps {
  queries: OfficerQueries & MetricQueries;
  policy: RagPolicy & Pick<Policy, 'timeZone'>;
}

type TrendRow = AnswerOf<'trend'>['rows'][number];

/** A trend of no stated length covers this many months. */
const DEFAULT_TREND_MONTHS = 6;

/** `cases`: which of an officer's cases the asker sees (officer-view.ts); the victims left out are counted in the headline. */
export async function trendAnswer(
  deps: TrendDeps,
  target: Target,
  cases: OfficerCases,
  query: Query,
  months: number,
  now: Date,
  through?: { year: number; month: number },
): Promise<BareAnswer<'trend'>> {
  const tz = deps.policy.timeZone;
  const rows: TrendRow[] = [];
  let leftOutAtEnd = 0;
  for (const end of monthEnds(months > 0 ? months : DEFAULT_TREND_MONTHS, now, tz, through)) {
    let line: FigureLine;
    if (target.kind === 'officer') {
      const seen = await officerFiguresAsSeen(deps.queries, target.officer.id, end.at, cases);
      leftOutAtEnd = seen.leftOut;
      line = officerLine(seen.figures, query.metric, deps.policy);
    } else {
      const [figures] = await unitFiguresFor(deps.queries, [target.unit.id], end.at, query.metric);
      line = unitLine(figures!, query.metric, deps.policy);
    }
    rows.push({ ...line, periodLabel: end.label, at: end.at.toISOString() });
  }
  // The last month-end's date: now, or the end of the last month asked about ("June to August").
  const lastAt = rows.at(-1)?.at;
  const headline = withNote(
    trendHeadline(rows, query.metric, dateLabel(lastAt === undefined ? now : new Date(lastAt), tz)),
    victimsNotCountedText(leftOutAtEnd),
  );
  return { kind: 'trend', metric: query.metric, headline, rows };
}

/** The latest figure with its counts, then where the trend started. */
function trendHeadline(rows: TrendRow[], metric: Metric, nowLabel: string): string {
  const first = rows[0];
  const last = rows[rows.length - 1];
  if (!first || !last) return '';
  const latest = metricHeadline(last.label, last, metric, nowLabel);
  return `${latest}; ${rows.length}-month trend from ${rateText(first.rate)} at the end of ${first.periodLabel}`;
}
