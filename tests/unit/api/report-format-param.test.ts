import { describe, expect, it } from 'vitest';
import { reportFormatOf } from '../../../src/api/report-format-param.js';
import { HttpError } from '../../../src/http/http-error.js';

function refusal(format: unknown, accept: string | undefined): { status: number; code: string; message: string } {
  try {
    reportFormatOf(format, accept);
  } catch (error) {
    if (error instanceof HttpError) return { status: error.status, code: error.code, message: error.message };
    throw error;
  }
  throw new Error('not refused');
}

describe("the report's format", () => {
  it('is JSON with no Accept header, or one that takes anything', () => {
    expect(reportFormatOf(undefined, undefined)).toBe('json');
    expect(reportFormatOf(undefined, '*/*')).toBe('json');
    expect(reportFormatOf(undefined, '')).toBe('json');
  });

  it('follows Accept by its q-values, the most specific range winning', () => {
    expect(reportFormatOf(undefined, 'text/csv')).toBe('csv');
    expect(reportFormatOf(undefined, 'text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8')).toBe('html');
    expect(reportFormatOf(undefined, 'application/json;q=0.5, text/csv')).toBe('csv');
    expect(reportFormatOf(undefined, 'text/*;q=0.9, text/csv;q=0.1, application/json;q=0.2')).toBe('html');
    expect(reportFormatOf(undefined, 'TEXT/CSV; charset=utf-8')).toBe('csv');
  });

  it('takes ?format= over Accept', () => {
    expect(reportFormatOf('html', 'application/json')).toBe('html');
    expect(reportFormatOf('csv', undefined)).toBe('csv');
  });

  it('refuses a format it does not make (400) and an Accept it cannot meet (406), saying what to send', () => {
    expect(refusal('pdf', undefined)).toMatchObject({ status: 400, code: 'bad_format' });
    expect(refusal(['csv', 'html'], undefined)).toMatchObject({ status: 400, code: 'bad_format' });
    expect(refusal(undefined, 'application/pdf')).toEqual({
      status: 406,
      code: 'not_acceptable',
      message: 'The report is served as application/json, text/csv, text/html: send one of them in Accept, or give ?format=json|csv|html.',
    });
    expect(refusal(undefined, 'text/csv;q=0, application/json;q=0')).toMatchObject({ status: 406 });
  });
});
