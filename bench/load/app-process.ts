/**
 * The application under load as its own process (`src/main.ts`, local mode: no Bot Framework token, PGlite
 * in memory or a PostgreSQL server, the demo force seeded, a fixed clock), so the load generator does not
 * share its event loop.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { closeSync, openSync, readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { emptyPostgres } from '../postgres.js';
import { sleep } from '../timing.js';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
/** The application's fixed "now" (VCOP_NOW), and the time on every activity sent. */
export const LOAD_NOW = '2026-11-20T07:30:00Z';

export interface ApplicationProcess {
  child: ChildProcess;
  baseUrl: string;
  close(): Promise<void>;
}

/** The application as a child process on a free port; resolves once it answers /readyz. */
export async function startApplication(victims: number, logFile: string, databaseUrl: string | undefined): Promise<ApplicationProcess> {
  // An empty database, so the application seeds the same demo force the simulated users are drawn from.
  if (databaseUrl) await emptyPostgres(databaseUrl);
  const port = await freePort();
  const cwd = await mkdtemp(join(tmpdir(), 'vcop-load-')); // no .env of the developer's is read
  const log = openSync(logFile, 'a');
  const child = spawn(process.execPath, ['--import', import.meta.resolve('tsx'), join(ROOT, 'src/main.ts')], {
    cwd,
    env: {
      PATH: process.env.PATH ?? '',
      HOME: cwd,
      PORT: String(port),
      HOST: '127.0.0.1',
      LOG_LEVEL: 'info',
      VCOP_DATA_DIR: 'memory://',
      ...(databaseUrl ? { DATABASE_URL: databaseUrl } : {}),
      VCOP_DEMO: '1',
      VCOP_DEMO_VICTIMS: String(victims),
      VCOP_SCHEDULER: '0',
      VCOP_NOW: LOAD_NOW,
      // Seeding a 100k-victim force on PGlite holds the event loop for over a minute on a loaded machine: the
      // watchdog (src/app/event-loop-watchdog.ts) would end the process before it is ready.
      VCOP_EVENT_LOOP_STALL_SECONDS: '1200',
      VCOP_API_TOKEN: 'load-test-token-0123456789abcdef',
    },
    stdio: ['ignore', log, log],
  });
  closeSync(log);
  const baseUrl = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 1_500_000;
  for (;;) {
    if (child.exitCode !== null)
      throw new Error(
        `the application exited (${child.exitCode}) before it was ready; see ${logFile}:\n${readFileSync(logFile, 'utf8').slice(-2000)}`,
      );
    const ready = await fetch(`${baseUrl}/readyz`).then(
      (r) => r.ok,
      () => false,
    );
    if (ready) break;
    if (Date.now() > deadline) throw new Error(`the application was not ready within 25 minutes; see ${logFile}`);
    await sleep(250);
  }
  return {
    child,
    baseUrl,
    async close() {
      if (child.exitCode === null) {
        child.kill('SIGTERM');
        await new Promise((resolve) => child.once('exit', resolve));
      }
      await rm(cwd, { recursive: true, force: true });
    },
  };
}

/** The process's resident memory in MB (Linux /proc), or null when it cannot be read. */
export function rssOf(pid: number | undefined): number | null {
  if (!pid) return null;
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    const kb = Number(/VmRSS:\s+(\d+)/.exec(status)?.[1]);
    return Number.isFinite(kb) ? Math.round(kb / 1024) : null;
  } catch {
    return null;
  }
}

async function freePort(): Promise<number> {
  const server = http.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}
