import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fixture, postRecords, startTestApp, type TestApp } from '../../support/test-app.js';

/**
 * `GET /v1/units/{id}/digest` with the later duties in the policy's `digestDuties`, over
 * tests/fixtures/later-duties.ndjson (worked by hand in obligations-api.test.ts) at Wednesday 8 April 2026,
 * 12:00 BST, after Easter and the clock change. Due soon: within 3 days.
 * - V-B (CR-B): written acknowledgement due Mon 30 Mar, none: 9 days overdue.
 * - V-C (CR-C): referral due Tue 31 Mar, not made: 8 days overdue.
 * - V-E (CR-E): written acknowledgement due Thu 2 Apr, none: 6 days overdue.
 * - V-A (CR-A, enhanced): charged Thu 2 Apr, 1 working day over Easter: due Tue 7 Apr, not told: 1 day overdue;
 *   referral due Wed 8 Apr (today): due soon.
 * - V-D (CR-D): written acknowledgement due Thu 9 Apr, needs assessment due Fri 10 Apr: both due soon.
 */
const NOW = '2026-04-08T11:00:00Z';

async function startWith(policy: object | null): Promise<{ test: TestApp; dir: string }> {
  const dir = await mkdtemp(join(tmpdir(), 'vcop-digest-duties-api-'));
  const env: Record<string, string> = { VCOP_NOW: NOW };
  if (policy) {
    env.VCOP_POLICY_FILE = join(dir, 'policy.json');
    await writeFile(env.VCOP_POLICY_FILE, JSON.stringify(policy));
  }
  const test = await startTestApp({ env });
  expect((await postRecords(test, await fixture('later-duties.ndjson'))).status).toBe(200);
  return { test, dir };
}

async function digestItems(test: TestApp): Promise<Record<string, unknown>[]> {
  const response = await test.api('/v1/units/T1/digest');
  expect(response.status).toBe(200);
  return ((await response.json()) as { items: Record<string, unknown>[] }).items;
}

describe('the digest API with the later duties', () => {
  const started: { test: TestApp; dir: string }[] = [];

  beforeAll(async () => {
    started.push(
      await startWith(null),
      await startWith({ digestDuties: ['needsAssessment', 'updates', 'referral', 'writtenAcknowledgement', 'decisionUpdates'] }),
    );
  }, 60_000);
  afterAll(async () => {
    for (const s of started) {
      await s.test.close();
      await rm(s.dir, { recursive: true, force: true });
    }
  });

  it('with the default policy lists only the two duties, in the shape it always had', async () => {
    expect(await digestItems(started[0]!.test)).toEqual([
      {
        kind: 'needs_assessment_due_soon',
        caseId: 'CR-D',
        victimId: 'V-D',
        oicId: 'P1',
        category: 'serious acquisitive',
        dueDate: '2026-04-10',
        daysOverdue: 0,
        enhanced: false,
      },
    ]);
  });

  it('with every duty listed carries the new kinds, a decision update naming its decision', async () => {
    const items = await digestItems(started[1]!.test);
    expect(items.map((i) => [i.kind, i.caseId, i.dueDate, i.daysOverdue, i.enhanced])).toEqual([
      ['written_acknowledgement_overdue', 'CR-B', '2026-03-30', 9, false],
      ['referral_overdue', 'CR-C', '2026-03-31', 8, false],
      ['written_acknowledgement_overdue', 'CR-E', '2026-04-02', 6, false],
      ['decision_update_overdue', 'CR-A', '2026-04-07', 1, true],
      ['referral_due_soon', 'CR-A', '2026-04-08', 0, true],
      ['written_acknowledgement_due_soon', 'CR-D', '2026-04-09', 0, false],
      ['needs_assessment_due_soon', 'CR-D', '2026-04-10', 0, false],
    ]);
    expect(items.filter((i) => 'decisionId' in i)).toEqual([
      expect.objectContaining({ kind: 'decision_update_overdue', decisionId: 'DEC-A' }),
    ]);
  });
});
