import type { Ratio } from '../../domain/types.js';
import type { PerformanceReport, ReportMeasureId, ReportTrendPoint } from '../build-performance-report.js';
import { escapeMarkup } from './markup.js';

/**
 * The report's trend chart, drawn as inline SVG (no script, no external asset): one line per measure over
 * the last twelve month-ends, the fully compliant rate heaviest, the target and the AMBER floor as dashed
 * rules. Each line also differs by its dash, so it reads on a black-and-white print. A month with no
 * victims a duty applies to has no point, and the line breaks there. Pure.
 */

const WIDTH = 680;
const HEIGHT = 230;
const PLOT = { left: 40, right: 500, top: 12, bottom: 196 };

const TARGET_COLOUR = '#2e7d32';
const AMBER_COLOUR = '#c77700';

const STYLE: Record<ReportMeasureId, { colour: string; width: number; dash: string }> = {
  fullyCompliant: { colour: '#111111', width: 3, dash: '' },
  needsAssessment: { colour: '#1f5fa8', width: 1.6, dash: '' },
  updates: { colour: '#7b3fa0', width: 1.6, dash: '6 3' },
  referral: { colour: '#8a5a2b', width: 1.6, dash: '2 2' },
  writtenAcknowledgement: { colour: '#0f8a8a', width: 1.6, dash: '8 3 2 3' },
  decisionUpdates: { colour: '#c0307a', width: 1.6, dash: '4 4' },
};

export function trendChartSvg(report: Pick<PerformanceReport, 'trend' | 'measures' | 'policy'>): string {
  const { trend, measures, policy } = report;
  const amberFloor = Number((policy.targetRate - policy.amberMargin).toFixed(9));
  const rates = trend.flatMap((point) => measures.map((m) => ratioOf(point, m.id).rate)).filter((r): r is number => r !== null);
  const low = Math.min(amberFloor, ...rates);
  const yMin = Math.max(0, Math.floor((low - 5) / 10) * 10);
  const step = 100 - yMin > 50 ? 20 : 10;
  const y = (rate: number) => PLOT.bottom - ((rate - yMin) / (100 - yMin)) * (PLOT.bottom - PLOT.top);
  const x = (index: number) =>
    trend.length === 1 ? (PLOT.left + PLOT.right) / 2 : PLOT.left + (index * (PLOT.right - PLOT.left)) / (trend.length - 1);

  const parts: string[] = [];
  for (let tick = yMin; tick <= 100; tick += step) {
    parts.push(
      `<line x1="${PLOT.left}" x2="${PLOT.right}" y1="${n(y(tick))}" y2="${n(y(tick))}" stroke="#dddddd" stroke-width="0.6"/>`,
      `<text x="${PLOT.left - 4}" y="${n(y(tick) + 3)}" text-anchor="end" class="tick">${tick}%</text>`,
    );
  }
  trend.forEach((point, i) => {
    parts.push(`<text x="${n(x(i))}" y="${PLOT.bottom + 14}" text-anchor="middle" class="tick">${escapeMarkup(point.short)}</text>`);
  });
  parts.push(rule(y(policy.targetRate), TARGET_COLOUR));
  if (amberFloor > yMin) parts.push(rule(y(amberFloor), AMBER_COLOUR));

  // The heaviest line last, so it stays on top.
  const ordered = [...measures.filter((m) => m.id !== 'fullyCompliant'), ...measures.filter((m) => m.id === 'fullyCompliant')];
  for (const measure of ordered) {
    const style = STYLE[measure.id];
    const points = trend.map((point, i) => {
      const rate = ratioOf(point, measure.id).rate;
      return rate === null ? null : { x: x(i), y: y(rate) };
    });
    for (const run of runsOf(points)) {
      if (run.length > 1) {
        parts.push(
          `<polyline fill="none" stroke="${style.colour}" stroke-width="${style.width}"` +
            `${style.dash ? ` stroke-dasharray="${style.dash}"` : ''} points="${run.map((p) => `${n(p.x)},${n(p.y)}`).join(' ')}"/>`,
        );
      }
      for (const p of run) parts.push(`<circle cx="${n(p.x)}" cy="${n(p.y)}" r="${style.width + 0.8}" fill="${style.colour}"/>`);
    }
  }
  const legend = [
    ...measures.map((m) => ({ label: m.label, ...STYLE[m.id] })),
    { label: `Target ${policy.targetRate.toFixed(1)}%`, colour: TARGET_COLOUR, width: 1, dash: '5 3' },
    { label: `AMBER from ${amberFloor.toFixed(1)}%`, colour: AMBER_COLOUR, width: 1, dash: '5 3' },
  ];
  legend.forEach((entry, i) => {
    const top = PLOT.top + 6 + i * 18;
    parts.push(
      `<line x1="515" x2="545" y1="${top}" y2="${top}" stroke="${entry.colour}" stroke-width="${entry.width}"` +
        `${entry.dash ? ` stroke-dasharray="${entry.dash}"` : ''}/>`,
      `<text x="551" y="${top + 3.5}" class="legend">${escapeMarkup(entry.label)}</text>`,
    );
  });
  parts.push(
    `<line x1="${PLOT.left}" x2="${PLOT.left}" y1="${PLOT.top}" y2="${PLOT.bottom}" stroke="#888888" stroke-width="0.8"/>`,
    `<line x1="${PLOT.left}" x2="${PLOT.right}" y1="${PLOT.bottom}" y2="${PLOT.bottom}" stroke="#888888" stroke-width="0.8"/>`,
  );
  const title = `Trend of the last ${trend.length} month-ends: ${measures.map((m) => m.label).join(', ')}`;
  return (
    `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${WIDTH} ${HEIGHT}" role="img" aria-label="${escapeMarkup(title)}">` +
    `<title>${escapeMarkup(title)}</title>${parts.join('')}</svg>`
  );
}

function ratioOf(point: ReportTrendPoint, id: ReportMeasureId): Ratio {
  return id === 'fullyCompliant' ? point.fullyCompliant : point.obligations[id];
}

function rule(at: number, colour: string): string {
  const y = n(at);
  return `<line x1="${PLOT.left}" x2="${PLOT.right}" y1="${y}" y2="${y}" stroke="${colour}" stroke-width="1" stroke-dasharray="5 3"/>`;
}

/** Consecutive points with a value: a month without one breaks the line. */
function runsOf(points: ({ x: number; y: number } | null)[]): { x: number; y: number }[][] {
  const runs: { x: number; y: number }[][] = [];
  let run: { x: number; y: number }[] = [];
  for (const point of points) {
    if (point) run.push(point);
    else if (run.length > 0) {
      runs.push(run);
      run = [];
    }
  }
  if (run.length > 0) runs.push(run);
  return runs;
}

function n(value: number): string {
  return value.toFixed(1);
}
