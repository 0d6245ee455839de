import { describe, expect, it } from 'vitest';
import { createLogger } from '../../../src/log/logger.js';
import { safeError } from '../../../src/log/safe-error.js';

/** A database error as pg and PGlite build them: SQLSTATE, severity, and the data of the failed statement. */
function databaseError(message: string, extra: Record<string, unknown> = {}): Error {
  return Object.assign(new Error(message), {
    severity: 'ERROR',
    code: '23514',
    detail: 'Failing row contains (P90, PC 90 Marigold Quince, N-T1, officer, aad-secret, m.quince@leak.example).',
    where: "unnamed portal parameter $3 = '...Marigold...'",
    hint: 'Marigold',
    query: 'insert into people select * from unnest($1::text[])',
    params: [['PC 90 Marigold Quince', 'm.quince@leak.example']],
    table: 'people',
    constraint: 'people_email_check',
    schema: 'public',
    routine: 'ExecConstraints',
    ...extra,
  });
}

function logged(write: (logger: ReturnType<typeof createLogger>) => void): string[] {
  const lines: string[] = [];
  write(createLogger({ level: 'trace', destination: { write: (line: string) => void lines.push(line) } }));
  return lines;
}

describe('errors in the logs (issue 10, H2)', () => {
  it('keep the message, code, stack and the names of the schema, and drop the statement and its data', () => {
    const safe = safeError(databaseError('new row for relation "people" violates check constraint "people_email_check"'));
    expect(safe).toEqual({
      type: 'DatabaseError',
      message: 'new row for relation "people" violates check constraint "people_email_check"',
      code: '23514',
      stack: expect.stringMatching(/^Error: new row for relation "people" violates check constraint "people_email_check"\n {4}at /),
      severity: 'ERROR',
      table: 'people',
      constraint: 'people_email_check',
      schema: 'public',
      routine: 'ExecConstraints',
    });
    expect(JSON.stringify(safe)).not.toMatch(/Marigold|leak\.example|unnest/);
  });

  it('blank a value PostgreSQL quotes in its message, in the stack too, and keep quoted names', () => {
    const safe = safeError(databaseError('invalid input syntax for type integer: "Marigold Quince"', { code: '22P02' }));
    expect(safe.message).toBe('invalid input syntax for type integer: "…"');
    expect(safe.stack).not.toContain('Marigold');
    expect(safeError(databaseError('value "Marigold" is out of range for type smallint')).message).toBe(
      'value "…" is out of range for type smallint',
    );
    expect(safeError(databaseError('invalid byte sequence for encoding "UTF8": 0x00')).message).toBe(
      'invalid byte sequence for encoding "UTF8": 0x00',
    );
    // A message of our own that wraps a database error's is treated the same way.
    const wrapped = new Error('migration 002_x.sql failed: invalid input value for enum role: "Marigold"', {
      cause: databaseError('invalid input value for enum role: "Marigold"'),
    });
    expect(safeError(wrapped).message).toBe('migration 002_x.sql failed: invalid input value for enum role: "…"');
  });

  it('follow the cause chain and the errors of an AggregateError the same way', () => {
    const outer = new Error('import failed', { cause: new AggregateError([databaseError('one'), databaseError('two')], 'both failed') });
    const safe = safeError(outer);
    expect(safe.cause?.errors?.map((e) => e.message)).toEqual(['one', 'two']);
    expect(JSON.stringify(safe)).not.toMatch(/Marigold|leak\.example|unnest|Failing row/);
  });

  it('are logged safely under any key, nested or not; statement fields are redacted even from a plain object', () => {
    const lines = logged((log) => {
      const error = databaseError('failed');
      log.error({ err: error }, 'one');
      log.error({ recordingError: error, context: { err: error, cause: error } }, 'two');
      log.error(error, 'three');
      log.error({ err: { message: 'plain', query: 'select $1', params: ['Marigold'], detail: 'Marigold', where: 'Marigold' } }, 'four');
      log.warn({ outer: { err: { query: 'select $1', params: ['Marigold'] } } }, 'five');
    });
    expect(lines).toHaveLength(5);
    const text = lines.join('\n');
    expect(text).not.toMatch(/Marigold|leak\.example|unnest|Failing row|select \$1/);
    expect(text).toContain('"constraint":"people_email_check"');
  });

  it('keep what helps: an HTTP status, a Node error code, a thrown string', () => {
    expect(safeError(Object.assign(new Error('Not Found'), { statusCode: 404 }))).toMatchObject({
      type: 'Error',
      message: 'Not Found',
      status: 404,
    });
    expect(safeError(Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED', address: '10.0.0.1' }))).toMatchObject({
      code: 'ECONNREFUSED',
    });
    expect(safeError('boom')).toEqual({ type: 'string', message: 'boom' });
  });
});
