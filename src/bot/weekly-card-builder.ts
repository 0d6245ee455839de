import type { NoDigestReason } from '../domain/digest-reach.js';
import { localDateOf } from '../domain/calendar.js';
import { asOfText, dayText } from '../domain/wording.js';
import type { DigestRequest } from '../service/build-digest.js';
import type { WeeklyDipAuditRow } from '../service/dip-audit-progress.js';
import { buildWeeklySummary, type WeeklySummaryServices } from '../service/weekly-summary.js';
import { renderWeeklyCard } from './cards/index.js';
import { shortName } from './cards/short-name.js';
import { monthLabel } from './dip-card-data.js';

const REASONS: Record<NoDigestReason, string> = {
  never_installed: 'never installed the app',
  removed_app: 'removed the app',
  conversation_gone: 'Teams refused the digest (the bot is not in the chat)',
  turned_off: 'turned the digest off',
  stopped: 'the service stopped it (account or team changed)',
  not_subscribed: 'not subscribed',
  failing: 'the latest sends failed',
};

/** The weekly summary (src/service/weekly-summary.ts) as an Adaptive Card; `itemCount`: the oldest breaches shown. */
export async function buildWeeklyCard(
  services: WeeklySummaryServices,
  request: DigestRequest & { unitId: string },
): Promise<{ card: object; itemCount: number }> {
  const summary = await buildWeeklySummary(services, request);
  const timeZone = services.policy.timeZone;
  const today = localDateOf(summary.at, timeZone);
  const card = renderWeeklyCard({
    title: `${shortName(summary.unit.name)}: the week`,
    asOfText: asOfText(summary.at, timeZone),
    name: shortName(summary.unit.name),
    rag: summary.figures.rag,
    rate: summary.figures.rate,
    compliant: summary.figures.compliant,
    total: summary.figures.total,
    change: summary.change,
    overdueEnhancedVictims: summary.overdueEnhancedVictims,
    promises: summary.promises,
    belowTarget: summary.belowTarget.map((team) => ({ name: shortName(team.name), rate: team.rate })),
    oldestBreaches: summary.oldestBreaches,
    notReceiving: summary.notReceiving.map((team) => ({ name: shortName(team.name), reasonText: REASONS[team.reason] })),
    targetRate: summary.targetRate,
    dipAudits: {
      overdue: capped(summary.dipAudits.overdue.map((row) => `Overdue: ${dipRowText(row, true, today)}`)),
      due: capped(summary.dipAudits.due.map((row) => dipRowText(row, false, today))),
    },
    footer: `Every week (${timeZone}). Change it with "weekly at tue 09:00", stop it with "weekly off".`,
    drillDown: summary.drillDown.map((button) => ({ title: button.label, question: button.query })),
  });
  return { card, itemCount: summary.oldestBreaches.length };
}

/** At most this many lines of each kind on the card (a force has many teams): the rest as "and N more". */
const DIP_LINES = 8;

/**
 * "North Team 1: 7 of 10 left, due by Fri 20 Nov" ("was due" once the day has passed; with the month when
 * overdue: "North Team 1, October 2026: ...").
 */
function dipRowText(row: WeeklyDipAuditRow, withMonth: boolean, today: string): string {
  const unit = withMonth ? `${shortName(row.unit.name)}, ${monthLabel(row.period)}` : shortName(row.unit.name);
  return `${unit}: ${row.left} of ${row.total} left, ${today > row.dueOn ? 'was due' : 'due'} by ${dayText(row.dueOn)}`;
}

function capped(lines: string[]): string[] {
  return lines.length <= DIP_LINES ? lines : [...lines.slice(0, DIP_LINES - 1), `and ${lines.length - DIP_LINES + 1} more units`];
}
