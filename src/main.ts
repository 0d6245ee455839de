/**
 * The composition root: reads the configuration, wires the parts, starts serving, and shuts down
 * gracefully on SIGINT/SIGTERM (sends in flight finish before the store closes).
 */
import { existsSync } from 'node:fs';
import { ConfigError, readConfig, type AppConfig } from './config/env.js';
import { createLogger } from './log/logger.js';
import { startApp, type AppExtension } from './app.js';
import { botExtensions } from './app.js';
import { createInstallMissingExtension } from './app/install-missing-extension.js';
import { startEventLoopWatchdog } from './app/event-loop-watchdog.js';
import { createDipSampleExtension } from './app/dip-sample-extension.js';

/** Exit code when the store stopped working: not zero, so the platform starts the process again. */
const STORE_UNUSABLE_EXIT_CODE = 70;

async function main(): Promise<void> {
  // A local .env is a convenience for developers; hosts set real environment variables.
  if (existsSync('.env')) process.loadEnvFile('.env');
  let config: AppConfig;
  try {
    config = readConfig(process.env);
  } catch (error) {
    if (error instanceof ConfigError) {
      process.stderr.write(`${error.message}\nSee .env.example and the README's Configuration section.\n`);
      process.exit(2);
    }
    throw error;
  }
  const logger = createLogger({ level: config.logLevel });
  // Before the store opens: a process wedged inside PGlite (a full disk) is ended, not left unanswering.
  const watchdog = startEventLoopWatchdog({
    stallMs: config.eventLoopStallMs,
    onError: (error) => logger.error({ err: error }, 'the event-loop watchdog failed: a wedged process will not be ended'),
  });
  const extensions: AppExtension[] = [...botExtensions(config), createInstallMissingExtension(config), createDipSampleExtension(config)];
  const app = await startApp(config, logger, extensions, {
    // A wedged PGlite cannot be opened again in this process: exit (after the failing request's answer
    // has gone out) so the platform starts a new one. The reason is already logged at fatal level.
    onStoreUnusable: () => setTimeout(() => process.exit(STORE_UNUSABLE_EXIT_CODE), 500),
  });
  const mode = config.bot ? `Teams (app id ${config.bot.appId})` : 'local (no Bot Framework token check)';
  logger.info({ port: app.port, mode, store: config.databaseUrl ? 'postgresql' : `pglite:${config.dataDir}` }, 'vcop-teams-bot listening');
  if (!config.apiToken) {
    // Local mode only: printed once so a developer can call the API; never logged.
    process.stdout.write(
      `\nAPI token for this run (set VCOP_API_TOKEN to choose one):\n  ${app.services.apiToken}\n` +
        `Try: curl -H "Authorization: Bearer ${app.services.apiToken}" http://localhost:${app.port}/v1/units/FORCE/compliance\n` +
        `Bot endpoint: http://localhost:${app.port}/api/messages\n\n`,
    );
  }
  const shutdown = (signal: string) => {
    logger.info({ signal }, 'shutting down: finishing work in flight');
    Promise.all([app.close(), watchdog.stop()]).then(
      () => process.exit(0),
      (error: unknown) => {
        logger.error({ err: error }, 'shutdown failed');
        process.exit(1);
      },
    );
  };
  process.once('SIGINT', shutdown);
  process.once('SIGTERM', shutdown);
}

main().catch((error: unknown) => {
  process.stderr.write(`vcop-teams-bot could not start: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
