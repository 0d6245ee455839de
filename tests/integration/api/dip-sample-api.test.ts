import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dipForceNdjson } from '../../support/dip-force.js';
import { postRecords, startTestApp, type TestApp } from '../../support/test-app.js';

/** GET /v1/units/{id}/dip-sample over HTTP. Now: Fri 20 Nov 2026; November's draw day was Mon 2 Nov. */
let test: TestApp;

beforeAll(async () => {
  test = await startTestApp();
  expect((await postRecords(test, dipForceNdjson())).status).toBe(200);
}, 60_000);

afterAll(async () => {
  await test?.close();
});

async function get(path: string): Promise<{ status: number; body: Record<string, unknown> }> {
  const response = await test.api(path);
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}

describe('GET /v1/units/{id}/dip-sample', () => {
  it("answers a command's sample as its teams' samples, each case by crime reference, category, team and OIC", async () => {
    const { status, body } = await get('/v1/units/N-LPA/dip-sample?period=2026-11');
    expect(status).toBe(200);
    expect(body).toMatchObject({ unit: { id: 'N-LPA', name: 'North LPA', kind: 'command' }, period: '2026-11', drawOn: '2026-11-02' });
    const samples = body.samples as { team: { id: string }; asOf: string; cases: Record<string, unknown>[] }[];
    expect(samples.map((s) => s.team.id)).toEqual(['N-T1', 'N-T2']);
    expect(samples[0]?.asOf).toBe('2026-11-02T00:00:00.000Z');
    expect(samples[0]?.cases).toHaveLength(10);
    expect(samples[0]?.cases[0]).toEqual({
      crimeReference: expect.stringMatching(/^CR-N-T1-\d{3}$/),
      category: expect.any(String),
      team: { id: 'N-T1', name: 'North Team 1' },
      oic: { id: 'P2', name: 'PC 2002 Patel' },
      closedBeforeDraw: expect.any(Boolean),
      audit: { answered: 0, submitted: false, submittedAt: null },
    });
    // No victim details: not even the victims' ids.
    expect(JSON.stringify(body)).not.toContain('V-');
  });

  it('answers the same sample every time, and the current month without ?period=', async () => {
    const first = await get('/v1/units/N-LPA/dip-sample?period=2026-11');
    expect(await get('/v1/units/N-LPA/dip-sample')).toEqual(first);
    const team = await get('/v1/units/N-T2/dip-sample?period=2026-11');
    expect((team.body.samples as unknown[])[0]).toEqual((first.body.samples as unknown[])[1]);
  });

  it('says what to fix for a bad month, an unknown unit and a month not drawn yet', async () => {
    expect(await get('/v1/units/N-LPA/dip-sample?period=2026-13')).toEqual({
      status: 400,
      body: { error: { code: 'bad_period', message: "period must be a month YYYY-MM, e.g. 2026-11 (got '2026-13')." } },
    });
    expect((await get('/v1/units/NOPE/dip-sample')).status).toBe(404);
    expect(await get('/v1/units/N-LPA/dip-sample?period=2026-12')).toEqual({
      status: 409,
      body: {
        error: {
          code: 'not_drawn_yet',
          message: 'The 2026-12 sample is drawn on Tue 1 Dec 2026: ask again from then, or give an earlier ?period=.',
          drawOn: '2026-12-01',
        },
      },
    });
    expect((await test.api('/v1/units/N-LPA/dip-sample', { headers: { authorization: 'Bearer wrong' } })).status).toBe(401);
  });
});
