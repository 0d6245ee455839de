import { CloudAdapter, ConfigurationBotFrameworkAuthentication } from 'botbuilder';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { AppServices } from '../../../src/app.js';
import { BotFrameworkMessenger } from '../../../src/bot/messenger/bot-framework-messenger.js';
import { runDigests } from '../../support/digest-run.js';
import {
  closeDeliveryStore,
  type DeliveryStore,
  fakeCardBuilder,
  openDeliveryStore,
  sendRows,
  sendStore,
  subscribePersonalChat,
} from '../../support/delivery-harness.js';
import { FakeConnector } from '../../support/fake-connector.js';

/**
 * botbuilder's HTTP client sleeps out a 429's Retry-After itself, inside what the messenger sees as one
 * try. When that outlasts the messenger's timeout, the try must be awaited, not written off: written
 * off, the run records a failure, the client's own retry delivers the message anyway, and the next run
 * posts it a second time.
 */
describe('a 429 whose Retry-After outlasts the send timeout', () => {
  let store: DeliveryStore;
  let services: AppServices;
  let connector: FakeConnector;
  let serviceUrl: string;

  beforeEach(async () => {
    connector = new FakeConnector();
    serviceUrl = await connector.start();
    ({ store, services } = await openDeliveryStore('pglite'));
  });
  afterEach(async () => {
    await closeDeliveryStore({ store, services });
    await connector.close();
  });

  it('is delivered once, by the first run, and never again', async () => {
    await subscribePersonalChat(
      services,
      { conversationId: 'chat-p1', personId: 'P1', kind: 'team_digest', unitId: 'N-T1', localTime: '07:00' },
      serviceUrl,
    );
    connector.answer({ status: 429, headers: { 'retry-after': '1' } });
    const messenger = new BotFrameworkMessenger(new CloudAdapter(new ConfigurationBotFrameworkAuthentication({})), {
      appId: '',
      timeoutMs: 200,
      sendBudgetMs: 5_000,
      throttle: { globalIntervalMs: 0, perConversationIntervalMs: 0 },
    });
    const options = {
      buildCard: fakeCardBuilder(),
      sends: sendStore(services),
      retryBackoff: { baseMs: 60_000, maxMs: 60_000 },
      random: () => 1,
    };
    expect(await runDigests(services, messenger, new Date('2026-11-20T07:00:00Z'), options)).toMatchObject({ sent: 1, failed: 0 });
    for (const at of ['07:01', '07:02', '07:05', '07:11']) {
      expect(await runDigests(services, messenger, new Date(`2026-11-20T${at}:00Z`), options)).toMatchObject({ due: 0 });
    }
    expect(connector.requests.map((r) => r.answered)).toEqual([429, 201]);
    expect(connector.requests[1]!.at - connector.requests[0]!.at).toBeGreaterThanOrEqual(950);
    expect(await sendRows(services)).toMatchObject([{ status: 'sent', attempts: 1 }]);
  });
});
