import type { AppExtension, AppServices } from '../app.js';
import type { Route } from '../http/route.js';
import { digestsRunRoute } from '../api/routes/digests-run.js';
import type { Messenger } from '../service/ports/messenger.js';
import { sendDailyDigests, type DigestRunResult, type SendDailyDigestsOptions } from '../service/send-daily-digests.js';
import { DigestScheduler } from './digest-scheduler.js';

export interface DeliveryExtensionOptions {
  /** Called once with the services: e.g. a BotFrameworkMessenger over the bot's CloudAdapter. */
  messenger(services: AppServices): Messenger;
  /** Defaults to every minute. */
  cronExpression?: string;
  /** Also done on every run, before the digests (the bot's notices); it must not throw. */
  eachRun?: (services: AppServices, now: Date) => Promise<void>;
  /** For tests: a card builder or send policy of their own. */
  runOptions?: Pick<SendDailyDigestsOptions, 'buildCard' | 'sends' | 'retryBackoff' | 'random'>;
}

export type DeliveryExtension = Required<Pick<AppExtension, 'routes' | 'start' | 'stop'>>;

/**
 * Proactive digests as pieces the bot's extension composes: the `POST /v1/digests/run` route, the
 * node-cron scheduler (started only when `VCOP_SCHEDULER` is on) and a shutdown that waits for the run
 * in flight.
 */
export function deliveryExtension(options: DeliveryExtensionOptions): DeliveryExtension {
  let scheduler: DigestScheduler<DigestRunResult> | undefined;
  const schedulerFor = (services: AppServices) => {
    if (!scheduler) {
      const messenger = options.messenger(services);
      scheduler = new DigestScheduler<DigestRunResult>({
        clock: services.clock,
        logger: services.logger,
        expression: options.cronExpression,
        run: async (now, signal, reason) => {
          await options.eachRun?.(services, now);
          return sendDailyDigests(services, messenger, now, { ...options.runOptions, signal, ignoreRetryDelay: reason === 'requested' });
        },
      });
    }
    return scheduler;
  };
  return {
    routes(services): Route[] {
      const digests = schedulerFor(services);
      return [digestsRunRoute(() => digests.runNow())];
    },
    start(services) {
      if (services.config.schedulerEnabled) schedulerFor(services).start();
    },
    async stop() {
      await scheduler?.stop();
    },
  };
}
