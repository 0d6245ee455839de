import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Conversation, TENANT, startBotHarness, type BotHarness } from '../support/bot-harness.js';

const stranger = { aadObjectId: 'dddddddd-0000-4000-8000-00000000ffff', name: 'Stranger' };

describe('POST /api/messages in local mode', () => {
  let harness: BotHarness;
  beforeAll(async () => {
    harness = await startBotHarness({ VCOP_DEMO: '0' });
  }, 60_000);
  afterAll(async () => {
    await harness?.close();
  });

  it('answers 400 to a body that is not JSON, or not an activity, and keeps serving', async () => {
    const notJson = await fetch(`${harness.baseUrl}/api/messages`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{"type":',
    });
    expect(notJson.status).toBe(400);
    const noConversation = await harness.post({
      type: 'message',
      text: 'hi',
      serviceUrl: harness.serviceUrl,
      channelId: 'msteams',
      from: { id: 'x' },
      recipient: { id: 'bot' },
    });
    expect(noConversation.status).toBe(400);
    expect(JSON.stringify(noConversation.body)).toContain('conversation');
    const badServiceUrl = await harness.post({
      ...new Conversation(harness.serviceUrl, stranger).message('hi'),
      serviceUrl: 'file:///etc/passwd',
    });
    expect(badServiceUrl.status).toBe(400);
    expect((await harness.post(new Conversation(harness.serviceUrl, stranger).message('help'))).status).toBe(200);
  });

  it('answers an unknown card verb with a card, not a 501', async () => {
    const response = await harness.post(new Conversation(harness.serviceUrl, stranger).cardAction('launchMissiles', {}));
    expect(response.status).toBe(200);
    expect(JSON.stringify(response.body)).toContain('older card');
  });
});

describe('POST /api/messages with Teams credentials', () => {
  let harness: BotHarness;
  beforeAll(async () => {
    harness = await startBotHarness({
      VCOP_DEMO: '0',
      MicrosoftAppId: '0f4b5c6d-7e8f-4a0b-9c1d-2e3f4a5b6c7d',
      MicrosoftAppPassword: 'not-a-real-secret',
      MicrosoftAppTenantId: TENANT,
      MicrosoftAppType: 'SingleTenant',
    });
  }, 60_000);
  afterAll(async () => {
    await harness?.close();
  });

  it('refuses an activity without a Bot Framework token (401) and sends nothing', async () => {
    const chat = new Conversation(harness.serviceUrl, stranger);
    const response = await harness.post(chat.message('help'));
    expect(response.status).toBe(401);
    expect(harness.connector.sentTo(chat.id)).toEqual([]);
  });

  it('refuses an activity from another tenant (403) and sends nothing', async () => {
    const chat = new Conversation(harness.serviceUrl, stranger, 'personal', '11111111-2222-4333-8444-555555555555');
    const response = await harness.post(chat.message('help'), { authorization: 'Bearer forged.token.value' });
    expect(response.status).toBe(403);
    expect(harness.connector.sentTo(chat.id)).toEqual([]);
  });
});
