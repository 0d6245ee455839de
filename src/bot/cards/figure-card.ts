import type { Rag, Ratio } from '../../domain/types.js';
import { changeText, figureText, percentText, rateText, victimCountText } from '../../domain/wording.js';
import type { AdaptiveCard, QuestionButton } from './adaptive-card.js';
import { capitalise, ragContainerStyle, ragLabel, ragTextColor } from './card-text.js';
import { expandTemplate } from './expand-template.js';
import { questionButtonViews } from './question-buttons.js';

/** A figure at one instant: the metric's rate with the counts behind it. */
export interface FigurePoint {
  /** e.g. "20 Nov 2026". */
  atText: string;
  rate: number | null;
  compliant: number;
  total: number;
}

/** The answer to "my team's compliance this month" and the like. */
export interface FigureCardData {
  /** e.g. "North Team 3: 87.5% fully compliant — 35 of 40 victims — at 20 Nov 2026" (shown as text). */
  headline: string;
  rag: Rag | null;
  /** What the rate counts, e.g. "fully compliant", "needs assessments done", "updated on time". */
  metricLabel: string;
  current: FigurePoint;
  /** The same figure at the end of the previous period; `change` in percentage points (null when either had no cases). */
  previous?: (FigurePoint & { change: number | null }) | null;
  /** All three ratios at the current instant, for context. */
  breakdown: { overall: Ratio; needsAssessment: Ratio; updates: Ratio };
  /** The policy's target, e.g. 90, shown under the figures. */
  targetRate?: number;
  /** Drill-down buttons, e.g. "Compare the teams", "By officer", "Show the items". */
  drillDown: QuestionButton[];
}

export function renderFigureCard(data: FigureCardData): AdaptiveCard {
  const previous = data.previous ?? null;
  const change = previous ? changeText(previous.change) : null;
  return expandTemplate('figure', {
    headline: data.headline,
    ragStyle: ragContainerStyle(data.rag),
    ragColor: ragTextColor(data.rag),
    ragLabel: ragLabel(data.rag),
    currentLabel: `${capitalise(data.metricLabel)} at ${data.current.atText}`,
    currentRate: rateText(data.current.rate),
    currentCounts: victimCountText(data.current.compliant, data.current.total),
    hasPrevious: previous !== null,
    previousLabel: previous ? `Previously, at ${previous.atText}` : '',
    previousRate: previous ? rateText(previous.rate) : '',
    changeText: previous ? `${change ?? 'no comparison'} vs ${previous.atText}` : '',
    changeColor: previous?.change ? (previous.change > 0 ? 'Good' : 'Attention') : 'Default',
    facts: [
      {
        title: 'Fully compliant',
        value: figureText(data.breakdown.overall.rate, data.breakdown.overall.compliant, data.breakdown.overall.total),
      },
      {
        title: 'Needs assessments done',
        value: figureText(
          data.breakdown.needsAssessment.rate,
          data.breakdown.needsAssessment.compliant,
          data.breakdown.needsAssessment.total,
        ),
      },
      {
        title: 'Updates on time',
        value: figureText(data.breakdown.updates.rate, data.breakdown.updates.compliant, data.breakdown.updates.total),
      },
    ],
    hasTarget: data.targetRate !== undefined,
    targetText: data.targetRate !== undefined ? `Target ${percentText(data.targetRate)}` : '',
    drillDown: questionButtonViews(data.drillDown),
  });
}
