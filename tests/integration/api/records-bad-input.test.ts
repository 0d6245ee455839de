import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { storeSnapshot, type StoreSnapshot } from '../../support/store-snapshot.js';
import { TEST_TOKEN, fixture, postRecords, startTestApp, type TestApp } from '../../support/test-app.js';

/**
 * `POST /v1/records` with every kind of bad body, over HTTP: always a 4xx (never 5xx) that names the bad
 * lines when there are lines, and the store exactly as before (every row of every table, and the
 * figures the API answers).
 */
const MAX_IMPORT_BYTES = 64 * 1024;
const MAX_LINE_BYTES = 2048;

let test: TestApp;
let good: string[];

beforeAll(async () => {
  test = await startTestApp({ env: { VCOP_MAX_IMPORT_BYTES: String(MAX_IMPORT_BYTES), VCOP_MAX_LINE_BYTES: String(MAX_LINE_BYTES) } });
  const ndjson = await fixture('small-force.ndjson');
  expect((await postRecords(test, ndjson)).status).toBe(200);
  good = ndjson.trimEnd().split('\n');
}, 60_000);

afterAll(() => test.close());

/** Everything an import can write, and what the API answers from it. */
async function storeState(): Promise<{ rows: StoreSnapshot; figures: string[] }> {
  const rows = await storeSnapshot(test.app.services.db);
  const figures: string[] = [];
  for (const unit of ['FORCE', 'N-T1', 'S-T1']) figures.push(await (await test.api(`/v1/units/${unit}/compliance`)).text());
  return { rows, figures };
}

interface Refusal {
  status: number;
  body: { error: { code: string; message: string; errors?: { line: number; message: string }[] } };
}

/** Sends the body, checks the store did not change, and answers the refusal. */
async function refused(send: () => Promise<Response>): Promise<Refusal> {
  const before = await storeState();
  const response = await send();
  const text = await response.text();
  expect(response.status, text).toBeGreaterThanOrEqual(400);
  expect(response.status, text).toBeLessThan(500);
  expect(await storeState()).toEqual(before);
  return { status: response.status, body: JSON.parse(text) as Refusal['body'] };
}

const post = (body: RequestInit['body'], contentType: string | null = 'application/x-ndjson', extra: RequestInit = {}) =>
  test.api('/v1/records', { method: 'POST', headers: contentType ? { 'content-type': contentType } : {}, body, ...extra });

function linesOf(refusal: Refusal): number[] {
  return (refusal.body.error.errors ?? []).map((e) => e.line);
}

describe('POST /v1/records refuses bad bodies and writes nothing', () => {
  it('a wrong or missing content type: 415', async () => {
    for (const type of ['text/plain', 'application/json', 'multipart/form-data; boundary=x', null]) {
      const refusal = await refused(() => post(good.join('\n'), type));
      expect(refusal.status).toBe(415);
      expect(refusal.body.error.message).toContain('application/x-ndjson');
    }
  });

  it('an empty body, or one of blank lines only: 400', async () => {
    expect((await refused(() => post(''))).status).toBe(400);
    const blank = await refused(() => post('\n\n  \r\n'));
    expect(blank.status).toBe(400);
    expect(blank.body.error.message).toContain('no records');
  });

  it('no token, or a wrong one: 401 before the body is read', async () => {
    const noToken = await refused(() =>
      fetch(`${test.baseUrl}/v1/records`, { method: 'POST', headers: { 'content-type': 'application/x-ndjson' }, body: good.join('\n') }),
    );
    expect(noToken.status).toBe(401);
    const wrong = await refused(() =>
      fetch(`${test.baseUrl}/v1/records`, {
        method: 'POST',
        headers: { 'content-type': 'application/x-ndjson', authorization: `Bearer ${TEST_TOKEN}x` },
        body: good.join('\n'),
      }),
    );
    expect(wrong.status).toBe(401);
  });

  it('bytes that are not UTF-8: 422 naming the line', async () => {
    const file = Buffer.concat([
      Buffer.from(`${good.slice(0, 3).join('\n')}\n{"type":"unit","id":"X`),
      Buffer.from([0xc3, 0x28, 0xff]),
      Buffer.from('","name":"x","kind":"team","parentId":"FORCE"}\n'),
    ]);
    const refusal = await refused(() => post(file));
    expect(refusal.status).toBe(422);
    expect(refusal.body.error.errors).toEqual([{ line: 4, message: expect.stringContaining('UTF-8') }]);
  });

  it('a body over VCOP_MAX_IMPORT_BYTES, declared or streamed: 413', async () => {
    const big = `${good.join('\n')}\n`.repeat(Math.ceil((MAX_IMPORT_BYTES * 2) / good.join('\n').length));
    expect((await refused(() => post(big))).status).toBe(413);
    // Chunked, with no Content-Length: the limit is enforced while streaming, mid-import, and rolls it back.
    const stream = new ReadableStream<Uint8Array>({
      start(controller) {
        for (let sent = 0; sent < MAX_IMPORT_BYTES * 2; sent += good.join('\n').length)
          controller.enqueue(new TextEncoder().encode(`${good.join('\n')}\n`));
        controller.close();
      },
    });
    const streamed = await refused(() => post(stream, 'application/x-ndjson', { duplex: 'half' } as RequestInit));
    expect(streamed.status).toBe(413);
    expect(streamed.body.error.message).toContain('VCOP_MAX_IMPORT_BYTES');
  });

  it('one huge line: 422 naming it, the lines around it read on', async () => {
    const huge = `{"type":"unit","id":"HUGE","name":"${'x'.repeat(MAX_LINE_BYTES * 3)}","kind":"team","parentId":"FORCE"}`;
    const file = [...good.slice(0, 6), huge, '{"type":"unit","id":"BAD"}', ...good.slice(6)].join('\n');
    const refusal = await refused(() => post(file));
    expect(refusal.status).toBe(422);
    expect(linesOf(refusal)).toEqual([7, 8]);
    expect(refusal.body.error.errors?.[0]?.message).toContain('VCOP_MAX_LINE_BYTES');
  });

  it('a truncated last line (the extract was cut off): 422 naming it', async () => {
    const file = `${good.join('\n')}\n${good[13]!.slice(0, 40)}`;
    const refusal = await refused(() => post(file));
    expect(refusal.status).toBe(422);
    expect(linesOf(refusal)).toEqual([good.length + 1]);
    expect(refusal.body.error.errors?.[0]?.message).toContain('not valid JSON');
  });

  it('an id sent twice: 422 naming the second line and the first', async () => {
    const file = [...good, good[2]!].join('\n');
    const refusal = await refused(() => post(file));
    expect(refusal.status).toBe(422);
    expect(refusal.body.error.errors).toEqual([{ line: good.length + 1, message: expect.stringContaining('also on line 3') }]);
  });

  it('wrong types, unknown references and unknown record types, all named in one answer', async () => {
    const file = [
      ...good,
      '{"type":"victim","id":"V-9","caseId":"CR-404","enhanced":false}',
      '{"type":"victim","id":"V-10","caseId":"CR-1","enhanced":"yes"}',
      '{"type":"vehicle","id":"VRM-1"}',
      '[1,2,3]',
    ].join('\n');
    const refusal = await refused(() => post(file));
    expect(refusal.status).toBe(422);
    expect(linesOf(refusal)).toEqual([good.length + 1, good.length + 2, good.length + 3, good.length + 4]);
    expect(refusal.body.error.errors?.[0]?.message).toContain('refers to unknown case CR-404');
    expect(refusal.body.error.message).toMatch(/^4 of \d+ lines are invalid; nothing was imported/);
  });

  it('a valid import still goes through afterwards', async () => {
    const response = await post(good.join('\n'));
    expect(response.status).toBe(200);
  });
});
