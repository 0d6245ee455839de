import type { Intent } from '../../domain/questions/index.js';
import type { Ratio } from '../../domain/types.js';
import type { DipAuditPeriodFigures } from '../dip-audit-period.js';

/** The words of a dip-audit answer (dip-audit-answer.ts): its headline and its facts. Crime references only. */

export interface DipFact {
  title: string;
  value: string;
}

type DipIntent = Extract<Intent, { kind: 'dip_audit' }>;

/** The box-ticked cases a card lists, so a force's quarter still fits one Teams message; the rest are counted. */
export const MAX_LISTED = 40;

const MONTH_NAMES = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
];

/** "2026-10" -> "October 2026". */
export function monthLabel(period: string): string {
  const [year, month] = period.split('-').map(Number) as [number, number];
  return `${MONTH_NAMES[month - 1] ?? period} ${year}`;
}

/** "62.5% (5 of 8)", or what stands in for a rate no audit gave. */
export function auditRatioText(ratio: Ratio | null): string {
  if (ratio === null) return 'not asked by the policy';
  return ratio.rate === null ? 'no answer yet' : `${ratio.rate.toFixed(1)}% (${ratio.compliant} of ${ratio.total})`;
}

export function dipHeadline(name: string, label: string, intent: DipIntent, f: DipAuditPeriodFigures): string {
  const lead = `${name} dip sample, ${label}:`;
  if (intent.show === 'outstanding') {
    return f.outstanding === 0
      ? `${lead} no audits outstanding, all ${f.sampled} drawn cases submitted.`
      : `${lead} ${f.outstanding} of ${f.sampled} audits outstanding (drawn, not submitted).`;
  }
  if (f.submitted === 0) {
    return (
      `No dip-sample audit of ${name} was submitted for ${label}; ` +
      `${f.sampled} ${f.sampled === 1 ? 'case was' : 'cases were'} drawn, ${f.started} answered so far.`
    );
  }
  const audited = `of ${f.submitted} audited`;
  if (intent.show === 'box_ticked') {
    const n = f.dataSaidCompliantReviewerSaidNot.length;
    return n === 0
      ? `${lead} none of the ${f.submitted} audited cases was called compliant by the records and not by the reviewer.`
      : `${lead} ${n} ${n === 1 ? 'case' : 'cases'} (${audited}) the records called compliant and the reviewer did not.`;
  }
  const records = `the records said ${auditRatioText(f.dataFullyCompliant)} fully compliant for the same cases`;
  if (intent.lead === 'good_service') {
    return `${lead} ${rateOnly(f.goodService)} good service (${audited}) · ${rateOnly(f.codeCompliant)} Code compliant · ${records}.`;
  }
  return `${lead} ${rateOnly(f.codeCompliant)} Code compliant (${audited}) · ${records}.`;
}

export function dipFacts(show: DipIntent['show'], f: DipAuditPeriodFigures): DipFact[] {
  switch (show) {
    case 'outstanding':
      return [
        { title: 'Cases drawn', value: String(f.sampled) },
        { title: 'Audits submitted', value: String(f.submitted) },
        { title: 'Outstanding (not submitted)', value: String(f.outstanding) },
        { title: 'Of those, answers saved', value: String(f.started) },
        ...(f.months.length > 1
          ? f.months.map((m) => ({ title: monthLabel(m.period), value: `${m.sampled - m.submitted} of ${m.sampled} outstanding` }))
          : []),
      ];
    case 'box_ticked':
      return f.dataSaidCompliantReviewerSaidNot.slice(0, MAX_LISTED).map((c) => ({
        title: c.crimeReference,
        value: `${c.team.name} · ${monthLabel(c.period)}`,
      }));
    case 'results':
      return [
        { title: 'Cases drawn', value: String(f.sampled) },
        { title: 'Audits submitted', value: String(f.submitted) },
        { title: 'Code compliant (reviewers)', value: auditRatioText(f.codeCompliant) },
        { title: 'Good service (reviewers)', value: auditRatioText(f.goodService) },
        { title: 'Fully compliant (records, same cases)', value: auditRatioText(f.dataFullyCompliant) },
        { title: 'Records compliant, reviewer not', value: String(f.dataSaidCompliantReviewerSaidNot.length) },
      ];
  }
}

/** "And 5 more: ...", when more cases were box-ticked than a card lists. */
export function unlistedNote(f: DipAuditPeriodFigures): string | null {
  const unlisted = f.dataSaidCompliantReviewerSaidNot.length - MAX_LISTED;
  return unlisted > 0 ? `And ${unlisted} more: ask about one team or one month to list them.` : null;
}

function rateOnly(ratio: Ratio | null): string {
  return ratio?.rate == null ? 'n/a' : `${ratio.rate.toFixed(1)}%`;
}
