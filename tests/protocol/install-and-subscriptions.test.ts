import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Person } from '../../src/domain/types.js';
import { SubscriptionStore } from '../../src/store/subscription-store.js';
import { Conversation, cardText, cardsOf, pickTeam, startBotHarness, teamsUserOf, type BotHarness } from '../support/bot-harness.js';

let harness: BotHarness;
let team: Awaited<ReturnType<typeof pickTeam>>;
let subscriptions: SubscriptionStore;

beforeAll(async () => {
  harness = await startBotHarness();
  team = await pickTeam(harness);
  subscriptions = new SubscriptionStore(harness.app.services.db);
}, 60_000);

afterAll(async () => {
  await harness?.close();
});

function lastCardText(chat: Conversation): string {
  const messages = harness.connector.sentTo(chat.id).filter((a) => a.type === 'message');
  return cardText(cardsOf(messages.at(-1)!)[0]);
}

describe('installing the app in a personal chat', () => {
  it("subscribes a supervisor to their team's digest at 07:00 and confirms once for the pair of install activities", async () => {
    const chat = new Conversation(harness.serviceUrl, teamsUserOf(team.supervisor));
    expect((await harness.post(chat.installationUpdate('add'))).status).toBe(200);
    expect((await harness.post(chat.botAdded())).status).toBe(200);
    expect(await subscriptions.listForConversation(chat.id)).toEqual([
      expect.objectContaining({
        kind: 'team_digest',
        unitId: team.unitId,
        personId: team.supervisor.id,
        localTime: '07:00',
        enabled: true,
      }),
    ]);
    const [row] = await harness.app.services.db.query<{
      reference: { serviceUrl: string; conversation: { id: string } };
      person_id: string;
      scope: string;
    }>('select reference, person_id, scope from conversations where id = $1', [chat.id]);
    expect(row).toMatchObject({
      person_id: team.supervisor.id,
      scope: 'personal',
      reference: { serviceUrl: harness.serviceUrl, conversation: { id: chat.id } },
    });
    const messages = harness.connector.sentTo(chat.id).filter((a) => a.type === 'message');
    expect(messages).toHaveLength(1);
    expect(lastCardText(chat)).toContain('at 07:00 every day');
  });

  it('subscribes an officer to their own reminder', async () => {
    const chat = new Conversation(harness.serviceUrl, teamsUserOf(team.oic));
    await harness.post(chat.botAdded());
    expect(await subscriptions.listForConversation(chat.id)).toEqual([
      expect.objectContaining({ kind: 'officer_reminder', unitId: null, personId: team.oic.id, localTime: '07:00' }),
    ]);
    expect(lastCardText(chat)).toContain('Your reminder at 07:00');
  });

  it('does not subscribe an unmapped user, and tells them they are not set up', async () => {
    const chat = new Conversation(harness.serviceUrl, { aadObjectId: 'cccccccc-0000-4000-8000-00000000ffff', name: 'Stranger' });
    await harness.post(chat.installationUpdate('add'));
    expect(await subscriptions.listForConversation(chat.id)).toEqual([]);
    expect(lastCardText(chat)).toContain("isn't linked to anyone");
  });

  it('stops the digest when the app is removed', async () => {
    const chat = new Conversation(harness.serviceUrl, teamsUserOf(team.otherOfficer));
    await harness.post(chat.installationUpdate('add'));
    await harness.post(chat.installationUpdate('remove'));
    expect((await subscriptions.listForConversation(chat.id)).map((s) => s.enabled)).toEqual([false]);
  });
});

describe('adding the bot to a team', () => {
  it('stores the channel and greets it once, with how to subscribe', async () => {
    const channel = new Conversation(harness.serviceUrl, teamsUserOf(team.supervisor), 'channel');
    await harness.post(channel.installationUpdate('add'));
    await harness.post(channel.botAdded());
    const greetings = harness.connector.sentTo(channel.id).filter((a) => a.type === 'message');
    expect(greetings.map((a) => a.text)).toEqual([expect.stringContaining('subscribe North Team 3 at 07:30')]);
    const [row] = await harness.app.services.db.query<{ scope: string }>('select scope from conversations where id = $1', [channel.id]);
    expect(row).toEqual({ scope: 'team' });
  });
});

describe('subscription commands', () => {
  it('"digest at 06:30" moves the digest, "digest off" stops it', async () => {
    const chat = new Conversation(harness.serviceUrl, teamsUserOf(team.supervisor));
    await harness.post(chat.message('digest at 6:30'));
    expect((await subscriptions.listForConversation(chat.id)).map((s) => [s.localTime, s.enabled])).toEqual([['06:30', true]]);
    expect(lastCardText(chat)).toContain('06:30');
    await harness.post(chat.message('digest off'));
    expect((await subscriptions.listForConversation(chat.id)).map((s) => s.enabled)).toEqual([false]);
    expect(lastCardText(chat)).toContain('is off');
  });

  it('rejects a time that is not a time of day', async () => {
    const chat = new Conversation(harness.serviceUrl, teamsUserOf(team.supervisor));
    await harness.post(chat.message('digest at 25:00'));
    expect(await subscriptions.listForConversation(chat.id)).toEqual([]);
    expect(lastCardText(chat)).toContain("I didn't understand that time");
  });

  it('lets a supervisor @mention the bot in a channel to subscribe their team', async () => {
    const unitName = (await harness.app.services.queries.findUnit(team.unitId))!.name;
    const channel = new Conversation(harness.serviceUrl, teamsUserOf(team.supervisor), 'channel');
    await harness.post(channel.message(`subscribe ${unitName} at 07:30`));
    expect(await subscriptions.listForConversation(channel.id)).toEqual([
      expect.objectContaining({ kind: 'team_digest', unitId: team.unitId, localTime: '07:30', personId: team.supervisor.id }),
    ]);
    const [row] = await harness.app.services.db.query<{ scope: string; person_id: string | null }>(
      'select scope, person_id from conversations where id = $1',
      [channel.id],
    );
    expect(row).toEqual({ scope: 'team', person_id: null });
    expect(lastCardText(channel)).toContain('in this channel');
  });

  it("refuses an officer subscribing a channel to another team's digest", async () => {
    const other = (await harness.app.services.queries.listUnits()).find((u) => u.kind === 'team' && u.id !== team.unitId)!;
    const channel = new Conversation(harness.serviceUrl, teamsUserOf(team.oic as Person), 'channel');
    await harness.post(channel.message(`subscribe ${other.name} at 07:30`));
    expect(await subscriptions.listForConversation(channel.id)).toEqual([]);
    expect(lastCardText(channel)).toContain('your own items only');
  });
});
