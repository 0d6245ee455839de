import { readFile } from 'node:fs/promises';
import { readConfig, type AppConfig } from '../../src/config/env.js';
import { createLogger } from '../../src/log/logger.js';
import { startApp, type AppExtension, type RunningApp } from '../../src/app.js';

export const TEST_TOKEN = 'test-token-0123456789abcdef';
export const TEST_NOW = '2026-11-20T10:00:00Z';

export interface TestApp {
  app: RunningApp;
  baseUrl: string;
  /** fetch against the app with the API token. */
  api(path: string, init?: RequestInit): Promise<Response>;
  close(): Promise<void>;
}

/** Starts the whole application on a free port with an in-memory PGlite store and a fixed clock. */
/** The configuration every in-process test app starts from: in memory, no demo, no scheduler, a fixed now. */
export function testConfig(env: Record<string, string> = {}): AppConfig {
  return readConfig({
    PORT: '0',
    HOST: '127.0.0.1',
    LOG_LEVEL: 'silent',
    VCOP_DATA_DIR: 'memory://',
    VCOP_DEMO: '0',
    VCOP_SCHEDULER: '0',
    VCOP_NOW: TEST_NOW,
    VCOP_API_TOKEN: TEST_TOKEN,
    ...env,
  });
}

export async function startTestApp(
  options: { env?: Record<string, string>; extensions?: AppExtension[]; logLines?: string[] } = {},
): Promise<TestApp> {
  const config = testConfig(options.env);
  const logLines = options.logLines;
  const logger = logLines
    ? createLogger({ level: 'trace', destination: { write: (line: string) => void logLines.push(line) } })
    : createLogger({ level: config.logLevel });
  const app = await startApp(config, logger, options.extensions ?? []);
  const baseUrl = `http://127.0.0.1:${app.port}`;
  return {
    app,
    baseUrl,
    api: (path, init = {}) =>
      fetch(`${baseUrl}${path}`, {
        ...init,
        headers: { authorization: `Bearer ${TEST_TOKEN}`, ...(init.headers as Record<string, string> | undefined) },
      }),
    close: () => app.close(),
  };
}

export function fixture(name: string): Promise<string> {
  return readFile(new URL(`../fixtures/${name}`, import.meta.url), 'utf8');
}

export async function postRecords(test: TestApp, body: string): Promise<Response> {
  return test.api('/v1/records', { method: 'POST', headers: { 'content-type': 'application/x-ndjson' }, body });
}
