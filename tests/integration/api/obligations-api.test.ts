import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fixture, postRecords, startTestApp, type TestApp } from '../../support/test-app.js';

/**
 * tests/fixtures/later-duties.ndjson, worked by hand from compliance-rules.md. Now is Wednesday 8 April 2026,
 * 12:00 BST, after Easter (Good Friday 3 Apr and Easter Monday 6 Apr are bank holidays); clocks went forward
 * at 01:00 UTC on Sunday 29 March.
 *
 * V-A (enhanced) recorded Thu 2 Apr: referral wanted, not made, due Wed 8 Apr (Tue 7 and Wed 8 are the two
 *     working days): due today, no breach. Written acknowledgement 7 Apr, due Tue 7 Apr: met. Charged Thu 2 Apr:
 *     enhanced, 1 working day, due Tue 7 Apr, not told: in breach of key decisions.
 * V-B recorded Fri 27 Mar (GMT): referral due Tue 31 Mar, made 1 Apr: met at now (late, but made at or before t).
 *     No written acknowledgement, due Mon 30 Mar: breach. Arrested Mon 30 Mar, due Wed 8 Apr (Easter skipped),
 *     told 2 Apr: met (the decision update also counts as an update).
 * V-C recorded 00:30 GMT on Sun 29 Mar, half an hour before the clocks changed: local date 29 Mar. Referral due
 *     Tue 31 Mar, not made: breach. Written acknowledgement Mon 30 Mar, due Mon 30: met.
 * V-D recorded 00:30 BST on Wed 8 Apr (23:30 UTC on the 7th): needs assessment due Fri 10 Apr, acknowledgement
 *     due Thu 9 Apr: pending, no breach; no assessment, so no referral duty yet.
 * V-E recorded Wed 1 Apr, no referral wanted: written acknowledgement due Thu 2 Apr, none: breach.
 * Every update is on time (28 days), every needs assessment done or pending.
 */
const NOW = '2026-04-08T11:00:00Z';
const STRICT_POLICY = { fullyCompliant: ['needsAssessment', 'updates', 'referral', 'writtenAcknowledgement'] };

async function startWith(policy: object | null): Promise<{ test: TestApp; dir: string }> {
  const dir = await mkdtemp(join(tmpdir(), 'vcop-obligations-'));
  const env: Record<string, string> = { VCOP_NOW: NOW };
  if (policy) {
    env.VCOP_POLICY_FILE = join(dir, 'policy.json');
    await writeFile(env.VCOP_POLICY_FILE, JSON.stringify(policy));
  }
  const test = await startTestApp({ env });
  expect((await postRecords(test, await fixture('later-duties.ndjson'))).status).toBe(200);
  return { test, dir };
}

async function compliance(test: TestApp, query = ''): Promise<Record<string, unknown>> {
  const response = await test.api(`/v1/units/T1/compliance${query}`);
  expect(response.status).toBe(200);
  return (await response.json()) as Record<string, unknown>;
}

const OBLIGATIONS_AT_NOW = {
  needsAssessment: { compliant: 5, total: 5, rate: 100 },
  updates: { compliant: 5, total: 5, rate: 100 },
  referral: { compliant: 2, total: 3, rate: 66.7 },
  writtenAcknowledgement: { compliant: 3, total: 5, rate: 60 },
  decisionUpdates: { compliant: 1, total: 2, rate: 50 },
};

describe('obligations in the figures API, against a hand-worked fixture over Easter and the clock change', () => {
  const started: { test: TestApp; dir: string }[] = [];
  let defaults: TestApp;
  let strict: TestApp;

  beforeAll(async () => {
    started.push(await startWith(null), await startWith(STRICT_POLICY));
    [defaults, strict] = started.map((s) => s.test) as [TestApp, TestApp];
  }, 60_000);
  afterAll(async () => {
    for (const s of started) {
      await s.test.close();
      await rm(s.dir, { recursive: true, force: true });
    }
  });

  it('with the default policy: fully compliant is the needs assessment and updates only; every duty has its figure', async () => {
    expect(await compliance(defaults)).toMatchObject({ total: 5, compliant: 5, rate: 100, rag: 'GREEN', obligations: OBLIGATIONS_AT_NOW });
  });

  it('a policy adding referral and written acknowledgement to fully compliant: V-B, V-C and V-E fall out', async () => {
    expect(await compliance(strict)).toMatchObject({
      total: 5,
      compliant: 2,
      rate: 40,
      rag: 'RED',
      needsAssessment: { compliant: 5, total: 5, rate: 100 },
      updates: { compliant: 5, total: 5, rate: 100 },
      obligations: OBLIGATIONS_AT_NOW,
    });
  });

  it('a period answers the end of March beside February, obligations included', async () => {
    // 31 Mar 23:59:59.999 BST: V-B and V-C live. V-B: referral due today (not a breach yet), acknowledgement
    // missing since 30 Mar, arrest due 8 Apr (owed, not a breach). V-C: referral due today, acknowledged.
    expect(await compliance(strict, '?period=2026-03')).toMatchObject({
      total: 2,
      compliant: 1,
      rate: 50,
      obligations: {
        needsAssessment: { compliant: 2, total: 2, rate: 100 },
        updates: { compliant: 2, total: 2, rate: 100 },
        referral: { compliant: 2, total: 2, rate: 100 },
        writtenAcknowledgement: { compliant: 1, total: 2, rate: 50 },
        decisionUpdates: { compliant: 1, total: 1, rate: 100 },
      },
      period: { label: 'March 2026', ended: true },
      previous: {
        total: 0,
        rate: null,
        obligations: {
          needsAssessment: { compliant: 0, total: 0, rate: null },
          updates: { compliant: 0, total: 0, rate: null },
          referral: { compliant: 0, total: 0, rate: null },
          writtenAcknowledgement: { compliant: 0, total: 0, rate: null },
          decisionUpdates: { compliant: 0, total: 0, rate: null },
        },
      },
    });
  });
});
