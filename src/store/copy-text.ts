/**
 * PostgreSQL's COPY text format (https://www.postgresql.org/docs/current/sql-copy.html#id-1.9.3.55.9.2):
 * one row per line, columns separated by tabs, `\N` for null, and a backslash, tab, newline or carriage
 * return inside a value written as `\\`, `\t`, `\n`, `\r`. So a value can never end its column or row
 * early, and `\.` (the end-of-data marker) can never appear: every backslash of a value is doubled.
 */

export type CopyValue = string | number | boolean | null;

const SPECIAL = /[\\\t\n\r]/g;
const ESCAPES: Record<string, string> = { '\\': '\\\\', '\t': '\\t', '\n': '\\n', '\r': '\\r' };

/** One row of COPY text, its newline included. */
export function copyTextRow(values: readonly CopyValue[]): string {
  let row = '';
  for (let i = 0; i < values.length; i++) {
    if (i > 0) row += '\t';
    row += copyTextValue(values[i] as CopyValue);
  }
  return `${row}\n`;
}

function copyTextValue(value: CopyValue): string {
  if (value === null) return '\\N';
  if (typeof value === 'boolean') return value ? 't' : 'f';
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) throw new Error(`a COPY value must be a finite number (got ${value})`);
    return String(value);
  }
  return value.replace(SPECIAL, (c) => ESCAPES[c] as string);
}
