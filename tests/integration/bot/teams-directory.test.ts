import { CloudAdapter, ConfigurationBotFrameworkAuthentication } from 'botbuilder';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { BotFrameworkTeamsDirectory } from '../../../src/bot/teams-directory.js';
import { FakeConnector } from '../../support/fake-connector.js';

/**
 * The member lookup through the real botbuilder CloudAdapter in local mode, against the fake Bot Connector
 * over HTTP: what Teams reports, and every way it can fail, as a `failed` answer rather than a throw.
 */
describe('BotFrameworkTeamsDirectory against a fake Bot Connector', () => {
  let connector: FakeConnector;
  let serviceUrl: string;

  beforeEach(async () => {
    connector = new FakeConnector();
    serviceUrl = await connector.start();
  });
  afterEach(() => connector.close());

  const directory = (timeoutMs?: number) =>
    new BotFrameworkTeamsDirectory(new CloudAdapter(new ConfigurationBotFrameworkAuthentication({})), {
      appId: '',
      ...(timeoutMs === undefined ? {} : { timeoutMs }),
    });
  const reference = (conversationId = 'a:personal-chat-1') => ({
    serviceUrl,
    channelId: 'msteams',
    conversation: { id: conversationId },
    bot: { id: '28:bot' },
    user: { id: '29:user-1' },
  });

  it("asks GET /v3/conversations/{id}/members/{userId} and answers the user's principal name, e-mail and Entra id", async () => {
    connector.member('29:user-1', {
      aadObjectId: 'a1a1a1a1-0000-4000-8000-000000000001',
      userPrincipalName: 'P1@x.uk',
      email: 'p1@x.uk',
      name: 'PS 1 Smith',
    });
    expect(await directory().lookupMember(reference(), '29:user-1')).toEqual({
      kind: 'found',
      member: { aadObjectId: 'a1a1a1a1-0000-4000-8000-000000000001', upn: 'P1@x.uk', email: 'p1@x.uk' },
    });
    expect(connector.memberLookups().map((call) => [call.conversationId, call.memberId])).toEqual([['a:personal-chat-1', '29:user-1']]);
  });

  it("asks a channel's members for a message in one of its threads", async () => {
    await directory().lookupMember(reference('19:abc@thread.tacv2;messageid=1700000000000'), '29:user-1');
    expect(connector.memberLookups().map((call) => call.conversationId)).toEqual(['19:abc@thread.tacv2']);
  });

  it('a member Teams reports without addresses is found with none', async () => {
    expect(await directory().lookupMember(reference(), '29:nobody')).toEqual({
      kind: 'found',
      member: { aadObjectId: null, upn: null, email: null },
    });
  });

  it("an error status is `failed` with the Connector's status and code, never its text", async () => {
    connector.memberBehaviour = () => ({ kind: 'status', status: 403, code: 'BotNotInConversationRoster' });
    expect(await directory().lookupMember(reference(), '29:user-1')).toEqual({
      kind: 'failed',
      status: 403,
      code: 'BotNotInConversationRoster',
    });
  });

  it('no answer in time is `failed` once the timeout passes', async () => {
    connector.memberBehaviour = () => ({ kind: 'hang' });
    const started = Date.now();
    expect(await directory(200).lookupMember(reference(), '29:user-1')).toEqual({
      kind: 'failed',
      status: null,
      code: 'no answer within 200 ms',
    });
    expect(Date.now() - started).toBeLessThan(2000);
  });

  it('a Connector that cannot be reached is `failed` without a status', async () => {
    await connector.close();
    // botbuilder's HTTP client retries a refused connection; the lookup's own timeout ends the wait.
    const answer = await directory(300).lookupMember(reference(), '29:user-1');
    expect(answer).toMatchObject({ kind: 'failed', status: null });
    connector = new FakeConnector();
    await connector.start();
  });
});
