import { afterEach, describe, expect, it } from 'vitest';
import { FakeConnector, type ConnectorCall } from '../../support/fake-connector.js';

/** The one fake Bot Connector, in the mode the benchmark's load run uses it: no calls kept, each read as it comes. */
describe('FakeConnector keeping no calls', () => {
  let connector: FakeConnector;
  afterEach(() => connector.close());

  it('shows each call to onCall, keeps none, and still numbers the posts for behaviour', async () => {
    connector = new FakeConnector({ keepCalls: false });
    const seen: ConnectorCall[] = [];
    const indexes: number[] = [];
    connector.onCall = (call) => seen.push(call);
    connector.behaviour = (_post, index) => {
      indexes.push(index);
      return index === 1 ? { kind: 'status', status: 503 } : { kind: 'ok' };
    };
    const serviceUrl = await connector.start();
    const post = (conversation: string) =>
      fetch(`${serviceUrl}v3/conversations/${conversation}/activities`, { method: 'POST', body: JSON.stringify({ text: conversation }) });

    expect((await post('a')).status).toBe(201);
    expect((await post('b')).status).toBe(503);
    expect((await fetch(`${serviceUrl}v3/conversations/a/activities/x`, { method: 'PUT', body: '{}' })).status).toBe(200);

    expect(seen.map((c) => [c.method, c.conversationId, c.body])).toEqual([
      ['POST', 'a', { text: 'a' }],
      ['POST', 'b', { text: 'b' }],
      ['PUT', 'a', {}],
    ]);
    expect(indexes).toEqual([0, 1]);
    expect(connector.calls).toEqual([]);
  });
});
