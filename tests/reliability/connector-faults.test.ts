import { CloudAdapter, ConfigurationBotFrameworkAuthentication } from 'botbuilder';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AppServices } from '../../src/app.js';
import { BotFrameworkMessenger } from '../../src/bot/messenger/bot-framework-messenger.js';
import { runDigests } from '../support/digest-run.js';
import { DigestSendStore } from '../../src/store/digest-send-store.js';
import { closeDeliveryStore, type DeliveryStore, openDeliveryStore, sendRows, subscribePersonalChat } from '../support/delivery-harness.js';
import { FakeConnector, type ConnectorBehaviour } from '../support/fake-connector.js';

/**
 * A morning run against a Bot Connector that misbehaves the way Teams' does: throttling with 429 and
 * Retry-After, 500s that outlast the HTTP client's own retries, 503, and calls that never answer. The real
 * botbuilder client and BotFrameworkMessenger, the real ledger, a run every minute as the cron ticks:
 * every digest arrives exactly once, and those that hit a fault arrive later.
 */
const CONVERSATIONS = 8;
const MINUTE = 60_000;

/** What each conversation's first posts meet, by conversation number modulo 4. */
const FAULTS: ConnectorBehaviour[][] = [
  [{ kind: 'status', status: 429, retryAfterSeconds: 1 }],
  // 4 x 500: the HTTP client retries 500 three times inside one try, so the whole try fails.
  [
    { kind: 'status', status: 500 },
    { kind: 'status', status: 500 },
    { kind: 'status', status: 500 },
    { kind: 'status', status: 500 },
  ],
  [{ kind: 'hang' }],
  [
    { kind: 'status', status: 503, retryAfterSeconds: 0 },
    { kind: 'status', status: 429, retryAfterSeconds: 0 },
  ],
];

describe('a digest run against a failing Bot Connector', () => {
  let store: DeliveryStore;
  let services: AppServices;
  let connector: FakeConnector;
  let serviceUrl: string;

  beforeAll(async () => {
    connector = new FakeConnector();
    serviceUrl = await connector.start();
    ({ store, services } = await openDeliveryStore('pglite'));
    for (let i = 0; i < CONVERSATIONS; i++) {
      await subscribePersonalChat(
        services,
        { conversationId: `chat-${i}`, personId: 'P1', kind: 'team_digest', unitId: 'N-T1', localTime: '07:00' },
        serviceUrl,
      );
    }
  }, 60_000);
  afterAll(async () => {
    await closeDeliveryStore({ store, services });
    await connector?.close();
  });

  it('delivers every digest exactly once; the ones that met a fault, later', async () => {
    const seen = new Map<string, number>();
    let faultsInjected = 0;
    connector.behaviour = (post) => {
      const n = seen.get(post.conversationId) ?? 0;
      seen.set(post.conversationId, n + 1);
      const fault = FAULTS[Number(post.conversationId.split('-')[1]) % FAULTS.length]![n];
      if (fault) faultsInjected++;
      return fault ?? { kind: 'ok' };
    };
    const messenger = new BotFrameworkMessenger(new CloudAdapter(new ConfigurationBotFrameworkAuthentication({})), {
      appId: '',
      // One try per run: a try the 500s defeat fails the run's send, and a later run delivers it.
      maxAttempts: 1,
      timeoutMs: 500,
      // A slow try's outcome (the HTTP client sleeping out Retry-After, or retrying 5xx) is awaited up to
      // this; a call that never answers is given up after it, and retried by a later run.
      sendBudgetMs: 10_000,
      throttle: { globalIntervalMs: 0, perConversationIntervalMs: 0 },
      backoff: { baseMs: 10, maxMs: 2000 },
    });
    const options = {
      sends: new DigestSendStore(services.db, { maxAttemptsPerDay: 6, leaseMs: 10 * MINUTE }),
      retryBackoff: { baseMs: MINUTE, maxMs: MINUTE },
      random: () => 1,
    };
    const sentAt: Record<string, string> = {};
    for (let minute = 0; minute <= 10; minute++) {
      const at = `2026-11-20T07:${String(minute).padStart(2, '0')}:00Z`;
      const before = connector.deliveredBy();
      await runDigests(services, messenger, new Date(at), options);
      for (const [conversation, count] of Object.entries(connector.deliveredBy()))
        if (count > (before[conversation] ?? 0)) sentAt[conversation] = at;
    }
    const expected = Object.fromEntries(Array.from({ length: CONVERSATIONS }, (_, i) => [`chat-${i}`, 1]));
    expect(connector.deliveredBy()).toEqual(expected);
    expect((await sendRows(services)).every((row) => row.status === 'sent')).toBe(true);
    // The 500s and the hung calls failed the first run's send; a later run delivered them.
    for (let i = 0; i < CONVERSATIONS; i++) {
      const late = i % FAULTS.length === 1 || i % FAULTS.length === 2;
      expect(sentAt[`chat-${i}`], `chat-${i}`).toBe(late ? '2026-11-20T07:01:00Z' : '2026-11-20T07:00:00Z');
    }
    // 429 with Retry-After: 1 was waited out before the message went again.
    const throttled = connector.posts.filter((p) => p.conversationId === 'chat-0');
    expect(throttled.map((p) => p.answered)).toEqual([429, 201]);
    expect(throttled[1]!.at - throttled[0]!.at).toBeGreaterThanOrEqual(950);
    process.stdout.write(
      `connector faults: ${faultsInjected} faults injected (429, 500, 503, hung calls) over ${CONVERSATIONS} digests; ${connector.posts.length} posts, ${CONVERSATIONS} delivered, 0 duplicates\n`,
    );
  }, 300_000);
});
