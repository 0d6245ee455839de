import { toRatio } from '../../domain/figures.js';
import type { Ratio } from '../../domain/types.js';
import type { PerformanceReport, ReportLine, ReportMeasureId, ReportUnit } from '../build-performance-report.js';

/**
 * The performance report as CSV (RFC 4180): a header line, then one row per unit x measure (the fully
 * compliant figure, then each duty), then the unit's dip-sample audit rows, lines ending CRLF. A field
 * holding a comma, a double quote, CR or LF is quoted and its quotes doubled. A text field that a
 * spreadsheet would run as a formula (starting with =, +, -, @, a tab or CR) is prefixed with an
 * apostrophe, so a unit named "=HYPERLINK(...)" stays text.
 * Counts only: no victim-level data. Pure.
 */

export const REPORT_CSV_COLUMNS = [
  'force',
  'period',
  'period_ended',
  'unit_id',
  'unit_name',
  'unit_kind',
  'unit_role',
  'measure_id',
  'measure_label',
  'counts_towards_fully_compliant',
  'compliant',
  'total',
  'rate',
  'rag',
  'previous_period',
  'previous_compliant',
  'previous_total',
  'previous_rate',
  'previous_rag',
  'change_points',
] as const;

type Cell = string | number | boolean | null;

export function reportCsv(report: PerformanceReport): string {
  const rows: Cell[][] = [[...REPORT_CSV_COLUMNS]];
  for (const unit of report.units) {
    for (const measure of report.measures) {
      const line = lineOf(unit, measure.id);
      rows.push([
        text(report.force.name),
        report.period.param,
        report.period.ended,
        text(unit.unit.id),
        text(unit.unit.name),
        unit.unit.kind,
        unit.role,
        measure.id,
        measure.label,
        measure.countsTowardsFullyCompliant,
        line.compliant,
        line.total,
        line.rate,
        line.rag,
        text(report.previous.label),
        line.previous.compliant,
        line.previous.total,
        line.previous.rate,
        line.previous.rag,
        line.changePoints,
      ]);
    }
  }
  rows.push(...dipRows(report));
  return `${rows.map((row) => row.map(csvField).join(',')).join('\r\n')}\r\n`;
}

/**
 * The unit's dip-sample audits for the month (issue 16), after the measures: one row each for the audits
 * submitted of the cases drawn, the reviewers' Code compliant and good service, the records' fully-compliant
 * figure for the same cases, and the cases the records called compliant and the reviewer did not (of those
 * audited). Counts only; no row when the month's sample is not drawn or the unit is below the sample's level.
 */
function dipRows(report: PerformanceReport): Cell[][] {
  const dip = report.dipAudits;
  const unit = report.units.find((u) => u.role === 'unit');
  if (dip.state !== 'drawn' || !unit) return [];
  const lines: [string, string, Ratio | null][] = [
    ['dipSubmitted', 'Dip sample: audits submitted (of cases drawn)', toRatio(dip.submitted, dip.sampled)],
    ['dipCodeCompliant', 'Dip sample: Code compliant (reviewers)', dip.codeCompliant],
    ['dipGoodService', 'Dip sample: good service (reviewers)', dip.goodService],
    ['dipRecordsFullyCompliant', 'Dip sample: fully compliant (records, same cases)', dip.dataFullyCompliant],
    ['dipBoxTicked', 'Dip sample: records compliant, reviewer not (of those audited)', toRatio(dip.boxTicked, dip.submitted)],
  ];
  return lines
    .filter((line): line is [string, string, Ratio] => line[2] !== null)
    .map(([id, label, ratio]) => [
      text(report.force.name),
      report.period.param,
      report.period.ended,
      text(unit.unit.id),
      text(unit.unit.name),
      unit.unit.kind,
      unit.role,
      id,
      label,
      false,
      ratio.compliant,
      ratio.total,
      ratio.rate,
      null,
      null,
      null,
      null,
      null,
      null,
      null,
    ]);
}

function lineOf(unit: ReportUnit, id: ReportMeasureId): ReportLine {
  return id === 'fullyCompliant' ? unit.fullyCompliant : unit.obligations[id];
}

/** One field as RFC 4180 writes it; null is an empty field (no rate: no victims the duty applies to). */
export function csvField(value: Cell): string {
  if (value === null) return '';
  const raw = typeof value === 'number' ? numberText(value) : String(value);
  return /[",\r\n]/.test(raw) ? `"${raw.replaceAll('"', '""')}"` : raw;
}

/** Free text from the records (names, ids): never read by a spreadsheet as a formula. */
function text(value: string): string {
  return /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
}

function numberText(value: number): string {
  if (!Number.isFinite(value)) throw new RangeError(`a report figure must be a finite number (got ${value})`);
  return String(value);
}
