import { randomBytes } from 'node:crypto';
import type { AppExtension, AppServices, RunningApp } from './app/app-parts.js';
import { buildComplianceQueries, buildPeopleDirectory } from './app/compliance-read-side.js';
import { loadPolicy } from './config/load-policy.js';
import type { AppConfig } from './config/env.js';
import { type Clock, fixedClock, systemClock } from './domain/clock.js';
import type { Logger } from './log/logger.js';
import { createHttpServer, listen } from './api/server.js';
import type { ApiDeps } from './api/api-deps.js';
import { apiRoutes } from './api/routes/index.js';
import { serviceRoutes } from './app/service-routes.js';
import { openDb } from './store/connect.js';
import { dropLeftoverStaging } from './store/import-staging.js';
import { migrate } from './store/migrate.js';
import type { StoreUnusableError } from './store/store-errors.js';
import { type WatchedDb, watchAppStore } from './store/store-watch.js';
import { rebuildWorkingCalendar } from './store/working-calendar-store.js';
import { importRecords } from './service/import-records.js';
import { readNdjsonLines } from './service/ndjson-lines.js';
import { seedDemoForceIfNew } from './service/seed-demo-force.js';
import { allocationChangesRoute } from './api/routes/allocation-changes.js';
import { digestsRunRoute } from './api/routes/digests-run.js';
import { BackgroundWork } from './bot/background-work.js';
import { createBotAdapter, type BotAdapter, type BotTokenValidation } from './bot/bot-adapter.js';
import { createBotApplication } from './bot/bot-application.js';
import { personNotifier, type BotDeps } from './bot/bot-deps.js';
import { buildDigestCard } from './bot/digest-card-builder.js';
import { BotFrameworkMessenger } from './bot/messenger/bot-framework-messenger.js';
import { messagesRoute } from './bot/messages-route.js';
import { BotFrameworkTeamsDirectory } from './bot/teams-directory.js';
import { deliverNotices } from './bot/notice-delivery.js';
import { createOpenAiQuestionPlanner } from './bot/openai-question-planner.js';
import { DigestScheduler } from './scheduler/digest-scheduler.js';
import type { Messenger } from './service/ports/messenger.js';
import {
  sendDailyDigests,
  type DigestCardBuilder,
  type DigestRunResult,
  type SendDailyDigestsOptions,
} from './service/send-daily-digests.js';
import { AllocationStore } from './store/allocation-store.js';
import { SubscriptionStore } from './store/subscription-store.js';
import { TeamsLinkStore } from './store/teams-link-store.js';

export type { AppExtension, AppServices, RunningApp } from './app/app-parts.js';

export interface AppStore {
  db: WatchedDb;
  /** This start created the store (a new data folder, an empty database): only then is the demo seeded. */
  created: boolean;
}

/** On a shared PostgreSQL server another process may be importing now: there only staging a day old is dropped. */
const LEFTOVER_STAGING_AGE_MS = 24 * 60 * 60 * 1000;

/**
 * Opens the store the application runs on, watched (store-watch.ts): a full disk and a wedged store are
 * logged in plain words, and `onUnusable` is told when only a new process can go on. Applies the
 * migrations and drops staging tables left by imports that never finished.
 */
export async function openAppStore(config: AppConfig, logger: Logger, onUnusable?: (error: StoreUnusableError) => void): Promise<AppStore> {
  const opened = await openDb({
    databaseUrl: config.databaseUrl,
    dataDir: config.dataDir,
    diskHeadroomBytes: config.diskHeadroomBytes,
    onConnectionLost: (error) => logger.warn({ err: error }, 'the database dropped an idle connection; the next query opens a new one'),
    onDataDirLockLost: (error) =>
      logger.error({ err: error }, 'could not keep the data folder locked: make sure no other process opens it'),
  });
  const db = watchAppStore(opened, config, logger, onUnusable);
  try {
    const [before] = await db.query<{ fresh: boolean }>(`select to_regclass('schema_migrations') is null as fresh`);
    await migrate(db);
    const leftover = await dropLeftoverStaging(db, { olderThanMs: LEFTOVER_STAGING_AGE_MS });
    if (leftover > 0) logger.info({ tables: leftover }, 'dropped the staging tables of imports that did not finish (a crash or a kill)');
    return { db, created: before?.fresh === true };
  } catch (error) {
    await db.close();
    throw error;
  }
}

export interface ServiceHooks {
  /**
   * Told when the store stopped working for good (PGlite after a failed write to its log, e.g. on a full
   * disk): src/main.ts exits so the platform starts a new process. Logged either way, and /healthz fails.
   */
  onStoreUnusable?: (error: StoreUnusableError) => void;
  /** "Now" for a test that moves it (the day after a promise's planned date); else VCOP_NOW, else the system clock. */
  clock?: Clock;
}

/** Opens the store, applies migrations and the policy calendar, and seeds the demo force when asked. */
export async function createServices(config: AppConfig, logger: Logger, hooks: ServiceHooks = {}): Promise<AppServices> {
  const clock = hooks.clock ?? (config.fixedNow ? fixedClock(config.fixedNow) : systemClock);
  const { policy, calendar } = await loadPolicy({ policyFile: config.policyFile, bankHolidaysFile: config.bankHolidaysFile });
  const { db, created } = await openAppStore(config, logger, hooks.onStoreUnusable);
  try {
    const year = clock.now().getUTCFullYear();
    // Two years past the bank-holiday file each side: there only weekends are non-working, which is what the
    // evaluation counts for a deadline beyond the table (src/store/evaluation-sql.ts), so both agree.
    await rebuildWorkingCalendar(
      db,
      calendar,
      Math.min(calendar.coverage.firstYear - 2, year - 10),
      Math.max(calendar.coverage.lastYear + 2, year + 5),
    );
    if (year > calendar.coverage.lastYear || year < calendar.coverage.firstYear) {
      logger.warn(
        { coverage: calendar.coverage },
        'the bank-holiday file does not cover this year: only weekends are non-working days; replace it (VCOP_BANK_HOLIDAYS_FILE)',
      );
    }
  } catch (error) {
    await db.close();
    throw error;
  }
  const apiToken = config.apiToken ?? randomBytes(24).toString('base64url');
  const importNdjson: AppServices['importNdjson'] = (body, onProgress) =>
    importRecords(db, readNdjsonLines(body, { maxLineBytes: config.maxLineBytes }), {
      now: clock.now(),
      timeZone: policy.timeZone,
      onProgress,
      onTidyFailed: (error, step) =>
        logger.warn(
          { err: error, step },
          'an import could not tidy up after itself (its answer stands; the next start drops leftover staging tables)',
        ),
    });
  const services: AppServices = {
    config,
    logger,
    clock,
    db,
    storeHealth: () => db.health(),
    policy,
    calendar,
    queries: buildComplianceQueries(db, policy),
    people: buildPeopleDirectory(db, policy),
    apiToken,
    importNdjson,
  };
  await seedDemoForceIfNew(
    services,
    { demo: config.demo, demoVictims: config.demoVictims, teamsMode: config.bot !== undefined },
    { created },
  );
  return services;
}

export async function startApp(
  config: AppConfig,
  logger: Logger,
  extensions: readonly AppExtension[] = [],
  hooks: ServiceHooks = {},
): Promise<RunningApp> {
  const services = await createServices(config, logger, hooks);
  const deps: ApiDeps = {
    clock: services.clock,
    policy: services.policy,
    queries: services.queries,
    importRecords: (body, onProgress) => services.importNdjson(body, onProgress),
    isReady: async () => (await services.db.query('select 1 as ok')).length === 1,
    storeHealth: services.storeHealth,
    maxImportBytes: config.maxImportBytes,
    importIdleMs: config.importIdleMs,
  };
  const extensionRoutes = (await Promise.all(extensions.map((e) => e.routes(services)))).flat();
  const routes = [...apiRoutes(deps), ...serviceRoutes(services), ...extensionRoutes];
  const server = createHttpServer({ logger, apiToken: services.apiToken, routes });
  await listen(server, config.port, config.host);
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : config.port;
  for (const extension of extensions) await extension.start?.(services);

  let closing: Promise<void> | undefined;
  const close = () =>
    (closing ??= (async () => {
      await new Promise<void>((resolve) => server.close(() => resolve()));
      for (const extension of extensions) await extension.stop?.();
      await services.db.close();
    })());
  return { services, server, port, close };
}

export interface BotExtensionOptions {
  /** Replaces the Bot Framework messenger used for proactive sends (tests). */
  messenger?: (services: AppServices, adapter: BotAdapter) => Messenger;
  /** The scheduler's cron expression; every minute by default. */
  cronExpression?: string;
  /**
   * Where incoming Bot Framework tokens are verified (with an app id configured); the Azure public cloud
   * by default. Code only, never configuration: tests point it at keys they serve themselves.
   */
  tokenValidation?: BotTokenValidation;
  /** For tests: the morning run's card builder or send policy of their own. */
  runOptions?: Pick<SendDailyDigestsOptions, 'sends' | 'retryBackoff' | 'random'> & { buildCard?: DigestCardBuilder };
}

/** The Teams bot and its scheduler, as src/main.ts runs them. */
export function botExtensions(config: AppConfig, options: BotExtensionOptions = {}): AppExtension[] {
  return [createBotExtension(config, options)];
}

/**
 * `POST /api/messages`, `GET /v1/allocations/changes`, and the scheduler with `POST /v1/digests/run`, all
 * over one CloudAdapter: replies, proactive digests and notices to a new OIC use the same credentials.
 */
export function createBotExtension(config: AppConfig, options: BotExtensionOptions = {}): AppExtension {
  const adapter = createBotAdapter(config, options.tokenValidation);
  const background = new BackgroundWork();
  let scheduler: DigestScheduler<DigestRunResult> | undefined;

  return {
    async routes(services) {
      const messenger =
        options.messenger?.(services, adapter) ??
        new BotFrameworkMessenger(adapter, { appId: config.bot?.appId ?? '', logger: services.logger });
      const subscriptions = new SubscriptionStore(services.db);
      const deps: BotDeps = {
        services,
        subscriptions,
        teamsLinks: new TeamsLinkStore(services.db),
        directory: new BotFrameworkTeamsDirectory(adapter, { appId: config.bot?.appId ?? '' }),
        notifyPerson: personNotifier(subscriptions, messenger, background, services.logger),
      };
      // Off unless a key is configured: then typed questions go to the model first.
      if (config.openAi) deps.questionPlanner = createOpenAiQuestionPlanner(config.openAi, services.logger);
      const bot = createBotApplication(deps);
      const buildCard = options.runOptions?.buildCard ?? ((request) => buildDigestCard(services, request));
      scheduler = new DigestScheduler<DigestRunResult>({
        clock: services.clock,
        logger: services.logger,
        expression: options.cronExpression,
        run: async (now, signal, reason) => {
          // Notices (an import that disagreed with a reassignment) go out on the digests' tick, first.
          await deliverNotices(services, messenger, now).catch((error: unknown) =>
            services.logger.error({ err: error }, 'notice delivery failed; the next tick tries again'),
          );
          return sendDailyDigests(services, { messenger, buildCard }, now, {
            ...options.runOptions,
            signal,
            ignoreRetryDelay: reason === 'requested',
          });
        },
      });
      const digests = scheduler;
      return [
        messagesRoute({ config, adapter, runTurn: (context) => bot.run(context) }),
        allocationChangesRoute(new AllocationStore(services.db)),
        digestsRunRoute(() => digests.runNow()),
      ];
    },
    async start(services) {
      if (config.openAi) {
        services.logger.info(
          { provider: 'apiKey' in config.openAi ? 'openai' : 'azure-openai' },
          'AI planner on: typed questions (not figures, not people) are sent to the model first; the local parser answers when it cannot',
        );
      }
      if (!config.bot) {
        services.logger.warn(
          'bot in local mode: /api/messages accepts activities without a Bot Framework token; set MicrosoftAppId (and the rest) for Teams',
        );
      }
      if (config.schedulerEnabled) scheduler?.start();
    },
    async stop() {
      await background.drain();
      await scheduler?.stop();
    },
  };
}
