import { describe, expect, it } from 'vitest';
import { copyTextRow } from '../../../src/store/copy-text.js';

describe('a row of COPY text', () => {
  it('separates columns by tabs, ends with a newline, and writes null as \\N', () => {
    expect(copyTextRow([7, 'CR-1', null, true, false])).toBe('7\tCR-1\t\\N\tt\tf\n');
  });

  it('escapes a backslash, tab, newline and carriage return inside a value, so none ends a column or row', () => {
    expect(copyTextRow(['a\\b', 'c\td', 'e\nf', 'g\rh'])).toBe('a\\\\b\tc\\td\te\\nf\tg\\rh\n');
  });

  it('never writes the end-of-data marker for a value that is \\. alone', () => {
    expect(copyTextRow(['\\.'])).toBe('\\\\.\n');
  });

  it('refuses a number COPY could not read back', () => {
    expect(() => copyTextRow([Number.NaN])).toThrow('a COPY value must be a finite number (got NaN)');
  });
});
