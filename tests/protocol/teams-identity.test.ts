import { readFile } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PeopleLinksReport } from '../../src/service/people-links-report.js';
import { SubscriptionStore } from '../../src/store/subscription-store.js';
import { startBotApp, type BotApp } from '../support/bot-app.js';
import { Conversation, cardText, cardsOf, type TeamsUser } from '../support/bot-harness.js';

/**
 * A force whose records carry e-mail addresses and user principal names but no Entra object ids, as
 * Niche and its kind export them (issue 13, part 1). Teams users are found through the Bot Connector's
 * member lookup, served by the fake connector with scripted members.
 */
const TOKEN = 'identity-test-token-0123456789';

/** The small force with every Entra id taken out, addresses put in, and a sergeant for South Team 1. */
async function emailOnlyExtract(): Promise<string> {
  const addresses: Record<string, object> = {
    P1: { email: 'ps1001.smith@example.police.uk' },
    P2: { email: 'pc2002.patel@example.police.uk' },
    P4: { upn: 'PS1004.Evans@Example.Police.UK' },
  };
  const lines = (await readFile(new URL('../fixtures/small-force.ndjson', import.meta.url), 'utf8')).trimEnd().split('\n');
  const people = lines.map((line) => {
    const record = JSON.parse(line) as Record<string, unknown>;
    if (record.type !== 'person') return line;
    const { aadObjectId: _dropped, ...person } = record;
    return JSON.stringify({ ...person, ...addresses[String(record.id)] });
  });
  const rowe = {
    type: 'person',
    id: 'P8',
    name: 'PS 1008 Rowe',
    unitId: 'S-T1',
    role: 'supervisor',
    email: 'ps1008.rowe@example.police.uk',
  };
  return [...people, JSON.stringify(rowe)].join('\n');
}

/** A Teams user whose Entra id the records do not carry; the connector reports these addresses for them. */
function teamsUser(bot: BotApp, n: number, addresses: { userPrincipalName?: string; email?: string }): TeamsUser {
  const user = { aadObjectId: `0c0c0c0c-0000-4000-8000-${String(n).padStart(12, '0')}`, name: `Teams user ${n}` };
  bot.connector.member(`29:${user.aadObjectId}`, { aadObjectId: user.aadObjectId, ...addresses });
  return user;
}

let bot: BotApp;
let subscriptions: SubscriptionStore;

beforeAll(async () => {
  bot = await startBotApp({ env: { VCOP_DEMO: '0', VCOP_API_TOKEN: TOKEN }, logLevel: 'info' });
  subscriptions = new SubscriptionStore(bot.app.services.db);
  const imported = await api('/v1/records', {
    method: 'POST',
    headers: { 'content-type': 'application/x-ndjson' },
    body: await emailOnlyExtract(),
  });
  expect(imported.status).toBe(200);
}, 60_000);

afterAll(async () => {
  await bot?.close();
});

function api(path: string, init: RequestInit = {}): Promise<Response> {
  return fetch(`${bot.baseUrl}${path}`, {
    ...init,
    headers: { authorization: `Bearer ${TOKEN}`, ...(init.headers as Record<string, string>) },
  });
}

async function post(activity: object): Promise<void> {
  const answer = await bot.postRaw(JSON.stringify(activity));
  expect(answer.status, answer.text).toBe(200);
}

async function report(): Promise<PeopleLinksReport> {
  const response = await api('/v1/people/links');
  expect(response.status).toBe(200);
  return (await response.json()) as PeopleLinksReport;
}

function messagesTo(chat: Conversation): string[] {
  return bot.connector
    .sentTo(chat.id)
    .filter((a) => a.type === 'message')
    .map((a) => cardText(cardsOf(a)[0] ?? a));
}

const lookupsOf = (user: TeamsUser) => bot.connector.memberLookups().filter((call) => call.memberId === `29:${user.aadObjectId}`);

describe('a force extract with e-mails and no Entra object ids', () => {
  it('its sergeant installs the app, is matched by e-mail, is subscribed like an Entra-matched one, and gets the digest', async () => {
    const smith = teamsUser(bot, 1, { userPrincipalName: 'PS1001.Smith@example.police.uk', email: 'PS1001.Smith@example.police.uk' });
    const chat = new Conversation(bot.serviceUrl, smith);
    await post(chat.installationUpdate('add'));
    await post(chat.botAdded());
    expect(lookupsOf(smith), 'asked once: the second install activity reads the link').toHaveLength(1);
    expect(await subscriptions.listForConversation(chat.id)).toEqual([
      expect.objectContaining({ kind: 'team_digest', unitId: 'N-T1', personId: 'P1', localTime: '07:00', enabled: true }),
    ]);
    expect(messagesTo(chat)).toEqual([expect.stringContaining('at 07:00 every day')]);

    const run = await api('/v1/digests/run', { method: 'POST' });
    expect(await run.json()).toMatchObject({ sent: 1, failed: 0 });
    expect(messagesTo(chat)).toHaveLength(2);
    expect(messagesTo(chat)[1]).toContain('North Team 1');
    expect(lookupsOf(smith)).toHaveLength(1);
  });

  it('matches a user principal name written in another case; the first message subscribes them and answers', async () => {
    const evans = teamsUser(bot, 4, { userPrincipalName: 'ps1004.evans@EXAMPLE.police.uk' });
    const chat = new Conversation(bot.serviceUrl, evans);
    await post(chat.message('digest'));
    expect(await subscriptions.listForConversation(chat.id)).toEqual([
      expect.objectContaining({ kind: 'team_digest', unitId: 'N-T2', personId: 'P4', enabled: true }),
    ]);
    const [confirmation, digest] = messagesTo(chat);
    expect(confirmation).toContain('at 07:00 every day');
    expect(digest).toContain('North Team 2');
  });

  it('a Teams user no one in the records matches gets "not set up" with the reason, and is in the report by id only', async () => {
    const stranger = teamsUser(bot, 99, { userPrincipalName: 'a.stranger@example.police.uk', email: 'a.stranger@example.police.uk' });
    const chat = new Conversation(bot.serviceUrl, stranger);
    await post(chat.installationUpdate('add'));
    expect(await subscriptions.listForConversation(chat.id)).toEqual([]);
    expect(messagesTo(chat)).toEqual([expect.stringContaining('No one in the records has your Teams sign-in name or e-mail address')]);
    expect(messagesTo(chat)[0]).toContain("isn't linked to anyone");

    const links = await report();
    expect(links.unmatchedTeamsUsers).toContainEqual(
      expect.objectContaining({ teamsUserId: `29:${stranger.aadObjectId}`, aadObjectId: stranger.aadObjectId, reason: 'no_match' }),
    );
    expect(JSON.stringify(links)).not.toContain('a.stranger@');
  });

  it('when Teams cannot be asked, the user is told so, the failure is logged with ids only, and the next turn asks again', async () => {
    const patel = teamsUser(bot, 2, { email: 'pc2002.patel@example.police.uk' });
    const chat = new Conversation(bot.serviceUrl, patel);
    bot.connector.memberBehaviour = (call) =>
      call.memberId === `29:${patel.aadObjectId}` ? { kind: 'status', status: 404, code: 'MemberNotFoundInConversation' } : { kind: 'ok' };
    const logged = bot.logLines.length;
    await post(chat.installationUpdate('add'));
    expect(messagesTo(chat)).toEqual([expect.stringContaining("I couldn't ask Teams who you are just now")]);
    const warning = bot.logLines.slice(logged).find((line) => line.includes('could not ask Teams who the user is'));
    expect(JSON.parse(warning ?? '{}')).toMatchObject({
      level: 40,
      teamsUserId: `29:${patel.aadObjectId}`,
      conversationId: chat.id,
      status: 404,
      code: 'MemberNotFoundInConversation',
    });
    expect((await report()).unmatchedTeamsUsers).toContainEqual(
      expect.objectContaining({ teamsUserId: `29:${patel.aadObjectId}`, reason: 'lookup_failed' }),
    );

    bot.connector.memberBehaviour = () => ({ kind: 'ok' });
    await post(chat.message('help'));
    expect(lookupsOf(patel)).toHaveLength(2);
    expect(await subscriptions.listForConversation(chat.id)).toEqual([
      expect.objectContaining({ kind: 'officer_reminder', personId: 'P2', enabled: true }),
    ]);
    expect((await report()).unmatchedTeamsUsers.map((u) => u.teamsUserId)).not.toContain(`29:${patel.aadObjectId}`);
  });

  it("an import that changes the sergeant's e-mail drops the link: the report shows them unlinked, their digest stopped, and Teams is asked again", async () => {
    const before = await report();
    expect(before.unlinked.map((p) => p.personId)).not.toContain('P1');
    const changed = JSON.stringify({
      type: 'person',
      id: 'P1',
      name: 'PS 1001 Smith',
      unitId: 'N-T1',
      role: 'supervisor',
      email: 'john.smith@example.police.uk',
    });
    expect((await api('/v1/records', { method: 'POST', headers: { 'content-type': 'application/x-ndjson' }, body: changed })).status).toBe(
      200,
    );

    const after = await report();
    expect(after.unlinked).toContainEqual(
      expect.objectContaining({ personId: 'P1', role: 'supervisor', unitId: 'N-T1', identifiers: ['email'] }),
    );
    expect(after.notReceivingDigests).toContainEqual(
      expect.objectContaining({ personId: 'P1', reason: 'stopped', detail: 'teams_account_changed' }),
    );

    const smith = { aadObjectId: '0c0c0c0c-0000-4000-8000-000000000001', name: 'Teams user 1' };
    const chat = new Conversation(bot.serviceUrl, smith);
    await post(chat.message('digest'));
    expect(lookupsOf(smith)).toHaveLength(2);
    expect(messagesTo(chat)).toEqual([expect.stringContaining('No one in the records has your Teams sign-in name')]);
  });

  it('a sergeant whose chat Teams refuses (403 BotNotInConversationRoster) is reported as not receiving digests, with the code', async () => {
    const rowe = teamsUser(bot, 8, { userPrincipalName: 'ps1008.rowe@example.police.uk' });
    const chat = new Conversation(bot.serviceUrl, rowe);
    await post(chat.installationUpdate('add'));
    bot.connector.behaviour = (call) =>
      call.conversationId === chat.id ? { kind: 'status', status: 403, code: 'BotNotInConversationRoster' } : { kind: 'ok' };
    try {
      expect(await (await api('/v1/digests/run', { method: 'POST' })).json()).toMatchObject({ failed: 1 });
    } finally {
      bot.connector.behaviour = () => ({ kind: 'ok' });
    }
    expect((await report()).notReceivingDigests).toContainEqual(
      expect.objectContaining({ personId: 'P8', name: 'PS 1008 Rowe', reason: 'conversation_gone', detail: 'BotNotInConversationRoster' }),
    );
  });

  it('the report needs the API token, and no address reaches a log line', async () => {
    expect((await fetch(`${bot.baseUrl}/v1/people/links`)).status).toBe(401);
    const logs = bot.logLines.join('\n').toLowerCase();
    for (const address of ['ps1001.smith@', 'pc2002.patel@', 'ps1004.evans@', 'ps1008.rowe@', 'a.stranger@', 'john.smith@']) {
      expect(logs).not.toContain(address);
    }
    expect(logs).not.toContain('ps 1001 smith');
  });
});
