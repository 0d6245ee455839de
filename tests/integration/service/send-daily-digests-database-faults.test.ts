import { randomUUID } from 'node:crypto';
import { isDeepStrictEqual } from 'node:util';
import pg from 'pg';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createServices, type AppServices } from '../../../src/app.js';
import type { Messenger } from '../../../src/service/ports/messenger.js';
import { createLogger } from '../../../src/log/logger.js';
import { runDigests } from '../../support/digest-run.js';
import { DigestSendStore } from '../../../src/store/digest-send-store.js';
import { EXACTLY_ONCE_EACH, FAULT_SUBSCRIPTIONS, flakyServices, morningWithFault, subscribeAll } from '../../support/digest-fault-run.js';
import { RecordingMessenger } from '../../support/recording-messenger.js';
import { testConfig } from '../../support/test-app.js';
import {
  closeDeliveryStore,
  type DeliveryStore,
  DRIVERS,
  importSmallForce,
  openDeliveryStore,
  sendRows,
} from '../../support/delivery-harness.js';

/**
 * The store going away during a morning digest run. tests/reliability/database-fault-sweep.test.ts
 * fails every statement of a run in turn; these are the cases that matter most, kept in `npm test`.
 */
describe.each(DRIVERS)('digest runs while the store fails, on %s', (driver) => {
  let store: DeliveryStore;
  let services: AppServices;

  beforeEach(async () => {
    ({ store, services } = await openDeliveryStore(driver));
    await subscribeAll(services);
  });
  afterEach(() => closeDeliveryStore({ store, services }));

  it('a store that is down for the whole first run: the next run sends everything, once', async () => {
    const outcome = await morningWithFault(services, { from: 0, count: 1000, mode: 'before' });
    expect(outcome.runsFailed).toBe(1);
    expect(outcome.delivered).toEqual(EXACTLY_ONCE_EACH);
    expect(outcome.ledger).toEqual({ sent: FAULT_SUBSCRIPTIONS.length });
  });

  it('the store failing just after a digest went out: the send is recorded on a retry, never sent twice', async () => {
    for (const mode of ['before', 'after'] as const) {
      await services.db.query('delete from digest_sends');
      const { services: flaky, db } = flakyServices(services);
      const messenger = new RecordingMessenger();
      const options = { sends: new DigestSendStore(db, { maxAttemptsPerDay: 6, leaseMs: 10 * 60_000 }), recordRetryDelaysMs: [1, 1, 1] };
      // Two writes of "sent" fail: not run at all, or run and committed with the answer lost.
      db.failMatching(/set status = 'sent'/, 2, mode);
      for (let minute = 0; minute <= 20; minute++) {
        await runDigests(flaky, messenger, new Date(`2026-11-20T07:${String(minute).padStart(2, '0')}:00Z`), options);
      }
      const counts: Record<string, number> = {};
      for (const sent of messenger.sent) counts[sent.conversationId] = (counts[sent.conversationId] ?? 0) + 1;
      expect(counts, mode).toEqual(EXACTLY_ONCE_EACH);
      expect((await sendRows(services)).map((row) => row.status)).toEqual(['sent', 'sent', 'sent', 'sent']);
      expect(db.injected).toBe(2);
    }
  });
});

/**
 * A real PostgreSQL server dropping every connection of the application in the middle of a run
 * (pg_terminate_backend, as a failover or a restart of the server does). Needs TEST_DATABASE_URL.
 */
describe.skipIf(!process.env.TEST_DATABASE_URL)('digest runs while PostgreSQL drops the connections', () => {
  const baseUrl = process.env.TEST_DATABASE_URL!;
  const schema = `faults_${randomUUID().replaceAll('-', '').slice(0, 12)}`;
  const applicationName = `vcop-fault-test-${schema}`;
  let services: AppServices;
  let admin: pg.Client;

  beforeEach(async () => {
    admin = new pg.Client({ connectionString: baseUrl });
    await admin.connect();
    await admin.query(`create schema ${schema}`);
    const url = new URL(baseUrl);
    url.searchParams.set('options', `-c search_path=${schema}`);
    url.searchParams.set('application_name', applicationName);
    services = await createServices(testConfig({ DATABASE_URL: url.toString() }), createLogger({ level: 'silent' }));
    await importSmallForce(services);
    await subscribeAll(services);
  });
  afterEach(async () => {
    await services.db.close();
    await admin.query(`drop schema ${schema} cascade`);
    await admin.end();
  });

  async function dropConnections(): Promise<number> {
    const rows = await admin.query<{ pid: number }>(
      `select pg_terminate_backend(pid) as terminated, pid from pg_stat_activity where application_name = $1`,
      [applicationName],
    );
    return rows.rowCount ?? 0;
  }

  it('the process survives, the run carries on or a later one does, and every digest goes out once', async () => {
    const recorded = new RecordingMessenger();
    let dropped = 0;
    const messenger: Messenger = {
      async deliverCard(reference: object, card: object) {
        const result = await recorded.deliverCard(reference, card);
        // After the second digest went out, before it is recorded: the server drops us.
        if (recorded.sent.length === 2) dropped = await dropConnections();
        return result;
      },
      deliverText: (reference: object, text: string) => recorded.deliverText(reference, text),
    };
    const options = {
      sends: new DigestSendStore(services.db, { maxAttemptsPerDay: 6, leaseMs: 10 * 60_000 }),
      retryBackoff: { baseMs: 60_000, maxMs: 60_000 },
      random: () => 1,
      recordRetryDelaysMs: [50, 200, 1000],
    };
    let runsFailed = 0;
    for (let minute = 0; minute <= 20; minute++) {
      await runDigests(services, messenger, new Date(`2026-11-20T07:${String(minute).padStart(2, '0')}:00Z`), options).catch(
        () => runsFailed++,
      );
      if (minute === 0) expect(dropped).toBeGreaterThan(0);
    }
    const counts: Record<string, number> = {};
    for (const sent of recorded.sent) counts[sent.conversationId] = (counts[sent.conversationId] ?? 0) + 1;
    expect(isDeepStrictEqual(counts, EXACTLY_ONCE_EACH), JSON.stringify(counts)).toBe(true);
    expect((await sendRows(services)).map((row) => row.status)).toEqual(['sent', 'sent', 'sent', 'sent']);
    expect(runsFailed).toBeLessThanOrEqual(1);
    // And the store still answers.
    expect(await services.db.query('select 1 as ok')).toEqual([{ ok: 1 }]);
  }, 60_000);
});
