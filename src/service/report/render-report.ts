import type { PerformanceReport } from '../build-performance-report.js';
import { reportCsv } from './report-csv.js';
import { reportHtml } from './report-html.js';

/** The formats the performance report is rendered in (the API's `format=` / `Accept`, the CLI's `--format`). */
export const REPORT_FORMATS = ['json', 'csv', 'html'] as const;
export type ReportFormat = (typeof REPORT_FORMATS)[number];

export const REPORT_MEDIA_TYPES: Record<ReportFormat, string> = {
  json: 'application/json',
  csv: 'text/csv',
  html: 'text/html',
};

/** The report as the bytes of one format, with its content type (UTF-8; CSV with `header=present`). */
export function renderReport(report: PerformanceReport, format: ReportFormat): { contentType: string; body: string } {
  switch (format) {
    case 'json':
      return { contentType: 'application/json; charset=utf-8', body: `${JSON.stringify(report, null, 2)}\n` };
    case 'csv':
      return { contentType: 'text/csv; charset=utf-8; header=present', body: reportCsv(report) };
    case 'html':
      return { contentType: 'text/html; charset=utf-8', body: reportHtml(report) };
  }
}

/** `vcop-report-N-T3-2026-10.csv`: a file name from the unit id and month, with anything but [A-Za-z0-9._-] as `_`. */
export function reportFileName(report: PerformanceReport, format: ReportFormat): string {
  return `vcop-report-${report.unit.id}-${report.period.param}.${format}`.replace(/[^A-Za-z0-9._-]/g, '_');
}
