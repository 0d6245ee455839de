import { randomBytes } from 'node:crypto';
import type { Server } from 'restify';
import { loadPolicy } from './config/load-policy.js';
import type { AppConfig } from './config/env.js';
import { fixedClock, systemClock, type Clock } from './domain/clock.js';
import type { Policy } from './domain/policy.js';
import type { WorkingCalendar } from './domain/calendar.js';
import type { Logger } from './log/logger.js';
import { createHttpServer } from './api/server.js';
import type { ApiDeps } from './api/api-deps.js';
import { apiRoutes } from './api/routes/index.js';
import { openAppStore } from './app-store.js';
import type { Db } from './store/db.js';
import type { StoreUnusableError } from './store/store-errors.js';
import type { StoreHealth } from './store/store-watch.js';
import { rebuildWorkingCalendar } from './store/working-calendar-store.js';
import { SqlComplianceQueries, SqlPeopleDirectory } from './store/sql-compliance-queries.js';
import { importRecords } from './service/import-records.js';
import { readNdjsonLines } from './service/ndjson-lines.js';
import { seedDemoForceIfNew } from './service/seed-demo-force.js';
import type { Route } from './api/route.js';

/** Everything the running application is made of; tests build it with their own config and clock. */
export interface AppServices {
  config: AppConfig;
  logger: Logger;
  clock: Clock;
  db: Db;
  /** Whether the store is usable and not stuck (store-watch.ts). */
  storeHealth(): StoreHealth;
  policy: Policy;
  calendar: WorkingCalendar;
  queries: SqlComplianceQueries;
  people: SqlPeopleDirectory;
  apiToken: string;
  importNdjson(body: AsyncIterable<Buffer | string>, onProgress?: (lines: number) => void): ReturnType<typeof importRecords>;
}

export interface RunningApp {
  services: AppServices;
  server: Server;
  /** The port actually bound (useful when config.port is 0). */
  port: number;
  close(): Promise<void>;
}

/** Extra parts (the bot, the scheduler) plug in here without the core knowing them. */
export interface AppExtension {
  routes(services: AppServices): Route[] | Promise<Route[]>;
  start?(services: AppServices): Promise<void> | void;
  /** Called on shutdown before the store closes: finish work in flight. */
  stop?(): Promise<void>;
}

export interface ServiceHooks {
  /**
   * Told when the store stopped working for good (PGlite after a failed write to its log, e.g. on a full
   * disk): src/main.ts exits so the platform starts a new process. Logged either way, and /healthz fails.
   */
  onStoreUnusable?: (error: StoreUnusableError) => void;
}

/** Opens the store, applies migrations and the policy calendar, and seeds the demo force when asked. */
export async function createServices(config: AppConfig, logger: Logger, hooks: ServiceHooks = {}): Promise<AppServices> {
  const clock = config.fixedNow ? fixedClock(config.fixedNow) : systemClock;
  const { policy, calendar } = await loadPolicy({ policyFile: config.policyFile, bankHolidaysFile: config.bankHolidaysFile });
  const { db, created } = await openAppStore(config, logger, hooks.onStoreUnusable);
  try {
    const year = clock.now().getUTCFullYear();
    await rebuildWorkingCalendar(db, calendar, Math.min(calendar.coverage.firstYear, year - 10), Math.max(calendar.coverage.lastYear, year + 5));
    if (year > calendar.coverage.lastYear || year < calendar.coverage.firstYear) {
      logger.warn({ coverage: calendar.coverage }, 'the bank-holiday file does not cover this year: only weekends are non-working days; replace it (VCOP_BANK_HOLIDAYS_FILE)');
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
      onTidyFailed: (error, step) => logger.warn({ err: error, step }, 'an import could not tidy up after itself (its answer stands; the next start drops leftover staging tables)'),
    });
  const services: AppServices = {
    config,
    logger,
    clock,
    db,
    storeHealth: () => db.health(),
    policy,
    calendar,
    queries: new SqlComplianceQueries(db, policy),
    people: new SqlPeopleDirectory(db),
    apiToken,
    importNdjson,
  };
  await seedDemoForceIfNew(services, { created });
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
    importRecords: services.importNdjson,
    isReady: async () => (await services.db.query('select 1 as ok')).length === 1,
    storeHealth: services.storeHealth,
    maxImportBytes: config.maxImportBytes,
    importIdleMs: config.importIdleMs,
  };
  const extensionRoutes = (await Promise.all(extensions.map((e) => e.routes(services)))).flat();
  const server = createHttpServer({ logger, apiToken: services.apiToken, routes: [...apiRoutes(deps), ...extensionRoutes] });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(config.port, config.host, () => resolve());
  });
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
