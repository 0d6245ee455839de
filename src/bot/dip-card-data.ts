import { dateLabel, dayText } from '../domain/wording.js';
import type { UnitNode } from '../domain/types.js';
import type { DipAuditView } from '../service/dip-audit.js';
import type { DutyView } from '../service/dip-duties.js';
import type { DipSampleResult } from '../service/dip-sample.js';
import type { DipAuditCardData, DipSampleCardData } from './cards/index.js';
import { shortName } from './cards/short-name.js';

const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

/** "November 2026" from "2026-11". */
export function monthLabel(period: string): string {
  return `${MONTHS[Number(period.slice(5, 7)) - 1] ?? period} ${period.slice(0, 4)}`;
}

type Sample = Extract<DipSampleResult, { kind: 'sample' }>;

/**
 * The sample card's data: every team's cases, or, with `asUnits` (the caller's choice when the cases do not
 * fit one card), the unit's child units, each with its progress, opening its own sample.
 */
export function dipSampleCardData(result: Sample, units: readonly UnitNode[], questionCount: number, asUnits: boolean): DipSampleCardData {
  const cases = result.samples.flatMap((s) => s.cases);
  return {
    title: `${shortName(result.unit.name)}: dip sample, ${monthLabel(result.period)}`,
    summary: `Drawn ${dayText(result.drawOn)} ${result.drawOn.slice(0, 4)} · ${progressText(cases)}`,
    teams: asUnits
      ? []
      : result.samples.map((sample) => ({
          heading: `${shortName(sample.unit.name)} · ${countText(sample.cases.length)}`,
          cases: sample.cases.map((c) => ({
            ref: { unitId: sample.unit.id, period: result.period, caseId: c.caseId },
            detail: `${c.category} · OIC ${c.oic.name}${c.closedAt ? ' · closed before the draw' : ''}`,
            status: c.audit.submittedAt !== null ? 'submitted' : c.audit.answered > 0 ? 'under_way' : 'not_started',
            statusText: caseStatusText(c.audit, questionCount),
          })),
        })),
    units: asUnits ? childUnits(result, units) : [],
    footer: asUnits
      ? `${result.samples.length} teams, too many cases for one card: open a unit for its teams' cases.`
      : 'Open a case to read it against the audit questions. Answers are kept when you save, and can be changed until you submit.',
  };
}

/** The unit's children holding sampled teams, with their progress ("20 cases · 3 submitted, 1 under way"). */
function childUnits(result: Sample, units: readonly UnitNode[]): DipSampleCardData['units'] {
  const parents = new Map(units.map((u) => [u.id, u.parentId]));
  const childOf = (unitId: string): string | null => {
    for (let current: string | null = unitId; current !== null; current = parents.get(current) ?? null) {
      if (parents.get(current) === result.unit.id) return current;
    }
    return null;
  };
  return units
    .filter((u) => u.parentId === result.unit.id)
    .sort((a, b) => a.name.localeCompare(b.name, 'en-GB'))
    .map((u) => ({ unit: u, cases: result.samples.filter((s) => childOf(s.unit.id) === u.id).flatMap((s) => s.cases) }))
    .filter((entry) => entry.cases.length > 0)
    .map(({ unit, cases }) => ({ title: shortName(unit.name), detail: progressText(cases), unitId: unit.id, period: result.period }));
}

function progressText(cases: readonly { audit: { answered: number; submittedAt: Date | null } }[]): string {
  const submitted = cases.filter((c) => c.audit.submittedAt !== null).length;
  const underWay = cases.filter((c) => c.audit.submittedAt === null && c.audit.answered > 0).length;
  return `${countText(cases.length)} · ${submitted} submitted, ${underWay} under way`;
}

function countText(count: number): string {
  return `${count} ${count === 1 ? 'case' : 'cases'}`;
}

function caseStatusText(audit: { answered: number; submittedAt: Date | null }, questionCount: number): string {
  if (audit.submittedAt !== null) return 'Submitted';
  return audit.answered > 0 ? `${audit.answered} of ${questionCount} answered` : 'Not started';
}

type Notice = DipAuditCardData['notice'];

export function dipAuditCardData(
  view: DipAuditView,
  notice: Notice,
  timeZone: string,
  caseUrlTemplate: string | undefined,
): DipAuditCardData {
  const { case: sampled, audit, duties } = view;
  const answered = [...audit.answers.values()].filter((a) => a.answer !== null).length;
  const total = sampled.questions.length;
  const status = audit.submitted ? 'submitted' : answered > 0 ? 'under_way' : 'not_started';
  const statusText = audit.submitted
    ? `Submitted ${dateLabel(audit.submitted.at, timeZone)} by ${audit.submitted.byName}: the answers can no longer be changed.`
    : answered > 0
      ? `${answered} of ${total} answered. Submit when every question is answered.`
      : 'Not started. Answer each question; Save keeps what you have so far.';
  const judgedAt = sampled.closedAt
    ? `as the case closed (${dateLabel(sampled.closedAt, timeZone)})`
    : `at the draw (${dateLabel(duties.at, timeZone)})`;
  return {
    ref: sampled.ref,
    title: `${sampled.ref.caseId} · ${sampled.category}`,
    subtitle: `${shortName(view.unitName)} · OIC ${sampled.oic.name} · ${monthLabel(sampled.ref.period)} sample`,
    statusText,
    status,
    ...(notice ? { notice } : {}),
    dataHeading:
      `What the records say ${judgedAt}: ` +
      (duties.fullyCompliant === null ? 'no victim then.' : duties.fullyCompliant ? 'fully compliant.' : 'not fully compliant.'),
    victims: duties.victims.map((victim, i) => ({
      heading: `Victim ${i + 1}${victim.enhanced ? ' (enhanced rights)' : ''}`,
      facts: victim.duties.map((duty) => ({ title: DUTY_TITLES[duty.obligation], value: dutyText(duty) })),
    })),
    questions: sampled.questions.map((q) => {
      const saved = audit.answers.get(q.id);
      return { id: q.id, text: q.text, answer: saved?.answer ?? null, note: saved?.note ?? null };
    }),
    locked: audit.submitted !== null,
    ...(caseUrlTemplate ? { caseUrl: caseUrlTemplate.replaceAll('{caseId}', encodeURIComponent(sampled.ref.caseId)) } : {}),
    footer: 'Only the crime reference is on this card: read the case itself in the records system.',
  };
}

const DUTY_TITLES: Record<DutyView['obligation'], string> = {
  needsAssessment: 'Needs assessment',
  updates: 'Updates',
  referral: 'Referral',
  writtenAcknowledgement: 'Written acknowledgement',
  decisionUpdates: 'Key decisions told',
};

function dutyText(duty: DutyView): string {
  const by = duty.dueOn ? ` ${dayText(duty.dueOn)}` : '';
  switch (duty.state) {
    case 'met':
      return duty.obligation === 'updates' ? `On time (next by${by})` : 'Done';
    case 'due':
      return `Due by${by}`;
    case 'breach':
      return duty.dueOn ? `Overdue (was due${by})` : 'Overdue';
    case 'suspended':
      return 'Paused: the victim agreed to fewer updates';
    case 'not_applicable':
      return duty.obligation === 'referral' ? 'Not asked for' : 'No key decision yet';
  }
}
