import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_DIP_QUESTIONS } from '../../../src/domain/dip-policy.js';
import type { Person } from '../../../src/domain/types.js';
import { saveDipAudit } from '../../../src/service/dip-audit.js';
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

describe('GET /v1/units/{id}/dip-audits', () => {
  /** Every question answered `yes`, but for the answers given. */
  const answers = (given: Record<string, 'yes' | 'no' | 'na'>) =>
    DEFAULT_DIP_QUESTIONS.map((q) => ({ questionId: q.id, answer: given[q.id] ?? ('yes' as const) }));

  it("sets the reviewers' answers beside the records' fully-compliant figure for the same cases, and lists the box-ticked", async () => {
    const sample = await get('/v1/units/N-T1/dip-sample?period=2026-11');
    const cases = ((sample.body.samples as { cases: { crimeReference: string; closedBeforeDraw: boolean }[] }[])[0]?.cases ?? []).filter(
      (c) => !c.closedBeforeDraw,
    );
    // CR-N-T1-001, -004, ... were assessed and updated in time (tests/support/dip-force.ts); the others never.
    const lookedAfter = cases.find((c) => Number(c.crimeReference.slice(-3)) % 3 === 1)?.crimeReference ?? '';
    const [neglected, halfDone] = cases.filter((c) => Number(c.crimeReference.slice(-3)) % 3 !== 1).map((c) => c.crimeReference);
    expect(lookedAfter && neglected && halfDone).toBeTruthy();
    const inspector = (await test.app.services.people.findById('P5')) as Person;
    const at = test.app.services.clock.now();
    const save = (caseId: string, changes: ReturnType<typeof answers>, submit: boolean) =>
      saveDipAudit(test.app.services, inspector, { ref: { unitId: 'N-T1', period: '2026-11', caseId }, changes, submit, at });
    expect((await save(lookedAfter, answers({ codeCompliant: 'no', goodService: 'no' }), true)).kind).toBe('submitted');
    expect((await save(neglected as string, answers({ vpsUsed: 'na' }), true)).kind).toBe('submitted');
    expect((await save(halfDone as string, [{ questionId: 'codeCompliant', answer: 'no' }], false)).kind).toBe('saved');

    const { status, body } = await get('/v1/units/N-LPA/dip-audits?period=2026-11');
    expect(status).toBe(200);
    expect(body).toMatchObject({
      unit: { id: 'N-LPA' },
      period: '2026-11',
      sampled: 20,
      submitted: 2,
      codeCompliant: { compliant: 1, total: 2, rate: 50 },
      goodService: { compliant: 1, total: 2, rate: 50 },
      dataFullyCompliant: { compliant: 1, total: 2, rate: 50 },
      dataSaidCompliantReviewerSaidNot: [
        { crimeReference: lookedAfter, team: { id: 'N-T1', name: 'North Team 1' }, oic: { id: 'P2', name: 'PC 2002 Patel' } },
      ],
    });
    const questions = body.questions as { id: string }[];
    expect(questions.map((q) => q.id)).toEqual(DEFAULT_DIP_QUESTIONS.map((q) => q.id));
    expect(questions[7]).toEqual({
      id: 'vpsUsed',
      text: 'Was the VPS used?',
      yes: 1,
      no: 0,
      notApplicable: 1,
      compliant: 1,
      total: 1,
      rate: 100,
    });
    expect((await get('/v1/units/S-LPA/dip-audits?period=2026-11')).body).toMatchObject({
      submitted: 0,
      dataFullyCompliant: { total: 0, rate: null },
    });
  });
});
