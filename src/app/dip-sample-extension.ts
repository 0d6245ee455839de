import type { AppExtension, AppServices } from './app-parts.js';
import type { AppConfig } from '../config/env.js';
import { queueDipAuditNotices } from '../service/dip-audit-reminders.js';
import { drawDueDipSamples } from '../service/dip-sample.js';

/** How often the draw and the reminders are looked at; each happens once a month. */
export const DIP_DRAW_CHECK_MS = 60 * 60 * 1000;
const FIRST_CHECK_DELAY_MS = 60 * 1000;

/**
 * Draws each month's dip samples on the draw day (issue 16): a minute after start and then hourly (with
 * the scheduler on), so the sample is fixed from the records as they stood that day, whether or not anyone
 * asks. A sample asked for first is drawn then, the same way; either way it is drawn once. The same check
 * leaves the month's audit reminder and overdue notices (src/service/dip-audit-reminders.ts), once each.
 */
export function createDipSampleExtension(config: AppConfig, options: { firstDelayMs?: number; periodMs?: number } = {}): AppExtension {
  let timers: NodeJS.Timeout[] = [];
  let running: Promise<void> = Promise.resolve();
  const check = (services: AppServices) => {
    running = running
      .then(() => runDipChecks(services))
      .catch((error: unknown) => services.logger.error({ err: error }, 'the dip-sample check failed; the next check tries again'));
  };
  return {
    routes: () => [],
    start(services) {
      if (!config.schedulerEnabled) return;
      const first = setTimeout(() => {
        check(services);
        timers.push(setInterval(() => check(services), options.periodMs ?? DIP_DRAW_CHECK_MS));
      }, options.firstDelayMs ?? FIRST_CHECK_DELAY_MS);
      timers.push(first);
    },
    async stop() {
      for (const timer of timers) clearTimeout(timer);
      timers = [];
      await running;
    },
  };
}

/** One check: the draw when due, then the drawn-sample, reminder and overdue notices when due (the bot's tick delivers them). */
export async function runDipChecks(services: AppServices): Promise<void> {
  const { period, drawn } = await drawDueDipSamples(services);
  if (drawn > 0) services.logger.info({ period, units: drawn }, "the month's dip samples were drawn");
  const { drawn: told, reminders, overdue } = await queueDipAuditNotices(services);
  if (told + reminders + overdue > 0) services.logger.info({ drawn: told, reminders, overdue }, 'dip-audit notices left');
}
