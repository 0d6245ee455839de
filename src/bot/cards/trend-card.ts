import type { Rag } from '../../domain/types.js';
import { compactFigureText, percentText } from '../../domain/wording.js';
import type { AdaptiveCard } from './adaptive-card.js';
import { capitalise, ragTextColor } from './card-text.js';
import { expandTemplate } from './expand-template.js';

export interface TrendRow {
  /** e.g. "Oct 2026". */
  periodLabel: string;
  rate: number | null;
  compliant: number;
  total: number;
  rag: Rag | null;
}

/** "Trend for CID over the last 6 months": one row per period, oldest first. */
export interface TrendCardData {
  headline: string;
  /** What the rate counts, e.g. "fully compliant". */
  metricLabel: string;
  rows: TrendRow[];
  targetRate?: number;
}

const BAR_WIDTH = 20;

export function renderTrendCard(data: TrendCardData): AdaptiveCard {
  const floor = barFloor(data.rows.map((row) => row.rate));
  return expandTemplate('trend', {
    headline: data.headline,
    subtitle: `${capitalise(data.metricLabel)}, at the end of each month`,
    rows: data.rows.map((row) => ({
      period: row.periodLabel,
      bar: textBar(row.rate, floor),
      color: ragTextColor(row.rag),
      figure: compactFigureText(row.rate, row.compliant, row.total),
    })),
    scaleText: `Bars run from ${floor}% to 100%.${data.targetRate !== undefined ? ` Target ${percentText(data.targetRate)}.` : ''}`,
  });
}

/**
 * Where the bars start: 10 points under the lowest rate, on a multiple of 10. Rates of a unit move a
 * few points from month to month, which bars from 0% would hide; the card says where the scale starts.
 */
export function barFloor(rates: readonly (number | null)[]): number {
  const known = rates.filter((rate): rate is number => rate !== null);
  if (known.length === 0) return 0;
  return Math.max(0, Math.floor(Math.min(...known) / 10) * 10 - 10);
}

/** A bar of block characters: renders the same in every Teams client, unlike images or colour blocks. */
export function textBar(rate: number | null, floor = 0): string {
  if (rate === null) return '·'.repeat(BAR_WIDTH);
  const share = (Math.min(100, Math.max(floor, rate)) - floor) / (100 - floor);
  const filled = Math.round(share * BAR_WIDTH);
  return '█'.repeat(filled) + '░'.repeat(BAR_WIDTH - filled);
}
