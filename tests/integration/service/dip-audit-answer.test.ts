import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_DIP_QUESTIONS } from '../../../src/domain/dip-policy.js';
import type { Person } from '../../../src/domain/types.js';
import { answerQuestion, type Answer } from '../../../src/service/answer-question.js';
import type { DipAuditFigures } from '../../../src/service/dip-audit-figures.js';
import { dipAuditsOver } from '../../../src/service/dip-audit-period.js';
import { saveDipAudit } from '../../../src/service/dip-audit.js';
import { dipForceNdjson } from '../../support/dip-force.js';
import { postRecords, startTestApp, type TestApp } from '../../support/test-app.js';

/**
 * Questions about the dip-sample audits (issue 16 part 3) on the hand-worked dip force (tests/support/dip-force.ts),
 * Fri 20 Nov 2026. In North Team 1's November sample the inspector submits two audits: a case the records call
 * fully compliant (every third, CR-N-T1-001, -004, ...) that the reviewer says was neither Code compliant nor good
 * service (box-ticked), and a neglected case the reviewer passes on both; a third case has one answer saved.
 * So North LPA's November: 20 drawn, 2 submitted, 18 outstanding (1 started), Code compliant 1 of 2, good service
 * 1 of 2, records fully compliant 1 of 2, one box-ticked case.
 */
let test: TestApp;
let inspector: Person;
let boxTicked: string;

const answers = (given: Record<string, 'yes' | 'no' | 'na'>) =>
  DEFAULT_DIP_QUESTIONS.map((q) => ({ questionId: q.id, answer: given[q.id] ?? ('yes' as const) }));

beforeAll(async () => {
  test = await startTestApp();
  expect((await postRecords(test, dipForceNdjson())).status).toBe(200);
  inspector = (await test.app.services.people.findById('P5')) as Person;
  const sample = await (await test.api('/v1/units/N-T1/dip-sample?period=2026-11')).json();
  const cases = (sample as { samples: { cases: { crimeReference: string; closedBeforeDraw: boolean }[] }[] }).samples[0]!.cases.filter(
    (c) => !c.closedBeforeDraw,
  );
  boxTicked = cases.find((c) => Number(c.crimeReference.slice(-3)) % 3 === 1)!.crimeReference;
  const [neglected, halfDone] = cases.filter((c) => Number(c.crimeReference.slice(-3)) % 3 !== 1).map((c) => c.crimeReference);
  const at = test.app.services.clock.now();
  const save = (caseId: string, changes: ReturnType<typeof answers>, submit: boolean) =>
    saveDipAudit(test.app.services, inspector, { ref: { unitId: 'N-T1', period: '2026-11', caseId }, changes, submit, at });
  expect((await save(boxTicked, answers({ codeCompliant: 'no', goodService: 'no' }), true)).kind).toBe('submitted');
  expect((await save(neglected!, answers({ vpsUsed: 'na' }), true)).kind).toBe('submitted');
  expect((await save(halfDone!, [{ questionId: 'codeCompliant', answer: 'no' }], false)).kind).toBe('saved');
}, 60_000);

afterAll(async () => {
  await test?.close();
});

const ask = async (person: Person | string, text: string): Promise<Answer> =>
  answerQuestion(
    test.app.services,
    typeof person === 'string' ? ((await test.app.services.people.findById(person)) as Person) : person,
    text,
  );

function dipAnswer(answer: Answer) {
  if (answer.kind !== 'dip_audit') throw new Error(`expected a dip_audit answer, got ${JSON.stringify(answer)}`);
  return answer;
}

/** `GET /v1/units/{id}/dip-audits?period=` as the API answers it. */
async function apiFigures(unitId: string, period: string): Promise<DipAuditFigures> {
  return (await (await test.api(`/v1/units/${unitId}/dip-audits?period=${period}`)).json()) as DipAuditFigures;
}

const fact = (answer: Answer, title: string) => dipAnswer(answer).facts.find((f) => f.title === title)?.value;

describe('questions about the dip-sample audits', () => {
  it("answers the results for the inspector's own command, beside the records' figure for the same cases", async () => {
    const answer = dipAnswer(await ask(inspector, 'dip sample results this month'));
    expect(answer.headline).toBe(
      'North LPA dip sample, November 2026: 50.0% Code compliant (of 2 audited) · ' +
        'the records said 50.0% (1 of 2) fully compliant for the same cases.',
    );
    expect(answer.facts).toEqual([
      { title: 'Cases drawn', value: '20' },
      { title: 'Audits submitted', value: '2' },
      { title: 'Code compliant (reviewers)', value: '50.0% (1 of 2)' },
      { title: 'Good service (reviewers)', value: '50.0% (1 of 2)' },
      { title: 'Fully compliant (records, same cases)', value: '50.0% (1 of 2)' },
      { title: 'Records compliant, reviewer not', value: '1' },
    ]);
    expect(answer.notes).toContain('Was the case Code compliant? 50.0% yes (1 of 2)');
    expect(answer.readAs).toBe(
      'Read as: North LPA · dip-sample audits (reviewers beside the records) · November 2026 (no place given, so: yours)',
    );
  });

  it('leads with good service when asked, and counts the audits outstanding (drawn, not submitted)', async () => {
    expect(dipAnswer(await ask(inspector, '% good service in the audits for North Team 1')).headline).toMatch(
      /^North Team 1 dip sample, November 2026 \(the current sample\): 50\.0% good service \(of 2 audited\) · 50\.0% Code compliant · /,
    );
    const outstanding = await ask(inspector, 'how many audits are outstanding');
    expect(dipAnswer(outstanding).headline).toBe(
      'North LPA dip sample, November 2026 (the current sample): 18 of 20 audits outstanding (drawn, not submitted).',
    );
    expect(fact(outstanding, 'Of those, answers saved')).toBe('1');
    expect(dipAnswer(outstanding).readAs).toBe(
      'Read as: North LPA · dip-sample audits outstanding (drawn, not submitted) · November 2026 (the current sample) ' +
        '(no place given, so: yours; no period given, so: the current sample)',
    );
  });

  it('lists the box-ticked cases by crime reference only', async () => {
    const answer = dipAnswer(await ask(inspector, 'which cases were marked compliant but failed the audit this month'));
    expect(answer.facts).toEqual([{ title: boxTicked, value: 'North Team 1 · November 2026' }]);
    expect(JSON.stringify(answer)).not.toMatch(/V-CR|Patel/);
  });

  it('says plainly when no audit was submitted for the period, with how far the audits got', async () => {
    const answer = dipAnswer(await ask(inspector, 'dip sample results for North Team 2 this month'));
    expect(answer.headline).toBe(
      'No dip-sample audit of North Team 2 was submitted for November 2026; 10 cases were drawn, 0 answered so far.',
    );
  });

  it("sums a quarter's months, and says the month still to be drawn", async () => {
    const answer = dipAnswer(await ask(inspector, 'dip sample results for North LPA this quarter'));
    const october = await apiFigures('N-LPA', '2026-10');
    const november = await apiFigures('N-LPA', '2026-11');
    expect(fact(answer, 'Cases drawn')).toBe(String(october.sampled + november.sampled));
    expect(fact(answer, 'Audits submitted')).toBe(String(october.submitted + november.submitted));
    expect(answer.notes[0]).toBe('The December 2026 sample is drawn on Tue 1 Dec: not counted yet.');
    expect(answer.readAs).toBe('Read as: North LPA · dip-sample audits (reviewers beside the records) · Q4 2026');
  });

  it("refuses a sergeant, an officer and another command's inspector with the reason, and a week (a sample is a month's)", async () => {
    expect(await ask('P1', 'dip sample results')).toEqual({
      kind: 'refusal',
      reason: "Dip samples are audited by the command's inspector (or a senior lead), not by the team itself.",
    });
    expect(await ask('P2', 'how many audits are outstanding')).toMatchObject({ kind: 'refusal', reason: /inspector/ });
    expect(await ask('P8', 'dip sample results for North Team 1')).toMatchObject({ kind: 'refusal' });
    expect(await ask(inspector, 'dip sample results last week')).toMatchObject({ kind: 'refusal', reason: /once a month/ });
  });

  it('reads a question about the audits locally, never by the optional AI planner (it knows only the figures)', async () => {
    let asked = 0;
    const planner = {
      plan: async () => {
        asked += 1;
        return {
          kind: 'query' as const,
          query: {
            intent: { kind: 'figure' as const },
            metric: 'overall' as const,
            scope: { kind: 'force' as const },
            period: { kind: 'now' as const },
          },
        };
      },
    };
    const answer = await answerQuestion({ ...test.app.services, planner }, inspector, 'how many audits are outstanding');
    expect(answer.kind).toBe('dip_audit');
    expect(asked).toBe(0);
    expect((await answerQuestion({ ...test.app.services, planner }, inspector, 'how are we doing')).kind).toBe('refusal');
    expect(asked).toBe(1);
  });

  it("answers a senior lead for the force, the months' figures as the API's", async () => {
    const answer = await ask('P7', 'audit results this month');
    const api = await apiFigures('FORCE', '2026-11');
    expect(fact(answer, 'Cases drawn')).toBe(String(api.sampled));
    expect(fact(answer, 'Records compliant, reviewer not')).toBe(String(api.dataSaidCompliantReviewerSaidNot.length));
    const summed = await dipAuditsOver(test.app.services, 'FORCE', ['2026-11']);
    expect(summed).toMatchObject({
      kind: 'figures',
      figures: { sampled: api.sampled, submitted: 2, outstanding: api.sampled - 2, started: 1 },
    });
  });
});
