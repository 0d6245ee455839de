import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { storeSnapshot } from '../../support/store-snapshot.js';
import { fixture, postRecords, startTestApp, type TestApp } from '../../support/test-app.js';

/**
 * Values that pass for JSON but that the store cannot hold (issue 10, M9): each used to fail the whole
 * import with a 500 and no line. Now each is a 422 naming the line and what to fix, with nothing written.
 * And a 422 never echoes a bad value in full, however big the upload.
 */
let test: TestApp;
let good: string[];

beforeAll(async () => {
  test = await startTestApp();
  good = (await fixture('small-force.ndjson')).trimEnd().split('\n');
  expect(good.length + 1).toBe(FIRST_EXTRA_LINE);
  expect((await postRecords(test, good.join('\n'))).status).toBe(200);
}, 60_000);

afterAll(() => test.close());

interface Refusal {
  status: number;
  bytes: number;
  errorCount: number;
  errors: { line: number; message: string }[];
}

async function importRefused(extraLines: string[]): Promise<Refusal> {
  const before = await storeSnapshot(test.app.services.db);
  const response = await postRecords(test, [...good, ...extraLines].join('\n'));
  const text = await response.text();
  expect(response.status, text.slice(0, 500)).toBe(422);
  expect(await storeSnapshot(test.app.services.db)).toEqual(before);
  const body = JSON.parse(text) as { error: { errorCount: number; errors: Refusal['errors'] } };
  return { status: response.status, bytes: text.length, errorCount: body.error.errorCount, errors: body.error.errors };
}

const caseLine = (fields: Record<string, unknown>) =>
  JSON.stringify({
    type: 'case',
    id: 'CR-90',
    recordedAt: '2026-11-02T09:00:00Z',
    offence: 'Theft',
    category: 'other',
    unitId: 'N-T1',
    oicId: 'P2',
    closedAt: null,
    ...fields,
  });
/** The number of the first line after the good extract. */
const FIRST_EXTRA_LINE = 36;
const line = FIRST_EXTRA_LINE;

describe('values the store cannot hold are line errors (M9)', () => {
  it('an offset beyond ±15:59', async () => {
    const refusal = await importRefused([caseLine({ recordedAt: '2026-10-01T09:12:00+17:00' })]);
    expect(refusal.errors).toEqual([
      {
        line,
        message:
          "case CR-90: field 'recordedAt' has the offset +17:00, which is out of range: offsets run from -15:59 to +15:59 (real ones from -12:00 to +14:00), e.g. +01:00 or Z",
      },
    ]);
  });

  it('a UTC year before 0001 or after 9999', async () => {
    const refusal = await importRefused([
      caseLine({ recordedAt: '0001-01-01T00:12:00+01:00' }),
      JSON.stringify({
        type: 'contact',
        id: 'OEL-90',
        victimId: 'V-1',
        at: '9999-12-31T23:12:00-01:00',
        kind: 'update',
        method: 'phone',
        byId: 'P2',
      }),
    ]);
    expect(refusal.errors).toEqual([
      { line, message: expect.stringMatching(/^case CR-90: field 'recordedAt' falls outside the years 0001 to 9999 \(in UTC\)/) },
      { line: line + 1, message: expect.stringMatching(/^contact OEL-90: field 'at' falls outside the years 0001 to 9999/) },
    ]);
  });

  it('the basic offset +0100, refused as everywhere else', async () => {
    const refusal = await importRefused([caseLine({ recordedAt: '2026-11-20T07:00:00+0100' })]);
    expect(refusal.errors[0]?.message).toMatch(/field 'recordedAt' must write its offset with a colon, e.g. \+01:00 rather than \+0100/);
  });

  it('a NUL character in any text: names, ids, e-mail addresses', async () => {
    const refusal = await importRefused([
      JSON.stringify({ type: 'person', id: 'P90', name: 'PC 90 Nul\u0000Name', unitId: 'N-T1', role: 'officer' }),
      JSON.stringify({
        type: 'person',
        id: 'P91',
        name: 'PC 91 Ok',
        unitId: 'N-T1',
        role: 'officer',
        email: 'p91\u0000@example.police.uk',
      }),
      JSON.stringify({ type: 'person', id: 'P92', name: 'PC 92 Ok', unitId: 'N-T1', role: 'officer', aadObjectId: 'aad-\u0000-92' }),
      caseLine({ id: 'CR-\u000091' }),
    ]);
    expect(refusal.errors).toEqual([
      { line, message: "person P90: field 'name' must not contain the NUL character (\\u0000): remove it from the extract" },
      { line: line + 1, message: "person P91: field 'email' must be an e-mail address" },
      {
        line: line + 2,
        message: "person P92: field 'aadObjectId' must not contain the NUL character (\\u0000): remove it from the extract",
      },
      { line: line + 3, message: expect.stringContaining("field 'id' must not contain the NUL character") },
    ]);
  });

  it('two people whose Entra ids differ only in letter case', async () => {
    const refusal = await importRefused([
      JSON.stringify({ type: 'person', id: 'P93', name: 'PC 93 Upper', unitId: 'N-T1', role: 'officer', aadObjectId: 'AAD-P1' }),
    ]);
    // P1 (line 7 of the extract) has aad-p1: both lines are named.
    expect(refusal.errors).toEqual([
      { line: 7, message: 'person P1 has aadObjectId aad-p1, which person P93 also has: an Entra object id maps to one person' },
      { line, message: 'person P93 has aadObjectId aad-p1, which person P1 also has: an Entra object id maps to one person' },
    ]);
  });
});

describe('a 422 does not grow with the bad values it names', () => {
  it('quotes at most 80 characters of a bad value', async () => {
    const refusal = await importRefused([
      JSON.stringify({
        type: 'contact',
        id: 'OEL-91',
        victimId: 'V-1',
        at: '2026-11-10T12:00:00Z',
        kind: 'update',
        method: 'x'.repeat(5000),
        byId: 'P2',
      }),
    ]);
    expect(refusal.errors).toEqual([
      { line, message: `contact OEL-91: field 'method' must be one of phone, email, sms, visit, letter, other (got "${'x'.repeat(79)}…)` },
    ]);
  });

  it('answers a 6 MB upload of bad values in a twentieth of its size', async () => {
    const bad = Array.from({ length: 1000 }, (_, i) => JSON.stringify({ type: `${'vehicle'.repeat(900)}${i}`, id: `X${i}` }));
    const upload = bad.join('\n').length;
    expect(upload).toBeGreaterThan(6_000_000);
    const refusal = await importRefused(bad);
    expect(refusal.errorCount).toBe(1000);
    expect(refusal.errors).toHaveLength(1000);
    expect(refusal.bytes).toBeLessThan(upload / 20);
  }, 60_000);
});
