/** The bot the playground talks to: the application in local mode on its own PGlite store and the demo force. */
import { startApp, type RunningApp } from '../../src/app.js';
import { botExtensions } from '../../src/app.js';
import { ConfigError, readConfig, type AppConfig } from '../../src/config/env.js';
import { createLogger } from '../../src/log/logger.js';
import type { PlaygroundOptions } from './options.js';
import { PlaygroundError } from './playground-error.js';

const IGNORED = ['DATABASE_URL', 'MicrosoftAppId', 'MicrosoftAppPassword', 'MicrosoftAppTenantId', 'MicrosoftAppType'] as const;

/** The application's config for the playground: the environment, with the store, the mode and "now" of the options. */
export function botConfig(options: PlaygroundOptions): AppConfig {
  const ignored = IGNORED.filter((key) => process.env[key]);
  if (ignored.length > 0)
    process.stderr.write(`playground: ignoring ${ignored.join(', ')}: the playground runs the bot in local mode on its own PGlite store\n`);
  try {
    return readConfig({
      ...process.env,
      PORT: String(options.port),
      HOST: '127.0.0.1',
      LOG_LEVEL: process.env.LOG_LEVEL || 'warn',
      VCOP_DATA_DIR: options.dataDir,
      VCOP_DEMO: '1',
      ...(options.now ? { VCOP_NOW: options.now } : {}),
      ...Object.fromEntries(IGNORED.map((key) => [key, undefined])),
    });
  } catch (error) {
    if (error instanceof ConfigError)
      throw new PlaygroundError(options.now ? error.message.replace('VCOP_NOW:', '--now (VCOP_NOW):') : error.message, 2);
    throw error;
  }
}

export async function startBot(options: PlaygroundOptions): Promise<RunningApp> {
  const config = botConfig(options);
  try {
    return await startApp(config, createLogger({ level: config.logLevel }), botExtensions(config));
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EADDRINUSE') {
      throw new PlaygroundError(`port ${options.port} is in use (is \`npm start\` running?): choose another with --port, or --port 0`, 2);
    }
    throw error;
  }
}
