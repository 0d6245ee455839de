import type { AppExtension, AppServices } from './app-parts.js';
import type { AppConfig } from '../config/env.js';
import { drawDueDipSamples } from '../service/dip-sample.js';

/** How often the draw is looked at; it draws only once a month, on the draw day. */
export const DIP_DRAW_CHECK_MS = 60 * 60 * 1000;
const FIRST_CHECK_DELAY_MS = 60 * 1000;

/**
 * Draws each month's dip samples on the draw day (issue 16): a minute after start and then hourly (with
 * the scheduler on), so the sample is fixed from the records as they stood that day, whether or not anyone
 * asks. A sample asked for first is drawn then, the same way; either way it is drawn once.
 */
export function createDipSampleExtension(config: AppConfig, options: { firstDelayMs?: number; periodMs?: number } = {}): AppExtension {
  let timers: NodeJS.Timeout[] = [];
  let running: Promise<void> = Promise.resolve();
  const check = (services: AppServices) => {
    running = running
      .then(() => drawDueDipSamples(services))
      .then(({ period, drawn }) => {
        if (drawn > 0) services.logger.info({ period, units: drawn }, "the month's dip samples were drawn");
      })
      .catch((error: unknown) => services.logger.error({ err: error }, 'drawing the dip samples failed; the next check tries again'));
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
