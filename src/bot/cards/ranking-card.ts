import type { Rag } from '../../domain/types.js';
import { countText, percentText, rateText } from '../../domain/wording.js';
import type { AdaptiveCard, QuestionButton } from './adaptive-card.js';
import { fitRowCount } from './card-size.js';
import { capitalise, ragTextColor } from './card-text.js';
import { expandTemplate } from './expand-template.js';
import { questionButtonViews } from './question-buttons.js';

/** One unit or officer in a list answer. */
export interface RankingRow {
  /** The unit's or officer's name, e.g. "North Team 3" or "PC 2345 Patel". */
  label: string;
  rate: number | null;
  compliant: number;
  total: number;
  /** Victims in breach for the metric (overdue updates, missing assessments, or not fully compliant). */
  inBreach: number;
  rag: Rag | null;
}

/** Compare children, below target, best/worst, most overdue: every row with its rate and counts. */
export interface RankingCardData {
  /** e.g. "3 of 8 teams in North LPA are below 90.0% fully compliant — at 20 Nov 2026". */
  headline: string;
  /** What the rate counts, e.g. "fully compliant". */
  metricLabel: string;
  /** e.g. "20 Nov 2026". */
  atText: string;
  /** "team" / "unit" / "officer": names the first column. */
  rowNoun: string;
  /** Already in the order to show. */
  rows: RankingRow[];
  /** Says what the "in breach" column counts, e.g. "Overdue updates"; defaults to "In breach". */
  breachLabel?: string;
  targetRate?: number;
  drillDown?: QuestionButton[];
}

/** Renders every row that fits in a Teams message; the rest are counted in a line under the table. */
export function renderRankingCard(data: RankingCardData): AdaptiveCard {
  return fitRowCount(data.rows.length, (count) => expandTemplate('ranking', rankingView(data, count))).card;
}

function rankingView(data: RankingCardData, shownCount: number) {
  const hidden = data.rows.length - shownCount;
  return {
    headline: data.headline,
    subtitle: `${capitalise(data.metricLabel)}, at ${data.atText}`,
    hasRows: data.rows.length > 0,
    emptyText: `No ${data.rowNoun}s to list.`,
    nameHeading: capitalise(data.rowNoun),
    breachHeading: data.breachLabel ?? 'In breach',
    rows: data.rows.slice(0, shownCount).map((row) => ({
      name: row.label,
      rateText: rateText(row.rate),
      color: ragTextColor(row.rag),
      countsText: countText(row.compliant, row.total),
      breachText: String(row.inBreach),
    })),
    hasHidden: hidden > 0,
    hiddenText:
      `…and ${hidden} more ${hidden === 1 ? data.rowNoun : `${data.rowNoun}s`} not shown (too many for one ` +
      `Teams message). Ask about a smaller unit to see them.`,
    hasTarget: data.targetRate !== undefined,
    targetText:
      data.targetRate !== undefined
        ? `Target ${percentText(data.targetRate)}. Green at or above target, amber just below, red below that.`
        : '',
    drillDown: questionButtonViews(data.drillDown ?? []),
  };
}
