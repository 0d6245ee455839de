import { toRatio } from '../domain/figures.js';
import type { Ratio, UnitRef } from '../domain/types.js';
import { DipAuditStore, type DipAnswerValue } from '../store/dip-audit-store.js';
import { dutiesOf } from './dip-duties.js';
import { dipSampleOf, type DipSampleDeps, type DipSampleResult } from './dip-sample.js';

/** Yes / No / Not applicable counts of one question over the submitted audits; `rate`: Yes of Yes and No. */
export interface QuestionFigures extends Ratio {
  id: string;
  text: string;
  yes: number;
  no: number;
  notApplicable: number;
}

/** A case the records judged fully compliant and the reviewer said was not: the box-ticking signal. */
export interface BoxTickedCase {
  crimeReference: string;
  category: string;
  team: { id: string; name: string };
  oic: { id: string; name: string };
}

export interface DipAuditFigures {
  unit: UnitRef;
  period: string;
  sampled: number;
  submitted: number;
  /** The reviewers' "was it Code compliant?" and "was the service good?" (null when the policy asks neither). */
  codeCompliant: Ratio | null;
  goodService: Ratio | null;
  questions: QuestionFigures[];
  /** The records' own fully-compliant figure over the same submitted cases (a case: every victim fully compliant). */
  dataFullyCompliant: Ratio;
  dataSaidCompliantReviewerSaidNot: BoxTickedCase[];
}

export type DipAuditFiguresResult = { kind: 'figures'; figures: DipAuditFigures } | Exclude<DipSampleResult, { kind: 'sample' }>;

const CODE_COMPLIANT = 'codeCompliant';
const GOOD_SERVICE = 'goodService';

/**
 * Audit figures per unit and month (issue 16, part 3): over the submitted audits of the unit's sample, the
 * reviewers' answers per question, set beside what the records said about the same cases when they were
 * drawn, and the cases where the records said compliant and the reviewer said not.
 */
export async function dipAuditFigures(deps: DipSampleDeps, unitId: string, period: string): Promise<DipAuditFiguresResult> {
  const sample = await dipSampleOf(deps, unitId, period);
  if (sample.kind !== 'sample') return sample;
  return { kind: 'figures', figures: await figuresOfSample(deps, sample) };
}

/** The audit figures of a sample already read (dipSampleOf). */
export async function figuresOfSample(
  deps: Pick<DipSampleDeps, 'db' | 'policy'>,
  sample: Extract<DipSampleResult, { kind: 'sample' }>,
): Promise<DipAuditFigures> {
  const { period } = sample;
  const store = new DipAuditStore(deps.db);
  const answers = await store.submittedAnswers(
    sample.samples.map((s) => s.unit.id),
    period,
  );
  const byCase = new Map<string, Map<string, DipAnswerValue>>();
  for (const a of answers) byCase.set(a.caseId, (byCase.get(a.caseId) ?? new Map()).set(a.questionId, a.answer));
  const questions = sample.samples[0]?.questions ?? deps.policy.dipQuestions;
  const submittedCases = sample.samples.flatMap((s) => s.cases.filter((c) => c.audit.submittedAt !== null).map((c) => ({ sample: s, c })));

  let dataCompliant = 0;
  const boxTicked: BoxTickedCase[] = [];
  for (const { sample: unitSample, c } of submittedCases) {
    const at = c.closedAt ? new Date(c.closedAt.getTime() - 1) : unitSample.asOf;
    const duties = dutiesOf(await store.dutiesAt(c.caseId, at, deps.policy), at);
    if (duties.fullyCompliant !== true) continue;
    dataCompliant += 1;
    if (byCase.get(c.caseId)?.get(CODE_COMPLIANT) === 'no') {
      boxTicked.push({
        crimeReference: c.caseId,
        category: c.category,
        team: { id: unitSample.unit.id, name: unitSample.unit.name },
        oic: c.oic,
      });
    }
  }
  const perQuestion = questions.map((q) =>
    questionFigures(
      q,
      [...byCase.values()].map((m) => m.get(q.id)),
    ),
  );
  const ratioOf = (id: string) => {
    const found = perQuestion.find((q) => q.id === id);
    return found ? toRatio(found.compliant, found.total) : null;
  };
  return {
    unit: sample.unit,
    period,
    sampled: sample.samples.reduce((n, s) => n + s.cases.length, 0),
    submitted: submittedCases.length,
    codeCompliant: ratioOf(CODE_COMPLIANT),
    goodService: ratioOf(GOOD_SERVICE),
    questions: perQuestion,
    dataFullyCompliant: toRatio(dataCompliant, submittedCases.length),
    dataSaidCompliantReviewerSaidNot: boxTicked,
  };
}

function questionFigures(question: { id: string; text: string }, answers: (DipAnswerValue | undefined)[]): QuestionFigures {
  const yes = answers.filter((a) => a === 'yes').length;
  const no = answers.filter((a) => a === 'no').length;
  const notApplicable = answers.filter((a) => a === 'na').length;
  return { id: question.id, text: question.text, yes, no, notApplicable, ...toRatio(yes, yes + no) };
}
