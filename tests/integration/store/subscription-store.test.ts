import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { AppServices } from '../../../src/app.js';
import { SubscriptionStore } from '../../../src/store/subscription-store.js';
import { closeDeliveryStore, type DeliveryStore, DRIVERS, importSmallForce, openDeliveryStore } from '../../support/delivery-harness.js';

describe.each(DRIVERS)('subscription store on %s', (driver) => {
  let store: DeliveryStore;
  let services: AppServices;
  let subscriptions: SubscriptionStore;

  beforeEach(async () => {
    ({ store, services } = await openDeliveryStore(driver, { smallForce: false }));
    subscriptions = new SubscriptionStore(services.db);
  });
  afterEach(() => closeDeliveryStore({ store, services }));

  const reference = (id: string) => ({ serviceUrl: 'https://smba.trafficmanager.net/uk/', conversation: { id }, channelId: 'msteams' });

  it('keeps one subscription per conversation, kind and unit: subscribing again changes its time', async () => {
    await subscriptions.saveConversation({
      conversationId: 'chat-1',
      reference: reference('chat-1'),
      scope: 'personal',
      personId: 'P1',
      tenantId: 't',
    });
    await subscriptions.subscribe({ conversationId: 'chat-1', personId: 'P1', kind: 'team_digest', unitId: 'N-T1', localTime: '07:00' });
    await subscriptions.subscribe({ conversationId: 'chat-1', personId: 'P1', kind: 'team_digest', unitId: 'N-T1', localTime: '06:30' });
    await subscriptions.subscribe({ conversationId: 'chat-1', personId: 'P1', kind: 'officer_reminder', unitId: null, localTime: '07:00' });
    await subscriptions.subscribe({ conversationId: 'chat-1', personId: 'P1', kind: 'officer_reminder', unitId: null, localTime: '07:15' });
    expect(await subscriptions.listForConversation('chat-1')).toEqual([
      { id: expect.any(String), kind: 'officer_reminder', unitId: null, personId: 'P1', localTime: '07:15', enabled: true },
      { id: expect.any(String), kind: 'team_digest', unitId: 'N-T1', personId: 'P1', localTime: '06:30', enabled: true },
    ]);
  });

  it('"digest off" and "digest at" act on every subscription of the conversation', async () => {
    await subscriptions.saveConversation({
      conversationId: 'channel-1',
      reference: reference('channel-1'),
      scope: 'team',
      personId: null,
      tenantId: 't',
    });
    await subscriptions.subscribe({ conversationId: 'channel-1', personId: 'P1', kind: 'team_digest', unitId: 'N-T1', localTime: '07:30' });
    await subscriptions.subscribe({ conversationId: 'channel-1', personId: 'P4', kind: 'team_digest', unitId: 'N-T2', localTime: '07:30' });
    expect(await subscriptions.disable('channel-1')).toBe(2);
    expect(await subscriptions.disable('channel-1')).toBe(0);
    expect((await subscriptions.listForConversation('channel-1')).map((s) => s.enabled)).toEqual([false, false]);
    expect(await subscriptions.setTime('channel-1', '06:45')).toBe(2);
    expect((await subscriptions.listForConversation('channel-1')).map((s) => [s.localTime, s.enabled])).toEqual([
      ['06:45', true],
      ['06:45', true],
    ]);
    expect(await subscriptions.setTime('no-such-chat', '06:45')).toBe(0);
  });

  it('refuses a time that is not HH:MM and a team digest without a unit, saying what is expected', async () => {
    await subscriptions.saveConversation({
      conversationId: 'chat-1',
      reference: reference('chat-1'),
      scope: 'personal',
      personId: 'P1',
      tenantId: 't',
    });
    await expect(subscriptions.setTime('chat-1', '7am')).rejects.toThrow("'7am' is not a 24-hour time HH:MM, e.g. 07:00");
    await expect(
      subscriptions.subscribe({ conversationId: 'chat-1', personId: 'P1', kind: 'team_digest', unitId: 'N-T1', localTime: '24:00' }),
    ).rejects.toThrow('HH:MM');
    await expect(
      subscriptions.subscribe({ conversationId: 'chat-1', personId: 'P1', kind: 'team_digest', unitId: null, localTime: '07:00' }),
    ).rejects.toThrow('needs the unit');
  });

  it("finds a person's personal chat for a proactive note, until the bot is removed from it", async () => {
    await importSmallForce(services);
    // A personal chat's reference names its Teams user, as TurnContext.getConversationReference saves it.
    const chat2 = { ...reference('chat-2'), user: { id: '29:p2', aadObjectId: 'aad-p2' } };
    expect(await subscriptions.personalConversationOf('P2')).toBeNull();
    await subscriptions.saveConversation({
      conversationId: 'channel-1',
      reference: reference('channel-1'),
      scope: 'team',
      personId: 'P2',
      tenantId: 't',
    });
    expect(await subscriptions.personalConversationOf('P2')).toBeNull();
    await subscriptions.saveConversation({ conversationId: 'chat-2', reference: chat2, scope: 'personal', personId: 'P2', tenantId: 't' });
    expect(await subscriptions.personalConversationOf('P2')).toEqual(chat2);

    await subscriptions.markInactive('chat-2', 'BotNotInConversationRoster');
    expect(await subscriptions.personalConversationOf('P2')).toBeNull();
    // Installing again (any activity saved from the chat) makes it reachable again.
    await subscriptions.saveConversation({ conversationId: 'chat-2', reference: chat2, scope: 'personal', personId: 'P2', tenantId: 't' });
    expect(await subscriptions.personalConversationOf('P2')).toEqual(chat2);
  });

  it("never answers a personal chat whose Teams account is no longer the person's", async () => {
    await importSmallForce(services);
    await subscriptions.saveConversation({
      conversationId: 'chat-2',
      reference: { ...reference('chat-2'), user: { id: '29:p2', aadObjectId: 'aad-p2' } },
      scope: 'personal',
      personId: 'P2',
      tenantId: 't',
    });
    expect(await subscriptions.personalConversationOf('P2')).not.toBeNull();
    // The next extract gives P2 another Entra id (the old account left, or was someone else's).
    await services.importNdjson(
      (async function* () {
        yield JSON.stringify({
          type: 'person',
          id: 'P2',
          name: 'PC 2002 Patel',
          unitId: 'N-T1',
          role: 'officer',
          aadObjectId: 'aad-p2-new',
        });
      })(),
    );
    expect(await subscriptions.personalConversationOf('P2')).toBeNull();
  });
});
