import type { NoDigestReason } from '../domain/digest-reach.js';
import { asOfText } from '../domain/wording.js';
import type { DigestRequest } from '../service/build-digest.js';
import { buildWeeklySummary, type WeeklySummaryServices } from '../service/weekly-summary.js';
import { renderWeeklyCard } from './cards/index.js';
import { shortName } from './cards/short-name.js';

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
    footer: `Every week (${timeZone}). Change it with "weekly at tue 09:00", stop it with "weekly off".`,
    drillDown: summary.drillDown.map((button) => ({ title: button.label, question: button.query })),
  });
  return { card, itemCount: summary.oldestBreaches.length };
}
