import type { AppExtension, AppServices } from './app-parts.js';
import type { AppConfig } from '../config/env.js';
import { installMissingRoute } from '../api/routes/install-missing.js';
import { GraphAppInstaller } from '../graph/graph-app-installer.js';
import { installMissingApps, type InstallMissingResult, type InstallTrigger } from '../service/install-missing-apps.js';
import type { AppInstaller } from '../service/ports/app-installer.js';

/** The daily run's period; the first one starts this long after the process. */
export const INSTALL_SCHEDULE_MS = 24 * 60 * 60 * 1000;
const FIRST_RUN_DELAY_MS = 5 * 60 * 1000;

export interface InstallMissingExtensionOptions {
  /** Replaces the Graph installer (tests); by default one is built when config.graph is set. */
  installer?: AppInstaller;
  /** The daily run's timing: 5 minutes after start, then every 24 hours, unless a test says otherwise. */
  schedule?: { firstDelayMs: number; periodMs: number };
}

export interface InstallMissingExtension extends AppExtension {
  /** Resolves when no install run is under way (tests wait for the one an import started). */
  idle(): Promise<void>;
}

/**
 * Installing the app for people who do not have it (issue 13), when Microsoft Graph is configured: after
 * each import through this process, daily (with the scheduler on: 5 minutes after start, then every 24
 * hours), and on request (`POST /v1/teams/install-missing`, `vcop install-missing`). Runs one at a time.
 */
export function createInstallMissingExtension(config: AppConfig, options: InstallMissingExtensionOptions = {}): InstallMissingExtension {
  let installer = options.installer;
  const controller = new AbortController();
  let queue: Promise<unknown> = Promise.resolve();
  let timers: NodeJS.Timeout[] = [];
  let services: AppServices | undefined;

  const run = (trigger: InstallTrigger, dryRun: boolean): Promise<InstallMissingResult> => {
    const context = services;
    if (!context) return Promise.reject(new Error('the install run was asked for before the application started'));
    const next = queue.then(() =>
      installMissingApps(
        { db: context.db, clock: context.clock, logger: context.logger, installer },
        { dryRun, trigger, signal: controller.signal },
      ),
    );
    queue = next.catch(() => undefined);
    return next;
  };
  const background = (trigger: InstallTrigger) => {
    if (!installer || controller.signal.aborted) return;
    run(trigger, false).catch((error: unknown) =>
      services?.logger.error({ err: error, trigger }, 'installing the app for people who do not have it failed; the next run tries again'),
    );
  };

  return {
    routes(app) {
      services = app;
      if (!installer && config.graph) installer = new GraphAppInstaller(config.graph, { logger: app.logger });
      const importNdjson = app.importNdjson;
      app.importNdjson = async (body, onProgress) => {
        const result = await importNdjson(body, onProgress);
        if (result.ok) background('import');
        return result;
      };
      return [installMissingRoute((dryRun) => run('api', dryRun))];
    },
    start(app) {
      if (!installer || !config.schedulerEnabled) return;
      app.logger.info('Microsoft Graph configured: the app is installed daily for supervisors and officers who do not have it');
      const { firstDelayMs, periodMs } = options.schedule ?? { firstDelayMs: FIRST_RUN_DELAY_MS, periodMs: INSTALL_SCHEDULE_MS };
      const first = setTimeout(() => {
        background('schedule');
        timers.push(setInterval(() => background('schedule'), periodMs));
      }, firstDelayMs);
      timers.push(first);
    },
    async stop() {
      controller.abort();
      for (const timer of timers) clearTimeout(timer);
      timers = [];
      await queue;
    },
    async idle() {
      await queue;
    },
  };
}
