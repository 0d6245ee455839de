import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDipSampleExtension } from '../../../src/app/dip-sample-extension.js';
import { testConfig } from '../../support/test-app.js';
import { dipForceNdjson } from '../../support/dip-force.js';
import { postRecords, startTestApp, type TestApp } from '../../support/test-app.js';

/** The draw on the draw day: with the scheduler on, nobody asks, and on Mon 2 Nov the samples are there. */
let test: TestApp;
const env = { VCOP_SCHEDULER: '1', VCOP_NOW: '2026-11-02T09:00:00Z' };

beforeAll(async () => {
  test = await startTestApp({ env, extensions: [createDipSampleExtension(testConfig(env), { firstDelayMs: 10, periodMs: 100 })] });
}, 60_000);

afterAll(async () => {
  await test?.close();
});

describe('the dip-sample draw on the scheduler', () => {
  it('draws every team of the force once the records are in, and only once', async () => {
    expect((await postRecords(test, dipForceNdjson())).status).toBe(200);
    const count = async () => (await test.app.services.db.query<{ n: number }>(`select count(*)::int as n from dip_samples`))[0]?.n;
    for (let i = 0; i < 100 && (await count()) !== 3; i += 1) await new Promise((resolve) => setTimeout(resolve, 50));
    expect(await count()).toBe(3);
    const drawnAt = await test.app.services.db.query(`select unit_id, period, drawn_at from dip_samples order by unit_id`);
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(await test.app.services.db.query(`select unit_id, period, drawn_at from dip_samples order by unit_id`)).toEqual(drawnAt);
  });
});
