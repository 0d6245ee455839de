import type { PromiseCounts, Rag } from '../../domain/types.js';
import { changeText, headline, percentText, promiseCountsText } from '../../domain/wording.js';
import type { AdaptiveCard, QuestionButton } from './adaptive-card.js';
import { ragContainerStyle, ragLabel } from './card-text.js';
import { expandTemplate } from './expand-template.js';
import { questionButtonViews } from './question-buttons.js';

/** The weekly card of an inspector's command or a senior lead's force. Crime references and counts only. */
export interface WeeklyCardData {
  /** e.g. "North LPA: the week". */
  title: string;
  asOfText: string;
  name: string;
  rag: Rag | null;
  rate: number | null;
  compliant: number;
  total: number;
  /** Percentage points over the week; null when either week had no cases. */
  change: number | null;
  overdueEnhancedVictims: number;
  belowTarget: { name: string; rate: number | null }[];
  oldestBreaches: { caseId: string; daysOverdue: number }[];
  /** Teams whose sergeant does not receive the digest, and why in words. */
  notReceiving: { name: string; reasonText: string }[];
  /** Acknowledgements with a planned date by state (issue 17). */
  promises: PromiseCounts;
  targetRate: number;
  /** Dip-sample audits (issue 16), each line as shown: the overdue ones (in red), then this month's due. */
  dipAudits: { overdue: string[]; due: string[] };
  /** e.g. 'Weekly on Mon at 08:00 (Europe/London). Change it with "weekly at tue 09:00", stop it with "weekly off".' */
  footer: string;
  drillDown: QuestionButton[];
}

export function renderWeeklyCard(data: WeeklyCardData): AdaptiveCard {
  const change = changeText(data.change);
  return expandTemplate('weekly', {
    title: data.title,
    asOfText: data.asOfText,
    ragStyle: ragContainerStyle(data.rag),
    headline: headline(data.name, { rate: data.rate, compliant: data.compliant, total: data.total }),
    ragLabel: ragLabel(data.rag),
    changeText: change === null ? 'No change to show: no cases a week ago' : `${change} over the week`,
    changeColor: data.change === null || data.change === 0 ? 'Default' : data.change > 0 ? 'Good' : 'Attention',
    facts: [
      { title: 'Overdue enhanced victims', value: String(data.overdueEnhancedVictims) },
      { title: 'Teams below target', value: String(data.belowTarget.length) },
      { title: 'Sergeants not receiving the digest', value: String(data.notReceiving.length) },
      { title: 'Promises with a planned date', value: promiseCountsText(data.promises) },
    ],
    targetText: percentText(data.targetRate),
    hasBelowTarget: data.belowTarget.length > 0,
    belowTarget: data.belowTarget.map((team) => ({ text: `${team.name}: ${team.rate === null ? 'no cases' : percentText(team.rate)}` })),
    hasBreaches: data.oldestBreaches.length > 0,
    breaches: data.oldestBreaches.map((breach) => ({
      text: `${breach.caseId} · ${breach.daysOverdue} ${breach.daysOverdue === 1 ? 'day' : 'days'} overdue`,
    })),
    hasNotReceiving: data.notReceiving.length > 0,
    notReceiving: data.notReceiving.map((team) => ({ text: `${team.name}: ${team.reasonText}` })),
    hasDipAudits: data.dipAudits.overdue.length + data.dipAudits.due.length > 0,
    dipOverdue: data.dipAudits.overdue.map((text) => ({ text })),
    dipDue: data.dipAudits.due.map((text) => ({ text })),
    footer: data.footer,
    drillDown: questionButtonViews(data.drillDown),
  });
}
