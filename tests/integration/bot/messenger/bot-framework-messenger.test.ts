import { CloudAdapter, ConfigurationBotFrameworkAuthentication } from 'botbuilder';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { BotFrameworkMessenger, type BotFrameworkMessengerOptions } from '../../../../src/bot/messenger/bot-framework-messenger.js';
import { ConversationGoneError, DeliveryFailedError } from '../../../../src/service/ports/messenger.js';
import { FakeConnector } from '../../../support/fake-connector.js';

/**
 * The real botbuilder CloudAdapter in local mode (no app id, as in the Agents Playground) posting to a
 * fake Bot Connector over HTTP. Waits of the messenger itself are recorded instead of slept.
 */
describe('BotFrameworkMessenger against a fake Bot Connector', () => {
  let connector: FakeConnector;
  let serviceUrl: string;
  let sleeps: number[];

  beforeEach(async () => {
    connector = new FakeConnector();
    serviceUrl = await connector.start();
    sleeps = [];
  });
  afterEach(() => connector.close());

  function messenger(options: Partial<BotFrameworkMessengerOptions> = {}): BotFrameworkMessenger {
    const adapter = new CloudAdapter(new ConfigurationBotFrameworkAuthentication({}));
    return new BotFrameworkMessenger(adapter, {
      appId: '',
      backoff: { baseMs: 1000, maxMs: 60_000 },
      throttle: { globalIntervalMs: 0, perConversationIntervalMs: 0 },
      sleep: async (ms) => {
        sleeps.push(ms);
      },
      random: () => 0.5,
      ...options,
    });
  }

  function reference(conversationId = 'a:personal-chat-1') {
    return { serviceUrl, channelId: 'msteams', conversation: { id: conversationId }, bot: { id: '28:bot' }, user: { id: '29:user' } };
  }

  const card = { type: 'message', text: 'Your digest' } as const;

  it('posts the activity to the conversation and answers the id the connector gave', async () => {
    const result = await messenger().sendToConversation(reference(), card);
    expect(connector.requests).toHaveLength(1);
    expect(connector.requests[0]?.conversationId).toBe('a:personal-chat-1');
    expect(connector.requests[0]?.body.text).toBe('Your digest');
    expect(result.id).toBe('activity-1');
  });

  it('after a 429 with Retry-After, the message arrives once, no sooner than the server asked', async () => {
    connector.answer({ status: 429, headers: { 'retry-after': '1' } });
    await messenger().sendToConversation(reference(), card);
    expect(connector.requests).toHaveLength(2);
    expect(connector.delivered()).toHaveLength(1);
    const [first, second] = connector.requests;
    expect(second!.at - first!.at).toBeGreaterThanOrEqual(950);
  });

  it('retries 412 with exponential backoff and delivers once', async () => {
    connector.answer({ status: 412 }, { status: 412 });
    const result = await messenger().sendToConversation(reference(), card);
    expect(connector.delivered()).toHaveLength(1);
    expect(result.id).toBe('activity-3');
    // random() = 0.5: half fixed + a quarter of the ceiling; the ceiling doubles each retry.
    expect(sleeps).toEqual([750, 1500]);
  });

  it('honours Retry-After on a status the HTTP client does not retry itself', async () => {
    connector.answer({ status: 412, headers: { 'retry-after': '3' } });
    await messenger().sendToConversation(reference(), card);
    expect(sleeps).toEqual([3000]);
    expect(connector.delivered()).toHaveLength(1);
  });

  it('a 500 followed by success delivers exactly once', async () => {
    connector.answer({ status: 500, body: { error: { code: 'ServiceError', message: 'try later' } } });
    await messenger().sendToConversation(reference(), card);
    expect(connector.requests.map((r) => r.answered)).toEqual([500, 201]);
  });

  it('gives up after the attempts allowed and says why', async () => {
    connector.answer(...Array.from({ length: 10 }, () => ({ status: 412 })));
    const error = await messenger({ maxAttempts: 3 })
      .sendToConversation(reference(), card)
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DeliveryFailedError);
    expect((error as DeliveryFailedError).status).toBe(412);
    expect((error as DeliveryFailedError).attempts).toBe(3);
    expect(connector.requests).toHaveLength(3);
    expect(connector.delivered()).toHaveLength(0);
  });

  it('403 BotNotInConversationRoster is a ConversationGoneError at once, never retried', async () => {
    connector.answer({
      status: 403,
      body: { error: { code: 'BotNotInConversationRoster', message: 'The bot is not part of the conversation roster.' } },
    });
    const error = await messenger()
      .sendToConversation(reference(), card)
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ConversationGoneError);
    expect((error as ConversationGoneError).code).toBe('BotNotInConversationRoster');
    expect(connector.requests).toHaveLength(1);
    expect(sleeps).toEqual([]);
  });

  it('another 4xx is permanent: not retried', async () => {
    connector.answer({ status: 400, body: { error: { code: 'BadArgument', message: 'Activity is too big' } } });
    const error = await messenger()
      .sendToConversation(reference(), card)
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DeliveryFailedError);
    expect((error as Error).message).toContain('HTTP 400');
    expect(connector.requests).toHaveLength(1);
  });

  it('a slow answer past the timeout is awaited, not sent again', async () => {
    connector.answer({ status: 201, body: { id: 'slow-1' }, delayMs: 150 });
    const result = await messenger({ timeoutMs: 100 }).sendToConversation(reference(), card);
    expect(result.id).toBe('slow-1');
    expect(connector.requests).toHaveLength(1);
  });

  it('a slow failure past the timeout is retried once its outcome is known', async () => {
    connector.answer({ status: 412, delayMs: 150 });
    await messenger({ timeoutMs: 100 }).sendToConversation(reference(), card);
    expect(connector.requests.map((r) => r.answered)).toEqual([412, 201]);
  });

  it('a call that never answers fails without a second send that could duplicate it', async () => {
    connector.answer({ status: 201, delayMs: Infinity });
    const error = await messenger({ timeoutMs: 50, sendBudgetMs: 200 })
      .sendToConversation(reference(), card)
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DeliveryFailedError);
    expect((error as Error).message).toContain('may still arrive');
    expect(connector.requests).toHaveLength(1);
  });

  it('throttles: sends to one conversation are spaced, other conversations only by the global gap', async () => {
    let clock = 0;
    const throttled = messenger({
      throttle: { globalIntervalMs: 100, perConversationIntervalMs: 1000 },
      now: () => new Date(clock),
      sleep: async (ms) => {
        sleeps.push(ms);
        clock += ms;
      },
    });
    await throttled.sendToConversation(reference('a'), card);
    await throttled.sendToConversation(reference('a'), card);
    await throttled.sendToConversation(reference('b'), card);
    expect(sleeps).toEqual([1000, 100]);
    expect(connector.delivered()).toHaveLength(3);
  });

  it('refuses a reference it cannot post to, naming the fix', async () => {
    const error = await messenger()
      .sendToConversation({ conversation: { id: 'x' } }, card)
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DeliveryFailedError);
    expect((error as Error).message).toContain('serviceUrl');
  });
});
