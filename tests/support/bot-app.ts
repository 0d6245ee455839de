import { startApp, type AppExtension, type RunningApp } from '../../src/app.js';
import type { AppConfig } from '../../src/config/env.js';
import { createBotExtension, type BotExtensionOptions } from '../../src/app.js';
import type { Clock } from '../../src/domain/clock.js';
import { createLogger } from '../../src/log/logger.js';
import { FakeConnector } from './fake-connector.js';
import { testConfig } from './test-app.js';

export const BOT_APP_NOW = '2026-11-20T07:30:00Z';

/**
 * The whole application with the bot (local mode unless the env says otherwise), a fake Bot Connector
 * for replies, and its log lines at `logLevel` and above collected (JSON text, one per line).
 */
export interface BotApp {
  app: RunningApp;
  baseUrl: string;
  connector: FakeConnector;
  serviceUrl: string;
  logLines: string[];
  /** POSTs a body to /api/messages as is. */
  postRaw(body: string | Uint8Array, headers?: Record<string, string>): Promise<{ status: number; text: string }>;
  close(): Promise<void>;
}

export async function startBotApp(
  options: {
    env?: Record<string, string>;
    logLevel?: string;
    extension?: BotExtensionOptions;
    clock?: Clock;
    /** Further extensions beside the bot's (e.g. the Graph installs'). */
    extensions?: (config: AppConfig) => AppExtension[];
  } = {},
): Promise<BotApp> {
  const connector = new FakeConnector();
  const serviceUrl = await connector.start();
  const config = testConfig({
    VCOP_DEMO: '1',
    VCOP_DEMO_VICTIMS: '300',
    VCOP_NOW: BOT_APP_NOW,
    VCOP_API_TOKEN: 'bot-app-test-token-0123456789',
    ...options.env,
  });
  const logLines: string[] = [];
  const logger = createLogger({ level: options.logLevel ?? 'error', destination: { write: (line: string) => void logLines.push(line) } });
  const app = await startApp(
    config,
    logger,
    [createBotExtension(config, options.extension), ...(options.extensions?.(config) ?? [])],
    options.clock ? { clock: options.clock } : {},
  );
  const baseUrl = `http://127.0.0.1:${app.port}`;
  return {
    app,
    baseUrl,
    connector,
    serviceUrl,
    logLines,
    async postRaw(body, headers = { 'content-type': 'application/json' }) {
      const response = await fetch(`${baseUrl}/api/messages`, { method: 'POST', headers, body });
      return { status: response.status, text: await response.text() };
    },
    async close() {
      await app.close();
      await connector.close();
    },
  };
}
