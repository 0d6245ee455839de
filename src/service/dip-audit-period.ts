import { toRatio } from '../domain/figures.js';
import type { LocalDate, Ratio, UnitRef } from '../domain/types.js';
import { figuresOfSample, type BoxTickedCase, type DipAuditFigures, type QuestionFigures } from './dip-audit-figures.js';
import { dipSampleOf, type DipSampleDeps, type DipSampleResult } from './dip-sample.js';

/**
 * The dip-sample audits of a unit over one or more months (issue 16, part 3): a quarter is its months' samples
 * summed. Each month's figures are `GET /v1/units/{id}/dip-audits`'s for that month (dip-audit-figures.ts);
 * this adds them up, and counts the drawn cases not yet submitted (outstanding) and those with answers saved.
 * A month whose draw day has not come is listed, not counted. Crime references only: no victim details.
 */

export interface DipAuditMonth {
  period: string;
  sampled: number;
  submitted: number;
  /** Cases with answers saved and not submitted yet. */
  started: number;
}

export interface DipAuditPeriodFigures {
  unit: UnitRef;
  /** The months counted, oldest first, each with its own counts. */
  months: DipAuditMonth[];
  /** Months of the period whose sample is not drawn yet: nothing of them is counted. */
  notDrawn: { period: string; drawOn: LocalDate }[];
  sampled: number;
  submitted: number;
  /** Drawn and not submitted. */
  outstanding: number;
  started: number;
  codeCompliant: Ratio | null;
  goodService: Ratio | null;
  questions: QuestionFigures[];
  /** The records' fully-compliant figure over the same submitted cases. */
  dataFullyCompliant: Ratio;
  dataSaidCompliantReviewerSaidNot: (BoxTickedCase & { period: string })[];
}

export type DipAuditPeriodResult =
  | { kind: 'figures'; figures: DipAuditPeriodFigures }
  | Extract<DipSampleResult, { kind: 'unknown_unit' | 'below_level' }>
  /** No month of the period has been drawn yet: the first one's draw day. */
  | { kind: 'not_drawn_yet'; period: string; drawOn: LocalDate };

export async function dipAuditsOver(deps: DipSampleDeps, unitId: string, periods: readonly string[]): Promise<DipAuditPeriodResult> {
  const counted: { figures: DipAuditFigures; month: DipAuditMonth }[] = [];
  const notDrawn: { period: string; drawOn: LocalDate }[] = [];
  for (const period of periods) {
    const sample = await dipSampleOf(deps, unitId, period);
    if (sample.kind === 'unknown_unit' || sample.kind === 'below_level') return sample;
    if (sample.kind === 'not_drawn_yet') {
      notDrawn.push({ period, drawOn: sample.drawOn });
      continue;
    }
    const cases = sample.samples.flatMap((s) => s.cases);
    const started = cases.filter((c) => c.audit.submittedAt === null && c.audit.answered > 0).length;
    const figures = await figuresOfSample(deps, sample);
    counted.push({ figures, month: { period, sampled: figures.sampled, submitted: figures.submitted, started } });
  }
  const first = counted[0];
  if (!first) {
    const next = notDrawn[0];
    if (!next) throw new RangeError('dipAuditsOver needs at least one month');
    return { kind: 'not_drawn_yet', period: next.period, drawOn: next.drawOn };
  }
  const all = counted.map((c) => c.figures);
  const sum = (pick: (f: DipAuditFigures) => number) => all.reduce((n, f) => n + pick(f), 0);
  const months = counted.map((c) => c.month);
  const sampled = sum((f) => f.sampled);
  const submitted = sum((f) => f.submitted);
  return {
    kind: 'figures',
    figures: {
      unit: first.figures.unit,
      months,
      notDrawn,
      sampled,
      submitted,
      outstanding: sampled - submitted,
      started: months.reduce((n, m) => n + m.started, 0),
      codeCompliant: sumRatios(all.map((f) => f.codeCompliant)),
      goodService: sumRatios(all.map((f) => f.goodService)),
      questions: sumQuestions(all.map((f) => f.questions)),
      dataFullyCompliant: sumRatios(all.map((f) => f.dataFullyCompliant)) ?? toRatio(0, 0),
      dataSaidCompliantReviewerSaidNot: all.flatMap((f) => f.dataSaidCompliantReviewerSaidNot.map((c) => ({ ...c, period: f.period }))),
    },
  };
}

/** The ratios added up (null when every month's is null: the policy asked no such question). */
function sumRatios(ratios: readonly (Ratio | null)[]): Ratio | null {
  const present = ratios.filter((r): r is Ratio => r !== null);
  if (present.length === 0) return null;
  return toRatio(
    present.reduce((n, r) => n + r.compliant, 0),
    present.reduce((n, r) => n + r.total, 0),
  );
}

/** Each question's answers added up over the months, by question id, in the order first asked. */
function sumQuestions(perMonth: readonly QuestionFigures[][]): QuestionFigures[] {
  const byId = new Map<string, QuestionFigures>();
  for (const questions of perMonth) {
    for (const q of questions) {
      const before = byId.get(q.id);
      if (!before) {
        byId.set(q.id, { ...q });
        continue;
      }
      const yes = before.yes + q.yes;
      const no = before.no + q.no;
      byId.set(q.id, { ...before, yes, no, notApplicable: before.notApplicable + q.notApplicable, ...toRatio(yes, yes + no) });
    }
  }
  return [...byId.values()];
}

/** The months a period covers, as YYYY-MM, oldest first ("2026-10".."2026-12" for Q4 2026). */
export function monthsOf(first: { year: number; month: number }, count: number): string[] {
  return Array.from({ length: count }, (_unused, i) => {
    const index = first.year * 12 + first.month - 1 + i;
    return `${Math.floor(index / 12)}-${String((index % 12) + 1).padStart(2, '0')}`;
  });
}
