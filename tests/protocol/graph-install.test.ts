import { readFile } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createInstallMissingExtension, type InstallMissingExtension } from '../../src/app/install-missing-extension.js';
import type { PeopleLinksReport } from '../../src/service/people-links-report.js';
import { SubscriptionStore } from '../../src/store/subscription-store.js';
import { startBotApp, type BotApp } from '../support/bot-app.js';
import { Conversation, cardText, cardsOf } from '../support/bot-harness.js';
import { FakeGraph } from '../support/fake-graph.js';

/**
 * An e-mail-only force (issue 13, part 2): a sergeant who never opened the app is installed for through
 * Microsoft Graph (the fake Graph over HTTP) after the import, Teams then sends the installationUpdate
 * over /api/messages, they are matched by e-mail and subscribed, and the morning digest reaches them.
 */
const TOKEN = 'graph-install-test-token-0123456789';
const SMITH = 'ps1001.smith@example.police.uk';

async function emailOnlyExtract(): Promise<string> {
  const lines = (await readFile(new URL('../fixtures/small-force.ndjson', import.meta.url), 'utf8')).trimEnd().split('\n');
  return lines
    .map((line) => {
      const record = JSON.parse(line) as Record<string, unknown>;
      if (record.type !== 'person') return line;
      const { aadObjectId: _dropped, ...person } = record;
      return JSON.stringify(record.id === 'P1' ? { ...person, email: SMITH } : person);
    })
    .join('\n');
}

let graph: FakeGraph;
let bot: BotApp;
let installs: InstallMissingExtension;

beforeAll(async () => {
  graph = new FakeGraph();
  await graph.start();
  bot = await startBotApp({
    env: { VCOP_DEMO: '0', VCOP_API_TOKEN: TOKEN, ...graph.env() },
    extensions: (config) => {
      installs = createInstallMissingExtension(config);
      return [installs];
    },
  });
}, 60_000);

afterAll(async () => {
  await bot?.close();
  await graph?.close();
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

describe('a sergeant who never installed the app, in an e-mail-only force', () => {
  const smith = { aadObjectId: '0c0c0c0c-0000-4000-8000-00000000a001', name: 'Teams user a1' };

  it('is installed for through Graph after the import, by their address, and the report shows it', async () => {
    const imported = await api('/v1/records', {
      method: 'POST',
      headers: { 'content-type': 'application/x-ndjson' },
      body: await emailOnlyExtract(),
    });
    expect(imported.status).toBe(200);
    await installs.idle();
    expect(graph.installsFor(SMITH)).toHaveLength(1);
    expect(graph.installsFor(SMITH)[0]?.body).toEqual({
      'teamsApp@odata.bind': `${graph.env().GRAPH_API_URL}/appCatalogs/teamsApps/aaaaaaaa-bbbb-4ccc-8ddd-eeeeeeeeeeee`,
    });
    const report = (await (await api('/v1/people/links')).json()) as PeopleLinksReport;
    expect(report.notReceivingDigests).toContainEqual(
      expect.objectContaining({ personId: 'P1', reason: 'never_installed', appInstall: expect.objectContaining({ outcome: 'installed' }) }),
    );
  });

  it('the installationUpdate then arrives over /api/messages, subscribes them, and they get the digest', async () => {
    const live = new Conversation(bot.serviceUrl, smith);
    bot.connector.member(`29:${smith.aadObjectId}`, { aadObjectId: smith.aadObjectId, userPrincipalName: SMITH, email: SMITH });
    await post(live.installationUpdate('add'));
    expect(await new SubscriptionStore(bot.app.services.db).listForConversation(live.id)).toEqual([
      expect.objectContaining({ kind: 'team_digest', unitId: 'N-T1', personId: 'P1', enabled: true }),
    ]);
    expect(await (await api('/v1/digests/run', { method: 'POST' })).json()).toMatchObject({ sent: 1, failed: 0 });
    const messages = bot.connector.sentTo(live.id).filter((a) => a.type === 'message');
    expect(messages.map((a) => cardText(cardsOf(a)[0] ?? a)).at(-1)).toContain('North Team 1');
  });

  it('is not installed for again: the admin route leaves them alone, and a dry run lists only those still missing', async () => {
    const before = graph.installCalls().length;
    const dry = (await (await api('/v1/teams/install-missing?dryRun=1', { method: 'POST' })).json()) as { people: { personId: string }[] };
    expect(dry.people.map((p) => p.personId)).not.toContain('P1');
    const run = await api('/v1/teams/install-missing', { method: 'POST' });
    expect(run.status).toBe(200);
    expect(graph.installsFor(SMITH)).toHaveLength(1);
    expect(graph.installCalls().length).toBe(before);
    expect((await fetch(`${bot.baseUrl}/v1/teams/install-missing`, { method: 'POST' })).status).toBe(401);
    expect(bot.logLines.join('\n').toLowerCase()).not.toContain('ps1001.smith@');
  });
});
