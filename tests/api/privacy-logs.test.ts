import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TEST_TOKEN, fixture, postRecords, startTestApp, type TestApp } from '../support/test-app.js';

/** A full run's logs, at the most verbose level, must carry ids only: no token, no e-mail, no secret. */
describe('logs of a full API run', () => {
  const logLines: string[] = [];
  let test: TestApp;

  beforeAll(async () => {
    test = await startTestApp({ logLines });
    const records = (await fixture('small-force.ndjson')).replace(
      '"aadObjectId":"aad-p1"}',
      '"aadObjectId":"aad-p1","email":"p1001.smith@example.police.uk"}',
    );
    expect((await postRecords(test, records)).status).toBe(200);
    expect((await postRecords(test, '{"type":"unit","id":"X"}\nnot json\n')).status).toBe(422);
    await test.api('/v1/units/FORCE/compliance');
    await test.api('/v1/units/N-T1/digest');
    await fetch(`${test.baseUrl}/v1/units/FORCE/compliance`, { headers: { authorization: 'Bearer wrong-token-value-123' } });
  });
  afterAll(() => test.close());

  it('are JSON lines with a request id', () => {
    expect(logLines.length).toBeGreaterThan(3);
    const requests = logLines.map((l) => JSON.parse(l) as Record<string, unknown>).filter((l) => l.msg === 'request');
    expect(requests.length).toBeGreaterThanOrEqual(5);
    for (const line of requests) expect(line.requestId).toEqual(expect.any(String));
  });

  it('never contain the token, a wrong token, an e-mail address or a bearer header', () => {
    const all = logLines.join('\n');
    expect(all).not.toContain(TEST_TOKEN);
    expect(all).not.toContain('wrong-token-value-123');
    expect(all).not.toMatch(/[\w.+-]+@[\w-]+\.[\w.]+/);
    expect(all).not.toMatch(/bearer/i);
  });
});
