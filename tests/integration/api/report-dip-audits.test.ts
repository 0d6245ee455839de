import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_DIP_QUESTIONS } from '../../../src/domain/dip-policy.js';
import type { Person } from '../../../src/domain/types.js';
import type { DipAuditFigures } from '../../../src/service/dip-audit-figures.js';
import { saveDipAudit } from '../../../src/service/dip-audit.js';
import { dipForceNdjson } from '../../support/dip-force.js';
import { postRecords, startTestApp, type TestApp } from '../../support/test-app.js';

/**
 * The performance report's dip-sample section (issue 16 part 3) on the dip force, Fri 20 Nov 2026: North Team 1's
 * inspector submits two November audits, one of them box-ticked; the report of North LPA for November carries the
 * same figures as GET /v1/units/N-LPA/dip-audits?period=2026-11, counts only, in JSON, CSV and HTML.
 */
let test: TestApp;
let dip: DipAuditFigures;

beforeAll(async () => {
  test = await startTestApp();
  expect((await postRecords(test, dipForceNdjson())).status).toBe(200);
  const sample = (await (await test.api('/v1/units/N-T1/dip-sample?period=2026-11')).json()) as {
    samples: { cases: { crimeReference: string; closedBeforeDraw: boolean }[] }[];
  };
  const live = sample.samples[0]!.cases.filter((c) => !c.closedBeforeDraw).map((c) => c.crimeReference);
  const inspector = (await test.app.services.people.findById('P5')) as Person;
  const submit = (caseId: string, codeCompliant: 'yes' | 'no') =>
    saveDipAudit(test.app.services, inspector, {
      ref: { unitId: 'N-T1', period: '2026-11', caseId },
      changes: DEFAULT_DIP_QUESTIONS.map((q) => ({
        questionId: q.id,
        answer: q.id === 'codeCompliant' ? codeCompliant : ('yes' as const),
      })),
      submit: true,
      at: test.app.services.clock.now(),
    });
  // CR-N-T1-001, -004, ...: the records call them fully compliant (tests/support/dip-force.ts).
  expect((await submit(live.find((id) => Number(id.slice(-3)) % 3 === 1)!, 'no')).kind).toBe('submitted');
  expect((await submit(live.find((id) => Number(id.slice(-3)) % 3 !== 1)!, 'yes')).kind).toBe('submitted');
  dip = (await (await test.api('/v1/units/N-LPA/dip-audits?period=2026-11')).json()) as DipAuditFigures;
}, 60_000);

afterAll(async () => {
  await test?.close();
});

const report = async (format: string) => (await test.api(`/v1/units/N-LPA/report?period=2026-11&format=${format}`)).text();

describe("the performance report's dip-sample audits", () => {
  it("carries the dip-audits API's figures for the unit and month, the box-ticked cases counted, not named", async () => {
    const body = JSON.parse(await report('json')) as { dipAudits: unknown };
    expect(body.dipAudits).toEqual({
      state: 'drawn',
      period: '2026-11',
      sampled: dip.sampled,
      submitted: 2,
      outstanding: dip.sampled - 2,
      codeCompliant: dip.codeCompliant,
      goodService: dip.goodService,
      dataFullyCompliant: dip.dataFullyCompliant,
      boxTicked: 1,
    });
    expect(dip.dataSaidCompliantReviewerSaidNot).toHaveLength(1);
    const [crimeReference] = dip.dataSaidCompliantReviewerSaidNot.map((c) => c.crimeReference);
    for (const format of ['json', 'csv', 'html']) expect(await report(format)).not.toContain(crimeReference);
  });

  it('adds the dip rows to the CSV and a dip line to the page', async () => {
    expect(await report('csv')).toContain(',dipBoxTicked,"Dip sample: records compliant, reviewer not (of those audited)",false,1,2,50,');
    expect(await report('html')).toContain('2 of 20 drawn cases audited (18 outstanding)');
  });

  it('says when the month is not drawn yet (Sun 1 Nov 2026, the draw on Mon 2 Nov), rather than counting nothing', async () => {
    const early = await startTestApp({ env: { VCOP_NOW: '2026-11-01T12:00:00Z' } });
    try {
      expect((await postRecords(early, dipForceNdjson())).status).toBe(200);
      const body = (await (await early.api('/v1/units/N-LPA/report?period=2026-11')).json()) as { dipAudits: unknown };
      expect(body.dipAudits).toEqual({ state: 'not_drawn_yet', period: '2026-11', drawOn: '2026-11-02' });
    } finally {
      await early.close();
    }
  }, 60_000);
});
