import { beforeEach, describe, expect, it } from 'vitest';
import { csvField, REPORT_CSV_COLUMNS, reportCsv } from '../../../../src/service/report/report-csv.js';
import { MARKUP_TEAM, QUOTED_TEAM, sampleReport } from '../../../fixtures/performance-report.js';

/** RFC 4180 read back strictly: a quoted field may hold commas, CRLF and doubled quotes; records end CRLF. */
function parseCsv(text: string): string[][] {
  const records: string[][] = [];
  let record: string[] = [];
  let i = 0;
  while (i < text.length) {
    let field = '';
    if (text[i] === '"') {
      i += 1;
      for (;;) {
        if (i >= text.length) throw new Error('unterminated quoted field');
        if (text[i] === '"' && text[i + 1] === '"') {
          field += '"';
          i += 2;
        } else if (text[i] === '"') {
          i += 1;
          break;
        } else field += text[i++];
      }
    } else {
      while (i < text.length && text[i] !== ',' && text[i] !== '\r') {
        if (text[i] === '"' || text[i] === '\n') throw new Error(`bare ${JSON.stringify(text[i])} in an unquoted field at ${i}`);
        field += text[i++];
      }
    }
    record.push(field);
    if (text[i] === ',') i += 1;
    else if (text.startsWith('\r\n', i)) {
      records.push(record);
      record = [];
      i += 2;
    } else throw new Error(`expected , or CRLF at ${i}`);
  }
  if (record.length > 0) throw new Error('the last record does not end with CRLF');
  return records;
}

describe('the performance report as CSV', () => {
  const csv = reportCsv(sampleReport());
  // Read back in each test, so a CSV that does not parse fails the test that shows it.
  let header: string[] = [];
  let rows: string[][] = [];
  beforeEach(() => {
    [header = [], ...rows] = parseCsv(csv);
  });

  it('has a header line, then one row per unit x measure, every line ending CRLF', () => {
    expect(header).toEqual([...REPORT_CSV_COLUMNS]);
    // ... and the unit's five dip-sample audit rows (issue 16).
    expect(rows).toHaveLength(3 * 6 + 5);
    expect(csv.endsWith('\r\n')).toBe(true);
    expect(csv.replaceAll('\r\n', '')).not.toMatch(/\r(?!\n)/);
    for (const row of rows) expect(row).toHaveLength(REPORT_CSV_COLUMNS.length);
    expect(rows.map((row) => row[REPORT_CSV_COLUMNS.indexOf('measure_id')]).slice(0, 6)).toEqual([
      'fullyCompliant',
      'needsAssessment',
      'updates',
      'referral',
      'writtenAcknowledgement',
      'decisionUpdates',
    ]);
  });

  it("ends with the unit's dip-sample audits: counts only, no RAG or previous month", () => {
    const col = (name: (typeof REPORT_CSV_COLUMNS)[number]) => REPORT_CSV_COLUMNS.indexOf(name);
    const dip = rows
      .slice(3 * 6)
      .map((row) => [
        row[col('unit_id')],
        row[col('measure_id')],
        row[col('compliant')],
        row[col('total')],
        row[col('rate')],
        row[col('rag')],
        row[col('previous_rate')],
      ]);
    expect(dip).toEqual([
      ['N-LPA', 'dipSubmitted', '8', '20', '40', '', ''],
      ['N-LPA', 'dipCodeCompliant', '5', '8', '62.5', '', ''],
      ['N-LPA', 'dipGoodService', '6', '8', '75', '', ''],
      ['N-LPA', 'dipRecordsFullyCompliant', '7', '8', '87.5', '', ''],
      ['N-LPA', 'dipBoxTicked', '2', '8', '25', '', ''],
    ]);
    expect(reportCsv({ ...sampleReport(), dipAudits: { state: 'not_drawn_yet', period: '2026-10', drawOn: '2026-10-01' } })).not.toContain(
      'dip',
    );
  });

  it('quotes a name with a comma, quotes or a line break, doubling its quotes, and reads back to the name', () => {
    expect(csv).toContain('"North ""A"" Team, 1\nnights"');
    const team = rows.find((row) => row[REPORT_CSV_COLUMNS.indexOf('unit_id')] === QUOTED_TEAM.id);
    expect(team?.[REPORT_CSV_COLUMNS.indexOf('unit_name')]).toBe(QUOTED_TEAM.name);
  });

  it('keeps a text field that a spreadsheet would run as a formula as text, and numbers as numbers', () => {
    const row = rows.find((r) => r[REPORT_CSV_COLUMNS.indexOf('unit_id')] === `'${MARKUP_TEAM.id}`);
    expect(row, 'the unit id starting with = is prefixed with an apostrophe').toBeDefined();
    const col = (name: (typeof REPORT_CSV_COLUMNS)[number]) => row?.[REPORT_CSV_COLUMNS.indexOf(name)];
    expect([col('rate'), col('previous_rate'), col('change_points'), col('rag')]).toEqual(['80', '75', '5', 'RED']);
    const down = rows.find((r) => r[REPORT_CSV_COLUMNS.indexOf('unit_id')] === QUOTED_TEAM.id);
    expect(down?.[REPORT_CSV_COLUMNS.indexOf('change_points')], 'a fall in points is a plain negative number').toBe('-5');
  });

  it('leaves a duty with no victims it applies to empty, not 0', () => {
    const row = rows.find((r) => r[REPORT_CSV_COLUMNS.indexOf('measure_id')] === 'decisionUpdates') as string[];
    const col = (name: (typeof REPORT_CSV_COLUMNS)[number]) => row[REPORT_CSV_COLUMNS.indexOf(name)];
    expect([col('compliant'), col('total'), col('rate'), col('rag'), col('change_points')]).toEqual(['0', '0', '', '', '']);
  });

  it('writes one field as RFC 4180 says', () => {
    expect(csvField('plain')).toBe('plain');
    expect(csvField('a,b')).toBe('"a,b"');
    expect(csvField('say "hi"')).toBe('"say ""hi"""');
    expect(csvField('two\r\nlines')).toBe('"two\r\nlines"');
    expect(csvField(null)).toBe('');
    expect(csvField(87.5)).toBe('87.5');
    expect(csvField(false)).toBe('false');
  });
});
