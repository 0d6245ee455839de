import { withoutParts } from '../../domain/figures.js';
import type { Policy } from '../../domain/policy.js';
import type { ResolvedPeriod } from '../../domain/periods.js';
import type { Query } from '../../domain/questions/index.js';
import { countHeadline, dateLabel, metricHeadline, withNote } from '../../domain/wording.js';
import { officerFiguresAsSeen, victimsNotCountedText, type OfficerCases, type OfficerQueries } from '../officer-view.js';
import type { BareAnswer } from './answer-types.js';
import { figureDrillDown } from './drill-down.js';
import { changeOf, lineOf, type RagPolicy } from './figure-lines.js';
import { unitFiguresFor, type MetricQueries } from './metric-figures.js';
import type { Target } from './scope-checks.js';

/** "My team's compliance this month": the figure at the period's snapshot beside the previous period's. */

export interface FigureDeps {
  queries: OfficerQueries & MetricQueries;
  policy: RagPolicy & Pick<Policy, 'timeZone'>;
}

/** The period a figure or list is answered for, and its snapshot's date as said ("20 Nov 2026"). */
export interface Snapshot {
  period: ResolvedPeriod;
  atLabel: string;
}

/** `cases`: which of an officer's cases the asker sees (officer-view.ts); the victims left out are counted in the headline. */
export async function figureAnswer(
  deps: FigureDeps,
  target: Target,
  cases: OfficerCases,
  query: Query,
  { period, atLabel }: Snapshot,
): Promise<BareAnswer<'figure'>> {
  // "Excluding CID": the unit's figures less those of the units left out (answer-question.ts keeps only those within it).
  const leftOutUnits = target.kind === 'unit' ? (query.except ?? []) : [];
  const read = async (at: Date) => {
    if (target.kind === 'officer') return officerFiguresAsSeen(deps.queries, target.officer.id, at, cases);
    const [figures, ...parts] = await unitFiguresFor(deps.queries, [target.unit.id, ...leftOutUnits], at, query.metric);
    if (parts.length === 0) return { figures: figures!, leftOut: 0 };
    const name = `${figures!.unit.name} without ${parts.map((part) => part.unit.name).join(' and ')}`;
    return { figures: { ...withoutParts(figures!, parts), unit: { ...figures!.unit, name } }, leftOut: 0 };
  };
  const [{ figures: current, leftOut }, { figures: previous }] = await Promise.all([
    read(period.snapshotAt),
    read(period.previousSnapshotAt),
  ]);
  const currentLine = lineOf(current, query.metric, deps.policy);
  const previousLine = lineOf(previous, query.metric, deps.policy);
  return {
    kind: 'figure',
    metric: query.metric,
    headline: withNote(
      query.intent.kind === 'figure' && query.intent.count
        ? countHeadline(currentLine.label, currentLine, query.metric, atLabel)
        : metricHeadline(currentLine.label, currentLine, query.metric, atLabel),
      victimsNotCountedText(leftOut),
    ),
    current: { ...currentLine, at: period.snapshotAt.toISOString(), atLabel },
    breakdown: {
      needsAssessment: current.needsAssessment,
      updates: current.updates,
      overall: { compliant: current.compliant, total: current.total, rate: current.rate },
    },
    previous: {
      ...previousLine,
      at: period.previousSnapshotAt.toISOString(),
      atLabel: dateLabel(period.previousSnapshotAt, deps.policy.timeZone),
      change: changeOf(currentLine.rate, previousLine.rate),
    },
    drillDown: figureDrillDown(target, query),
  };
}
