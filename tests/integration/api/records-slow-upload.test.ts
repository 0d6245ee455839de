import { request, type ClientRequest } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { storeSnapshot } from '../../support/store-snapshot.js';
import { TEST_TOKEN, fixture, postRecords, startTestApp, type TestApp } from '../../support/test-app.js';

/**
 * A client that uploads an extract slowly, or stops half-way, over HTTP (issue 10, H3). The store is not
 * held while the body arrives: figures are answered at once meanwhile. A client that stops sending is
 * answered 408 after VCOP_IMPORT_IDLE_SECONDS, and nothing it sent is written.
 */
const IDLE_SECONDS = 1.5;

let test: TestApp;
let good: string[];

beforeAll(async () => {
  test = await startTestApp({ env: { VCOP_IMPORT_IDLE_SECONDS: String(IDLE_SECONDS) } });
  const ndjson = await fixture('small-force.ndjson');
  expect((await postRecords(test, ndjson)).status).toBe(200);
  good = ndjson.trimEnd().split('\n');
}, 60_000);

afterAll(() => test.close());

/** A POST /v1/records whose body the test writes piece by piece; `answer` settles when the server replies. */
function openUpload(): { upload: ClientRequest; answer: Promise<{ status: number; body: string }> } {
  const upload = request(`${test.baseUrl}/v1/records`, {
    method: 'POST',
    headers: { authorization: `Bearer ${TEST_TOKEN}`, 'content-type': 'application/x-ndjson', 'transfer-encoding': 'chunked' },
  });
  const answer = new Promise<{ status: number; body: string }>((resolve, reject) => {
    upload.on('response', (response) => {
      let body = '';
      response.setEncoding('utf8');
      response.on('data', (chunk: string) => (body += chunk));
      response.on('end', () => resolve({ status: response.statusCode ?? 0, body }));
    });
    upload.on('error', reject);
  });
  return { upload, answer };
}

/** A figures request, timed; it must come back well inside the idle timeout. */
async function timedFigures(): Promise<{ status: number; ms: number }> {
  const started = performance.now();
  const response = await Promise.race([
    test.api('/v1/units/FORCE/compliance'),
    new Promise<never>((_, reject) => setTimeout(() => reject(new Error('figures were not answered within 1 s during the upload')), 1000)),
  ]);
  await response.text();
  return { status: response.status, ms: performance.now() - started };
}

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('a slow or stalled POST /v1/records', () => {
  it('a stalled upload: figures are answered while it waits, and the idle timeout ends it (408) with nothing written', async () => {
    const before = await storeSnapshot(test.app.services.db);
    const { upload, answer } = openUpload();
    let answered = false;
    void answer.then(() => (answered = true));
    // Some valid new lines, then nothing more.
    upload.write(
      `${JSON.stringify({ type: 'unit', id: 'STALL-T', name: 'Stalled team', kind: 'team', parentId: 'N-LPA' })}\n${good.slice(6, 9).join('\n')}\n`,
    );
    await pause(200);

    const figures = await timedFigures();
    expect(figures.status).toBe(200);
    expect(answered).toBe(false);

    const { status, body } = await answer;
    expect(status).toBe(408);
    expect(JSON.parse(body).error).toMatchObject({ code: 'body_timeout', message: expect.stringContaining('VCOP_IMPORT_IDLE_SECONDS') });
    upload.destroy();
    expect(await storeSnapshot(test.app.services.db)).toEqual(before);
  });

  it('a slow upload (a line every 100 ms, slower in all than the idle timeout): figures stay prompt, and it imports', async () => {
    const { upload, answer } = openUpload();
    const waits: number[] = [];
    const lines = [...good, JSON.stringify({ type: 'unit', id: 'SLOW-T', name: 'Slow team', kind: 'team', parentId: 'N-LPA' })];
    for (const line of lines) {
      upload.write(`${line}\n`);
      await pause(100);
      if (waits.length < 10) waits.push((await timedFigures()).ms);
    }
    upload.end();
    const { status, body } = await answer;
    expect(status, body).toBe(200);
    expect(Math.max(...waits)).toBeLessThan(1000);
    const [row] = await test.app.services.db.query<{ n: number }>(`select count(*)::int as n from units where id = 'SLOW-T'`);
    expect(row?.n).toBe(1);
  }, 30_000);
});
