import type { WorkingCalendar } from '../../domain/calendar.js';
import type { PeriodSpec } from '../../domain/periods.js';
import type { Intent } from '../../domain/questions/index.js';
import type { Person, Ratio } from '../../domain/types.js';
import { dayText } from '../../domain/wording.js';
import type { Db } from '../../store/db.js';
import { UnitScope, authoriseDipAudit } from '../authorise.js';
import { dipAuditsOver, monthsOf, type DipAuditPeriodFigures } from '../dip-audit-period.js';
import { currentDipPeriod, type DipSampleDeps } from '../dip-sample.js';
import type { AnswerOf } from './answer-types.js';
import { dipFacts, dipHeadline, monthLabel, unlistedNote, type DipFact } from './dip-audit-wording.js';
import type { Target } from './scope-checks.js';

/**
 * "Dip sample results for North LPA this quarter", "how many audits are outstanding" (issue 16, part 3): the
 * same figures as `GET /v1/units/{id}/dip-audits` for each month asked about, a quarter's months summed, for
 * the inspector over the unit or a senior lead (authorise.ts `authoriseDipAudit`, as the sample card); anyone
 * else is refused with the reason. A period with no submitted audit says so, with how far the audits have got.
 */

export type DipAuditAnswer = Omit<AnswerOf<'dip_audit'>, 'readAs'>;

/** What the answer reads: the store and the working calendar besides what every answer has. */
export type DipAnswerDeps = Pick<DipSampleDeps, 'clock' | 'policy' | 'queries'> & {
  db?: Db | undefined;
  calendar?: WorkingCalendar | undefined;
};

type Refusal = AnswerOf<'refusal'>;
type DipIntent = Extract<Intent, { kind: 'dip_audit' }>;

const EXAMPLE = 'e.g. "dip sample results for North Team 1 this month" or "how many audits are outstanding in October".';

export async function dipAuditAnswer(
  deps: DipAnswerDeps,
  asker: Person,
  target: Target,
  intent: DipIntent,
  period: PeriodSpec,
): Promise<{ answer: DipAuditAnswer | Refusal; sampleMonths: string }> {
  const refuse = (reason: string, hint?: string) => ({
    answer: { kind: 'refusal' as const, reason, ...(hint ? { hint } : {}) },
    sampleMonths: '',
  });
  const { db, calendar } = deps;
  if (!db || !calendar) return refuse('Dip-sample audits are not kept where this question was asked.');
  const sampleDeps: DipSampleDeps = { ...deps, db, calendar };
  const scope = await UnitScope.load(deps.queries);
  if (target.kind === 'officer') {
    const own = authoriseDipAudit(asker, asker.unitId, scope);
    if (!own.allowed) return refuse(own.reason);
    return refuse("Dip samples are of a team's cases, not of one officer's.", `Ask about a team or command, ${EXAMPLE}`);
  }
  const decision = authoriseDipAudit(asker, target.unit.id, scope);
  if (!decision.allowed) return refuse(decision.reason);

  const months = monthsAskedAbout(period, currentDipPeriod(sampleDeps));
  if (!months)
    return refuse('Dip samples are drawn once a month, so they are counted by month.', `Ask about a month or a quarter, ${EXAMPLE}`);
  const sampleMonths = months.label;
  const result = await dipAuditsOver(sampleDeps, target.unit.id, months.periods);
  switch (result.kind) {
    case 'unknown_unit':
      return refuse('That unit is not one I know: it may have been renamed or closed.');
    case 'below_level':
      return refuse(
        `Dip samples are drawn per ${result.level}, and ${target.unit.name} is below that.`,
        result.sampledUnit ? `Ask about ${result.sampledUnit.name}.` : undefined,
      );
    case 'not_drawn_yet':
      return {
        answer: {
          kind: 'dip_audit',
          headline:
            `${target.unit.name}'s ${monthLabel(result.period)} dip sample is drawn on ${dayText(result.drawOn)}: ` +
            'nothing to audit yet.',
          facts: [],
          notes: [],
        },
        sampleMonths,
      };
    case 'figures':
      return { answer: answerOf(target.unit.name, months.label, intent, result.figures), sampleMonths };
  }
}

function answerOf(name: string, label: string, intent: DipIntent, figures: DipAuditPeriodFigures): DipAuditAnswer {
  const notes = figures.notDrawn.map((m) => `The ${monthLabel(m.period)} sample is drawn on ${dayText(m.drawOn)}: not counted yet.`);
  const facts: DipFact[] = dipFacts(intent.show, figures);
  if (intent.show === 'results' && figures.submitted > 0) {
    notes.push(
      ...figures.questions.map(
        (q) => `${q.text} ${ratioText(q, 'yes')}${q.notApplicable > 0 ? ` (${q.notApplicable} not applicable)` : ''}`,
      ),
    );
  }
  const unlisted = intent.show === 'box_ticked' ? unlistedNote(figures) : null;
  if (unlisted) notes.push(unlisted);
  return { kind: 'dip_audit', headline: dipHeadline(name, label, intent, figures), facts, notes };
}

function ratioText(ratio: Ratio, word: string): string {
  return ratio.rate === null ? `none answered ${word} or no` : `${ratio.rate.toFixed(1)}% ${word} (${ratio.compliant} of ${ratio.total})`;
}

/**
 * The months a question's period covers: a month, a quarter's or a year's months up to the current sample, or
 * the current sample when no period was given. Null for a week or a day (a sample is a month's).
 */
export function monthsAskedAbout(period: PeriodSpec, current: string): { periods: string[]; label: string } | null {
  const upToCurrent = (periods: string[]) => periods.filter((p) => p <= current);
  switch (period.kind) {
    case 'now':
      return { periods: [current], label: `${monthLabel(current)} (the current sample)` };
    case 'month': {
      const month = monthsOf(period, 1);
      return { periods: month, label: monthLabel(month[0]!) };
    }
    case 'quarter':
      // A month of the quarter still to be drawn is said, not counted (dipAuditsOver).
      return {
        periods: monthsOf({ year: period.year, month: (period.quarter - 1) * 3 + 1 }, 3),
        label: `Q${period.quarter} ${period.year}`,
      };
    case 'year': {
      const periods = upToCurrent(monthsOf({ year: period.year, month: 1 }, 12));
      return { periods: periods.length > 0 ? periods : [`${period.year}-01`], label: String(period.year) };
    }
    default:
      return null;
  }
}
