import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createBotExtension } from '../../../../src/app.js';
import { RecordingMessenger } from '../../../support/recording-messenger.js';
import { startTestApp, testConfig, type TestApp } from '../../../support/test-app.js';
import { fakeCardBuilder, importSmallForce, sendStore, subscribePersonalChat } from '../../../support/delivery-harness.js';

/** The whole application with the delivery pieces plugged in; now is Friday 20 Nov 2026 10:00 GMT. */
describe('POST /v1/digests/run', () => {
  let test: TestApp;
  let messenger: RecordingMessenger;

  beforeEach(async () => {
    messenger = new RecordingMessenger();
    test = await startTestApp({
      extensions: [createBotExtension(testConfig(), { messenger: () => messenger, runOptions: { buildCard: fakeCardBuilder() } })],
    });
    await importSmallForce(test.app.services);
  });
  afterEach(() => test.close());

  it('needs the API token', async () => {
    const response = await fetch(`${test.baseUrl}/v1/digests/run`, { method: 'POST' });
    expect(response.status).toBe(401);
    expect(messenger.calls).toEqual([]);
  });

  it("sends today's due digests now, answers the counts, and sends nothing twice", async () => {
    const services = test.app.services;
    await subscribePersonalChat(services, {
      conversationId: 'chat-p1',
      personId: 'P1',
      kind: 'team_digest',
      unitId: 'N-T1',
      localTime: '07:00',
    });
    await subscribePersonalChat(services, {
      conversationId: 'chat-p4',
      personId: 'P4',
      kind: 'team_digest',
      unitId: 'N-T2',
      localTime: '11:00',
    });

    const first = await test.api('/v1/digests/run', { method: 'POST' });
    expect(first.status).toBe(200);
    expect(await first.json()).toEqual({ due: 1, sent: 1, failed: 0, skipped: 0 });
    expect(messenger.sent.map((s) => s.conversationId)).toEqual(['chat-p1']);

    const second = await test.api('/v1/digests/run', { method: 'POST' });
    expect(await second.json()).toEqual({ due: 0, sent: 0, failed: 0, skipped: 0 });
    expect(messenger.sent).toHaveLength(1);
  });

  it('retries a failed digest at once when asked, without waiting out its retry delay', async () => {
    const services = test.app.services;
    const subscriptionId = await subscribePersonalChat(services, {
      conversationId: 'chat-p1',
      personId: 'P1',
      kind: 'team_digest',
      unitId: 'N-T1',
      localTime: '07:00',
    });
    const claim = await sendStore(services).claim(subscriptionId, '2026-11-20', { now: services.clock.now() });
    await sendStore(services).markFailed(claim!, services.clock.now(), { error: 'HTTP 502', retryAt: new Date('2026-11-20T11:00:00Z') });

    const response = await test.api('/v1/digests/run', { method: 'POST' });
    expect(await response.json()).toEqual({ due: 1, sent: 1, failed: 0, skipped: 0 });
  });
});
