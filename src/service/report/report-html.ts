import type { Rag } from '../../domain/types.js';
import { asOfText, changeText, countText, percentText } from '../../domain/wording.js';
import type { PerformanceReport, ReportLine, ReportMeasureId, ReportUnit } from '../build-performance-report.js';
import { dipAuditsHtml } from './dip-audits-html.js';
import { escapeMarkup as e } from './markup.js';
import { trendChartSvg } from './trend-chart-svg.js';

/**
 * The performance report as one printable A4 page: the force's name, the unit and the month, a table of
 * every measure for the unit and its child units (RAG, rate, counts, change in points and the previous
 * month's rate), the month's dip-sample audits (counts only), and the unit's trend over twelve month-ends as
 * inline SVG. No script, no external asset,
 * no victim-level data; every text from the records is escaped. Pure.
 */

const CSS = `@page { size: A4 portrait; margin: 12mm; }
* { box-sizing: border-box; }
html { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
body { font: 9pt/1.35 Arial, Helvetica, sans-serif; color: #111; margin: 0; }
@media screen { body { width: 186mm; margin: 12mm auto; } }
header { border-bottom: 2px solid #111; margin-bottom: 6px; padding-bottom: 4px; }
.force { font-size: 10pt; font-weight: bold; margin: 0; text-transform: uppercase; letter-spacing: 0.04em; }
h1 { font-size: 15pt; margin: 2px 0 3px; }
.meta { margin: 0; color: #333; }
table { width: 100%; border-collapse: collapse; page-break-inside: avoid; table-layout: fixed; }
th, td { border: 1px solid #bbb; padding: 2px 4px; text-align: right; vertical-align: top; }
th { background: #e8e8e8; font-size: 7.5pt; }
th:first-child, td:first-child { text-align: left; width: 19%; overflow-wrap: anywhere; }
tr.unit td { background: #f3f3f3; font-weight: bold; }
.rate { font-size: 10pt; }
.small { display: block; font-size: 7.5pt; color: #444; font-weight: normal; }
.rag { display: inline-block; min-width: 1.4em; text-align: center; font-weight: bold; font-size: 7.5pt; border-radius: 2px;
  margin-right: 3px; }
.GREEN { background: #cfe8cf; color: #1b5e20; }
.AMBER { background: #ffe0a6; color: #6d4200; }
.RED { background: #f6c3c3; color: #8e1b1b; }
.note { margin: 3px 0 0; font-size: 7.5pt; color: #444; }
.dip { margin: 5px 0 0; font-size: 8pt; }
figure { margin: 10px 0 0; page-break-inside: avoid; }
figcaption { font-weight: bold; margin-bottom: 2px; }
svg { width: 100%; height: auto; display: block; }
.compact td { padding: 1px 3px; }
.compact td:first-child { font-size: 8pt; }
.compact .rate { font-size: 9pt; }
.compact .inline { display: inline; margin-left: 3px; font-size: 7.5pt; color: #444; }
.compact svg { height: 50mm; }
svg .tick { font: 9px Arial, Helvetica, sans-serif; fill: #444; }
svg .legend { font: 10px Arial, Helvetica, sans-serif; fill: #111; }
footer { margin-top: 8px; border-top: 1px solid #bbb; padding-top: 3px; font-size: 7.5pt; color: #444; }`;

/** From this many rows (the unit and its children) the table is set compact. */
export const COMPACT_FROM = 7;

const RAG_LETTER: Record<Rag, string> = { GREEN: 'G', AMBER: 'A', RED: 'R' };

export function reportHtml(report: PerformanceReport): string {
  const zone = report.policy.timeZone;
  const amberFloor = Number((report.policy.targetRate - report.policy.amberMargin).toFixed(9));
  const when = report.period.ended
    ? `at the end of ${report.period.label}`
    : `so far (the month has not ended), at ${asOfText(new Date(report.period.snapshotAt), zone)}`;
  const title = `${report.unit.name}: Victims' Code compliance, ${report.period.label}`;
  const head = report.measures.map((m) => `<th scope="col">${e(m.label)}${m.countsTowardsFullyCompliant ? ' *' : ''}</th>`).join('');
  // Past COMPACT_FROM rows each cell takes two lines, and the chart less height, so the page still fits one A4 sheet.
  const compact = report.units.length >= COMPACT_FROM;
  const counted = report.measures.filter((m) => m.countsTowardsFullyCompliant).map((m) => m.label);
  return `<!doctype html>
<html lang="en-GB">
<head>
<meta charset="utf-8">
<title>${e(report.force.id === report.unit.id ? title : `${report.force.name} — ${title}`)}</title>
<style>
${CSS}
</style>
</head>
<body${compact ? ' class="compact"' : ''}>
<header>
<p class="force">${e(report.force.name)}</p>
<h1>${e(title)}</h1>
<p class="meta">Figures ${e(when)}, beside the end of ${e(report.previous.label)}. RAG: GREEN (G) at or above the target of
${percentText(report.policy.targetRate)}, AMBER (A) from ${percentText(amberFloor)}, RED (R) below.</p>
</header>
<table>
<thead><tr><th scope="col">Unit</th>${head}</tr></thead>
<tbody>
${report.units.map((unit) => row(unit, report.measures, compact)).join('\n')}
</tbody>
</table>
<p class="note">* counts towards fully compliant (${e(counted.join(', '))}). Each cell: RAG and rate, the victims it is
met for of those it applies to, the change in percentage points and the previous month's rate.</p>
${dipAuditsHtml(report.dipAudits, report.unit.name, report.period.label)}
<figure>
<figcaption>${e(report.unit.name)}: the last ${report.trend.length} month-ends</figcaption>
${trendChartSvg(report)}
</figure>
<footer>Counts of victims only: no victim-level data. Force ${e(report.force.name)}, unit ${e(report.unit.name)}
(${e(report.unit.id)}), ${e(report.period.label)}. Made at ${e(asOfText(new Date(report.generatedAt), zone))} (${e(zone)}).</footer>
</body>
</html>
`;
}

function row(unit: ReportUnit, measures: PerformanceReport['measures'], compact: boolean): string {
  const cells = measures.map((m) => cell(lineOf(unit, m.id), compact)).join('');
  const name = `${e(unit.unit.name)}<span class="${compact ? 'inline' : 'small'}">${e(unit.unit.kind)} ${e(unit.unit.id)}</span>`;
  return `<tr class="${unit.role}"><td>${name}</td>${cells}</tr>`;
}

function cell(line: ReportLine, compact: boolean): string {
  const was = line.previous.rate === null ? null : `was ${percentText(line.previous.rate)}`;
  if (line.rate === null) {
    const before = was === null ? '' : `<span class="small">${was}</span>`;
    return `<td><span class="rate">—</span><span class="small">none it applies to</span>${before}</td>`;
  }
  const rag = line.rag ? `<span class="rag ${line.rag}">${RAG_LETTER[line.rag]}</span>` : '';
  const rate = `${rag}<span class="rate">${percentText(line.rate)}</span>`;
  const change = was === null ? 'none the month before' : `${changeText(line.changePoints)}`;
  if (compact) {
    const counts = `<span class="inline">${line.compliant}/${line.total}</span>`;
    return `<td>${rate}${counts}<span class="small">${was === null ? change : `${change} · ${was}`}</span></td>`;
  }
  const before = was === null ? '' : `<span class="small">${was}</span>`;
  return `<td>${rate}<span class="small">${countText(line.compliant, line.total)}</span><span class="small">${change}</span>${before}</td>`;
}

function lineOf(unit: ReportUnit, id: ReportMeasureId): ReportLine {
  return id === 'fullyCompliant' ? unit.fullyCompliant : unit.obligations[id];
}
