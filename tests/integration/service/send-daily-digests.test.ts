import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CloudAdapter, ConfigurationBotFrameworkAuthentication } from 'botbuilder';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { AppServices } from '../../../src/app.js';
import { BotFrameworkMessenger } from '../../../src/bot/messenger/bot-framework-messenger.js';
import { ConversationGoneError, DeliveryFailedError } from '../../../src/service/ports/messenger.js';
import type { DigestRunResult } from '../../../src/service/send-daily-digests.js';
import { runDigests } from '../../support/digest-run.js';
import { SubscriptionStore } from '../../../src/store/subscription-store.js';
import { RecordingMessenger } from '../../support/recording-messenger.js';
import {
  closeDeliveryStore,
  createDeliveryStore,
  type DeliveryStore,
  DRIVERS,
  fakeCardBuilder,
  importSmallForce,
  openDeliveryStore,
  sendRows,
  sendStore,
  subscribePersonalChat,
} from '../../support/delivery-harness.js';
import { FakeConnector } from '../../support/fake-connector.js';

const MINUTE = 60_000;

describe.each(DRIVERS)('sending daily digests on %s', (driver) => {
  let store: DeliveryStore;
  let services: AppServices;
  let messenger: RecordingMessenger;
  let buildCard: ReturnType<typeof fakeCardBuilder>;

  beforeEach(async () => {
    ({ store, services } = await openDeliveryStore(driver));
    messenger = new RecordingMessenger();
    buildCard = fakeCardBuilder({ P2: 0 });
  });
  afterEach(() => closeDeliveryStore({ store, services }));

  /** Failed sends become retryable exactly one minute later; three attempts a day. */
  function run(at: string | Date, on: AppServices = services, signal?: AbortSignal): Promise<DigestRunResult> {
    return runDigests(on, messenger, new Date(at), {
      buildCard,
      sends: sendStore(on),
      retryBackoff: { baseMs: MINUTE, maxMs: MINUTE },
      random: () => 1,
      signal,
    });
  }

  const supervisorDigest = (localTime = '07:00', conversationId = 'chat-p1') =>
    subscribePersonalChat(services, { conversationId, personId: 'P1', kind: 'team_digest', unitId: 'N-T1', localTime });

  /** Runs every ten minutes through the local day (plus the given instants) and answers when sends happened. */
  async function runThroughDay(startUtc: string, endUtc: string, extra: string[] = []): Promise<string[]> {
    const instants = new Set(extra.map((at) => new Date(at).getTime()));
    for (let t = new Date(startUtc).getTime(); t <= new Date(endUtc).getTime(); t += 10 * MINUTE) instants.add(t);
    const sentAt: string[] = [];
    for (const t of [...instants].sort((a, b) => a - b)) {
      const result = await run(new Date(t));
      for (let i = 0; i < result.sent; i++) sentAt.push(new Date(t).toISOString());
    }
    return sentAt;
  }

  describe('across the DST changes (Europe/London)', () => {
    it('07:00 fires once on 29 March 2026, at 07:00 BST (06:00 UTC)', async () => {
      await supervisorDigest('07:00');
      const sentAt = await runThroughDay('2026-03-29T00:00:00Z', '2026-03-29T22:50:00Z', ['2026-03-29T05:59:00Z']);
      expect(sentAt).toEqual(['2026-03-29T06:00:00.000Z']);
      expect((await sendRows(services)).map((r) => [r.localDate, r.status])).toEqual([['2026-03-29', 'sent']]);
    });

    it('07:00 fires once on 25 October 2026, at 07:00 GMT (07:00 UTC)', async () => {
      await supervisorDigest('07:00');
      const sentAt = await runThroughDay('2026-10-24T23:00:00Z', '2026-10-25T23:50:00Z', ['2026-10-25T06:59:00Z']);
      expect(sentAt).toEqual(['2026-10-25T07:00:00.000Z']);
      expect((await sendRows(services)).map((r) => r.localDate)).toEqual(['2026-10-25']);
    });

    it('01:30, which does not exist on 29 March, fires once that day as the clocks jump to 02:00', async () => {
      await supervisorDigest('01:30');
      const sentAt = await runThroughDay('2026-03-29T00:00:00Z', '2026-03-29T22:50:00Z');
      expect(sentAt).toEqual(['2026-03-29T01:00:00.000Z']);
    });

    it('01:30, which happens twice on 25 October, fires once, at its first occurrence', async () => {
      await supervisorDigest('01:30');
      const sentAt = await runThroughDay('2026-10-24T23:00:00Z', '2026-10-25T23:50:00Z');
      expect(sentAt).toEqual(['2026-10-25T00:30:00.000Z']);
    });
  });

  it('a second run the same day sends nothing; the next day sends again', async () => {
    await supervisorDigest('07:00');
    expect(await run('2026-11-20T07:00:00Z')).toEqual({ due: 1, sent: 1, failed: 0, skipped: 0 });
    expect(await run('2026-11-20T07:01:00Z')).toEqual({ due: 0, sent: 0, failed: 0, skipped: 0 });
    expect(await run('2026-11-20T23:59:00Z')).toEqual({ due: 0, sent: 0, failed: 0, skipped: 0 });
    expect(await run('2026-11-21T07:00:00Z')).toMatchObject({ due: 1, sent: 1 });
    expect(messenger.sent).toHaveLength(2);
  });

  it('builds the card for the subscriber at the run instant and posts it as an Adaptive Card', async () => {
    await supervisorDigest('07:00');
    await run('2026-11-20T07:00:00Z');
    expect(buildCard.requests).toHaveLength(1);
    expect(buildCard.requests[0]).toMatchObject({ unitId: 'N-T1', viewer: { id: 'P1' }, at: new Date('2026-11-20T07:00:00Z') });
    expect(messenger.sent[0]?.activity.attachments?.[0]?.contentType).toBe('application/vnd.microsoft.card.adaptive');
    expect(messenger.sent[0]?.activity.attachments?.[0]?.content).toMatchObject({ type: 'AdaptiveCard' });
  });

  it("an officer's reminder with nothing in it is not sent, but recorded as done for the day", async () => {
    await subscribePersonalChat(services, {
      conversationId: 'chat-p2',
      personId: 'P2',
      kind: 'officer_reminder',
      unitId: null,
      localTime: '07:00',
    });
    expect(await run('2026-11-20T08:00:00Z')).toEqual({ due: 1, sent: 0, failed: 0, skipped: 1 });
    expect(messenger.sent).toEqual([]);
    expect(buildCard.requests[0]).toMatchObject({ officerId: 'P2', viewer: { id: 'P2' } });
    expect(await sendRows(services)).toMatchObject([{ status: 'sent_empty', itemCount: 0 }]);
    expect(await run('2026-11-20T08:30:00Z')).toMatchObject({ due: 0 });
  });

  it('a turned-off subscription is not sent; a new time applies the same day', async () => {
    const subscriptions = new SubscriptionStore(services.db);
    await supervisorDigest('07:00');
    expect(await subscriptions.disable('chat-p1')).toBe(1);
    expect(await run('2026-11-20T09:00:00Z')).toMatchObject({ due: 0 });
    expect(await subscriptions.setTime('chat-p1', '09:30')).toBe(1);
    expect(await run('2026-11-20T09:00:00Z')).toMatchObject({ due: 0 });
    expect(await run('2026-11-20T09:30:00Z')).toMatchObject({ due: 1, sent: 1 });
  });

  it('catches up after a restart later the same day, once', async () => {
    const directory = driver === 'pglite' ? await mkdtemp(join(tmpdir(), 'vcop-delivery-')) : undefined;
    const persistent = await createDeliveryStore(driver, { dataDir: directory });
    try {
      const before = await persistent.open();
      await importSmallForce(before);
      await subscribePersonalChat(before, {
        conversationId: 'chat-p1',
        personId: 'P1',
        kind: 'team_digest',
        unitId: 'N-T1',
        localTime: '07:00',
      });
      expect(await run('2026-11-20T06:30:00Z', before)).toMatchObject({ due: 0 });
      await before.db.close(); // the process stops before 07:00 and comes back at 10:15

      const after = await persistent.open();
      try {
        expect(await run('2026-11-20T10:15:00Z', after)).toEqual({ due: 1, sent: 1, failed: 0, skipped: 0 });
        expect(await run('2026-11-20T10:16:00Z', after)).toMatchObject({ due: 0, sent: 0 });
        expect(messenger.sent).toHaveLength(1);
      } finally {
        await after.db.close();
      }
    } finally {
      await persistent.drop();
      if (directory) await rm(directory, { recursive: true, force: true });
    }
  });

  it('two runners at once send exactly one digest per subscription', async () => {
    const conversations = Array.from({ length: 8 }, (_, i) => `chat-${i}`);
    for (const conversationId of conversations) await supervisorDigest('07:00', conversationId);
    messenger = new RecordingMessenger({ delayMs: 15 });
    // On PostgreSQL a second set of services is a second replica with its own connections.
    const replica = driver === 'postgres' ? await store.open() : services;
    try {
      const results = await Promise.all([run('2026-11-20T07:00:00Z'), run('2026-11-20T07:00:00Z', replica)]);
      expect(results.reduce((sum, r) => sum + r.sent, 0)).toBe(8);
      expect(results.reduce((sum, r) => sum + r.failed, 0)).toBe(0);
      expect(messenger.sent.map((s) => s.conversationId).sort()).toEqual([...conversations].sort());
      expect((await sendRows(services)).every((row) => row.status === 'sent' && row.attempts === 1)).toBe(true);
    } finally {
      if (replica !== services) await replica.db.close();
    }
  });

  it('a send that keeps failing is recorded, retried by later runs, and bounded per day', async () => {
    await supervisorDigest('07:00');
    messenger.failConversation('chat-p1', new DeliveryFailedError('the send failed after 4 attempt(s): HTTP 502', 502, 4));
    expect(await run('2026-11-20T08:00:00Z')).toEqual({ due: 1, sent: 0, failed: 1, skipped: 0 });
    expect(await sendRows(services)).toMatchObject([{ status: 'failed', attempts: 1, lastError: expect.stringContaining('HTTP 502') }]);
    expect(await run('2026-11-20T08:00:30Z')).toMatchObject({ due: 0 }); // waits out the retry delay
    expect(await run('2026-11-20T08:01:00Z')).toMatchObject({ due: 1, failed: 1 });
    expect(await run('2026-11-20T08:02:00Z')).toMatchObject({ due: 1, failed: 1 });
    expect(await run('2026-11-20T08:03:00Z')).toMatchObject({ due: 0 }); // three attempts a day
    expect(messenger.calls).toHaveLength(3);
    expect(await sendRows(services)).toMatchObject([{ status: 'failed', attempts: 3 }]);

    messenger.failConversation('chat-p1', null);
    expect(await run('2026-11-21T07:00:00Z')).toMatchObject({ due: 1, sent: 1 });
  });

  it('a failure followed by success on the next run arrives once', async () => {
    await supervisorDigest('07:00');
    messenger.failNext(
      new DeliveryFailedError('the send did not finish within 60000 ms; not retried now because it may still arrive', undefined, 1),
    );
    expect(await run('2026-11-20T07:00:00Z')).toMatchObject({ failed: 1 });
    expect(await run('2026-11-20T07:01:00Z')).toMatchObject({ sent: 1 });
    expect(messenger.sent).toHaveLength(1);
    expect(await sendRows(services)).toMatchObject([{ status: 'sent', attempts: 2, itemCount: 2 }]);
  });

  it('403 BotNotInConversationRoster marks the conversation inactive until the app is installed again', async () => {
    await supervisorDigest('07:00');
    messenger.failNext(new ConversationGoneError('BotNotInConversationRoster', 'the bot is no longer in conversation chat-p1'));
    expect(await run('2026-11-20T07:00:00Z')).toMatchObject({ failed: 1 });
    const [conversation] = await services.db.query<{ active: boolean; inactive_reason: string }>(
      `select active, inactive_reason from conversations where id = 'chat-p1'`,
    );
    expect(conversation).toEqual({ active: false, inactive_reason: 'BotNotInConversationRoster' });
    expect(await run('2026-11-20T07:05:00Z')).toMatchObject({ due: 0 });
    expect(await new SubscriptionStore(services.db).personalConversationOf('P1')).toBeNull();

    await supervisorDigest('07:00'); // reinstalled: the conversation is saved again
    expect(await run('2026-11-20T07:10:00Z')).toMatchObject({ due: 1, sent: 1 });
  });

  it('a run killed mid-send is completed by a later run, exactly once, after its lease expires', async () => {
    const subscriptionId = await supervisorDigest('07:00');
    const killed = await sendStore(services).claim(subscriptionId, '2026-11-20', { now: new Date('2026-11-20T07:00:00Z') });
    expect(killed).not.toBeNull(); // ... and the process died before sending
    expect(await run('2026-11-20T07:05:00Z')).toMatchObject({ due: 0, sent: 0 });
    expect(await run('2026-11-20T07:11:00Z')).toMatchObject({ due: 1, sent: 1 });
    expect(await run('2026-11-20T07:12:00Z')).toMatchObject({ due: 0 });
    expect(messenger.sent).toHaveLength(1);
    expect(await sendRows(services)).toMatchObject([{ status: 'sent', attempts: 2 }]);
    // The dead runner's claim is worthless now: it cannot overwrite the outcome.
    expect(await sendStore(services).markFailed(killed!, new Date('2026-11-20T07:13:00Z'), { error: 'late', retryAt: new Date() })).toBe(
      false,
    );
  });

  it('a run asked to stop claims nothing more', async () => {
    await supervisorDigest('07:00');
    const stopping = new AbortController();
    stopping.abort();
    expect(await run('2026-11-20T07:00:00Z', services, stopping.signal)).toMatchObject({ due: 1, sent: 0 });
    expect(await sendRows(services)).toEqual([]);
  });

  it('delivers through the Bot Framework messenger once when the connector first answers 429', async () => {
    const connector = new FakeConnector();
    const serviceUrl = await connector.start();
    try {
      await subscribePersonalChat(
        services,
        { conversationId: 'chat-p1', personId: 'P1', kind: 'team_digest', unitId: 'N-T1', localTime: '07:00' },
        serviceUrl,
      );
      connector.answer({ status: 429, headers: { 'retry-after': '0' } });
      const botMessenger = new BotFrameworkMessenger(new CloudAdapter(new ConfigurationBotFrameworkAuthentication({})), {
        appId: '',
        sleep: async () => undefined,
      });
      const options = { buildCard, sends: sendStore(services) };
      expect(await runDigests(services, botMessenger, new Date('2026-11-20T07:00:00Z'), options)).toMatchObject({ sent: 1 });
      expect(await runDigests(services, botMessenger, new Date('2026-11-20T07:01:00Z'), options)).toMatchObject({ due: 0 });
      expect(connector.delivered()).toHaveLength(1);
      expect(connector.delivered()[0]?.body).toMatchObject({
        type: 'message',
        attachments: [{ contentType: 'application/vnd.microsoft.card.adaptive' }],
      });
      expect(await sendRows(services)).toMatchObject([{ status: 'sent' }]);
    } finally {
      await connector.close();
    }
  });
});
