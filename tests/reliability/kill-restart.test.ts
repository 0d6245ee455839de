import { spawn, type ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createServices } from '../../src/app.js';
import { readConfig } from '../../src/config/env.js';
import { createLogger } from '../../src/log/logger.js';
import { importSmallForce, subscribePersonalChat } from '../support/delivery-harness.js';
import { FakeConnector } from '../support/fake-connector.js';

/**
 * The application (with its scheduler) as a separate process, killed with SIGKILL in the middle of a
 * morning digest run, while the Bot Connector holds one of its sends; then started again later that
 * morning. Every subscription ends the day with exactly one digest: none lost, none doubled. PGlite on a
 * data folder always, and PostgreSQL too when TEST_DATABASE_URL is set.
 */
const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const APP = join(ROOT, 'tests/support/digest-app.ts');
const SUBSCRIPTIONS = 30;
/** The send the connector holds when the process is killed. */
const KILLED_AT_SEND = 12;

const STORES = process.env.TEST_DATABASE_URL ? (['pglite', 'postgres'] as const) : (['pglite'] as const);

describe.each(STORES)('killing the process mid digest run (%s)', (driver) => {
  let folder: string;
  let storeEnv: Record<string, string>;
  let connector: FakeConnector;
  let serviceUrl: string;
  let dropSchema: (() => Promise<void>) | undefined;

  beforeAll(async () => {
    folder = await mkdtemp(join(tmpdir(), 'vcop-kill-'));
    if (driver === 'postgres') {
      const schema = `kill_${randomUUID().replaceAll('-', '').slice(0, 12)}`;
      const admin = new pg.Client({ connectionString: process.env.TEST_DATABASE_URL });
      await admin.connect();
      await admin.query(`create schema ${schema}`);
      await admin.end();
      const url = new URL(process.env.TEST_DATABASE_URL!);
      url.searchParams.set('options', `-c search_path=${schema}`);
      storeEnv = { DATABASE_URL: url.toString() };
      dropSchema = async () => {
        const client = new pg.Client({ connectionString: process.env.TEST_DATABASE_URL });
        await client.connect();
        await client.query(`drop schema ${schema} cascade`);
        await client.end();
      };
    } else {
      storeEnv = { VCOP_DATA_DIR: join(folder, 'data') };
    }
    connector = new FakeConnector();
    serviceUrl = await connector.start();
    // The store as the morning finds it: the force, and thirty chats subscribed to a 07:00 digest.
    const services = await createServices(
      readConfig({ LOG_LEVEL: 'silent', VCOP_DEMO: '0', VCOP_NOW: '2026-11-20T06:00:00Z', ...storeEnv }),
      createLogger({ level: 'silent' }),
    );
    try {
      await importSmallForce(services);
      for (let i = 0; i < SUBSCRIPTIONS; i++) {
        const [personId, unitId] = i % 2 === 0 ? ['P1', 'N-T1'] : ['P4', 'N-T2'];
        await subscribePersonalChat(
          services,
          { conversationId: `chat-${i}`, personId, kind: 'team_digest', unitId, localTime: '07:00' },
          serviceUrl,
        );
      }
    } finally {
      await services.db.close();
    }
  }, 120_000);

  afterAll(async () => {
    await connector?.close();
    await dropSchema?.();
    await rm(folder, { recursive: true, force: true });
  });

  function startApp(now: string): { child: ChildProcess; output: string[] } {
    const output: string[] = [];
    const child = spawn(process.execPath, ['--import', 'tsx', APP], {
      cwd: ROOT,
      env: {
        PATH: process.env.PATH ?? '',
        HOME: folder,
        PORT: '0',
        HOST: '127.0.0.1',
        LOG_LEVEL: 'info',
        VCOP_DEMO: '0',
        VCOP_SCHEDULER: '1',
        VCOP_NOW: now,
        VCOP_API_TOKEN: 'kill-test-token-0123456789',
        ...storeEnv,
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    child.stdout?.on('data', (chunk: Buffer) => output.push(chunk.toString('utf8')));
    child.stderr?.on('data', (chunk: Buffer) => output.push(chunk.toString('utf8')));
    return { child, output };
  }

  async function until(condition: () => boolean, timeoutMs: number, what: string, output: string[]): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (!condition()) {
      if (Date.now() > deadline)
        throw new Error(`${what} did not happen within ${timeoutMs} ms; the app said:\n${output.join('').slice(-3000)}`);
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }

  const exited = (child: ChildProcess) =>
    new Promise<void>((resolve) =>
      child.exitCode !== null || child.signalCode !== null ? resolve() : child.once('exit', () => resolve()),
    );

  it('every subscription gets exactly one digest that day', async () => {
    let killed = false;
    let first: ReturnType<typeof startApp> | undefined;
    connector.behaviour = (_post, index) => {
      if (index + 1 === KILLED_AT_SEND) {
        // The connector holds this send; the process dies while waiting for it.
        first?.child.kill('SIGKILL');
        killed = true;
        return { kind: 'hang' };
      }
      return { kind: 'ok' };
    };

    first = startApp('2026-11-20T07:30:00Z');
    await until(() => killed, 90_000, 'the first run reaching send 12', first.output);
    await exited(first.child);
    expect(first.child.signalCode).toBe('SIGKILL');
    const deliveredBeforeKill = Object.keys(connector.deliveredBy()).length;
    expect(deliveredBeforeKill).toBe(KILLED_AT_SEND - 1);

    // Back up later that morning, after the dead process's claim (10-minute lease) has run out.
    const second = startApp('2026-11-20T07:45:00Z');
    try {
      await until(
        () => Object.keys(connector.deliveredBy()).length === SUBSCRIPTIONS,
        90_000,
        'every digest being delivered',
        second.output,
      );
      const postsWhenDone = connector.posts.length;
      await new Promise((resolve) => setTimeout(resolve, 3_000)); // three more scheduler ticks: nothing more goes out
      expect(connector.posts.length).toBe(postsWhenDone);
    } finally {
      second.child.kill('SIGTERM');
      await exited(second.child);
    }

    const expected = Object.fromEntries(Array.from({ length: SUBSCRIPTIONS }, (_, i) => [`chat-${i}`, 1]));
    expect(connector.deliveredBy()).toEqual(expected);
    const services = await createServices(
      readConfig({ LOG_LEVEL: 'silent', VCOP_DEMO: '0', VCOP_NOW: '2026-11-20T08:00:00Z', ...storeEnv }),
      createLogger({ level: 'silent' }),
    );
    try {
      const rows = await services.db.query<{ status: string; attempts: number; n: number }>(
        `select status, attempts, count(*)::int as n from digest_sends where local_date = '2026-11-20' group by status, attempts order by attempts`,
      );
      // The send the kill interrupted was taken over after its lease: a second attempt.
      expect(rows).toEqual([
        { status: 'sent', attempts: 1, n: SUBSCRIPTIONS - 1 },
        { status: 'sent', attempts: 2, n: 1 },
      ]);
    } finally {
      await services.db.close();
    }
    process.stdout.write(
      `kill test (${driver}): SIGKILL during send ${KILLED_AT_SEND} of ${SUBSCRIPTIONS}; after restart ${SUBSCRIPTIONS} delivered once each, 0 duplicates\n`,
    );
  }, 300_000);
});
