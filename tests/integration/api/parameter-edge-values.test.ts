import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fixture, postRecords, startTestApp, type TestApp } from '../../support/test-app.js';

/** Path and query values the store cannot take (issue 10): a 400 saying what to send, never a 500. */
let test: TestApp;

beforeAll(async () => {
  test = await startTestApp();
  expect((await postRecords(test, await fixture('small-force.ndjson'))).status).toBe(200);
}, 60_000);

afterAll(() => test.close());

async function answer(path: string): Promise<{ status: number; code: string; message: string }> {
  const response = await test.api(path);
  const body = (await response.json()) as { error?: { code: string; message: string } };
  return { status: response.status, code: body.error?.code ?? '', message: body.error?.message ?? '' };
}

describe('the figures API refuses what the store cannot take', () => {
  it('a NUL in a unit id: 400', async () => {
    for (const route of ['compliance', 'breakdown', 'digest']) {
      expect(await answer(`/v1/units/N%00T1/${route}`), route).toEqual({
        status: 400,
        code: 'bad_unit_id',
        message: 'The unit id contains the NUL character (%00), which no unit id has. GET /v1/units lists them.',
      });
    }
  });

  it('?at= in the years 0000 or 10000, or beyond them in UTC: 400', async () => {
    for (const at of ['0000-01-01T00:00:00Z', '10000-01-01T00:00:00Z', '0001-01-01T00:30:00%2B01:00', '9999-12-31T23:30:00-01:00']) {
      const refused = await answer(`/v1/units/FORCE/compliance?at=${at}`);
      expect(refused, at).toMatchObject({ status: 400, code: 'bad_instant' });
    }
    expect((await answer('/v1/units/FORCE/compliance?at=0001-01-01T00:00:00Z')).status).toBe(200);
    expect((await answer('/v1/units/FORCE/compliance?at=9999-12-31T23:59:59Z')).status).toBe(200);
  });

  it('?at= with the basic offset +0100: 400, as VCOP_NOW and the records refuse it', async () => {
    expect(await answer('/v1/units/FORCE/compliance?at=2026-11-20T07:00:00%2B0100')).toEqual({
      status: 400,
      code: 'bad_instant',
      message:
        "at '2026-11-20T07:00:00+0100' must write its offset with a colon, e.g. +01:00 rather than +0100 (ISO 8601 with an offset, e.g. 2026-10-01T09:12:00+01:00 or 2026-10-01T08:12:00Z).",
    });
  });

  it('?period= in the year 0000, or before reporting months begin: 400', async () => {
    for (const period of ['0000-01', '0001-01', '1899-12']) {
      expect(await answer(`/v1/units/FORCE/compliance?period=${period}`), period).toEqual({
        status: 400,
        code: 'bad_period',
        message: `period '${period}' is not a month from 1900-01 to 9999-12: use YYYY-MM, e.g. 2026-10.`,
      });
    }
    expect((await answer('/v1/units/FORCE/compliance?period=1900-01')).status).toBe(200);
  });

  it('quotes at most 80 characters of what was sent', async () => {
    const refused = await answer(`/v1/units/FORCE/compliance?at=${'9'.repeat(2000)}`);
    expect(refused.message).toBe(
      `at '${'9'.repeat(80)}…' must be an ISO 8601 date and time with an offset, e.g. 2026-10-01T09:12:00+01:00 or 2026-10-01T08:12:00Z.`,
    );
    const unknown = await answer(`/v1/units/${'U'.repeat(95)}/compliance`);
    expect(unknown).toEqual({
      status: 404,
      code: 'unknown_unit',
      message: `No unit with id '${'U'.repeat(80)}…'. GET /v1/units lists them.`,
    });
    // A segment too long for the router is no route at all: the path is quoted to 200 characters.
    const noRoute = await answer(`/v1/units/${'U'.repeat(5000)}/compliance`);
    expect(noRoute).toEqual({ status: 404, code: 'not_found', message: `No such route: GET /v1/units/${'U'.repeat(190)}…` });
  });
});
