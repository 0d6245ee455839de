import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Person } from '../../src/domain/types.js';
import { SubscriptionStore } from '../../src/store/subscription-store.js';
import { Conversation, cardText, cardsOf, pickTeam, startBotHarness, teamsUserOf, type BotHarness } from '../support/bot-harness.js';

/**
 * Who may change a channel's digest (M5), and who receives digests once the records change (H1, M7),
 * over the Bot Framework protocol: install activities, chat commands, the digest run, an import.
 */

let harness: BotHarness;
let team: Awaited<ReturnType<typeof pickTeam>>;
let unitName: string;
let otherSupervisors: Person[];
let inspector: Person;

beforeAll(async () => {
  harness = await startBotHarness();
  team = await pickTeam(harness);
  const { queries, people } = harness.app.services;
  const units = await queries.listUnits();
  unitName = units.find((unit) => unit.id === team.unitId)!.name;
  const everyone = (await Promise.all(units.map((unit) => people.listByUnit(unit.id)))).flat();
  otherSupervisors = everyone.filter((p) => p.role === 'supervisor' && p.unitId !== team.unitId && p.aadObjectId !== null);
  const parentId = units.find((unit) => unit.id === team.unitId)!.parentId;
  inspector = everyone.find((p) => p.role === 'inspector' && p.unitId === parentId && p.aadObjectId !== null)!;
  expect(otherSupervisors.length).toBeGreaterThanOrEqual(3);
  expect(inspector).toBeDefined();
}, 60_000);

afterAll(async () => {
  await harness?.close();
});

function lastCardText(chat: Conversation): string {
  const messages = harness.connector.sentTo(chat.id).filter((a) => a.type === 'message');
  return cardText(cardsOf(messages.at(-1)!)[0]);
}

async function auditOf(conversationId: string): Promise<{ action: string; actorId: string; command: string }[]> {
  return harness.app.services.db.query(
    `select action, actor_id as "actorId", details->>'command' as command from audit_log where subject = $1 order by id`,
    [`conversation:${conversationId}`],
  );
}

describe("M5: changing a channel's digest needs scope over its team", () => {
  it("refuses a supervisor of another team 'digest off', 'digest at' and 'subscribe', saying why, and audits each; its own supervisor and inspector may", async () => {
    const subscriptions = new SubscriptionStore(harness.app.services.db);
    const channel = new Conversation(harness.serviceUrl, teamsUserOf(team.supervisor), 'channel');
    await harness.post(channel.message(`subscribe ${unitName} at 07:30`));
    const outsider = otherSupervisors[0]!;
    const asOutsider = channel.memberSpeaking(teamsUserOf(outsider));

    for (const command of ['digest off', 'digest at 05:00', `subscribe ${unitName} at 05:00`]) {
      await harness.post(asOutsider.message(command));
      const text = lastCardText(channel);
      expect(text, command).toContain(unitName);
      expect(text, command).toContain('outside your team');
    }
    expect(await subscriptions.listForConversation(channel.id)).toEqual([
      expect.objectContaining({ unitId: team.unitId, personId: team.supervisor.id, localTime: '07:30', enabled: true }),
    ]);

    await harness.post(channel.memberSpeaking(teamsUserOf(inspector)).message('digest at 06:45'));
    expect(lastCardText(channel)).toContain('06:45');
    await harness.post(channel.message('digest off'));
    expect(lastCardText(channel)).toContain('is off');
    expect((await subscriptions.listForConversation(channel.id)).map((s) => [s.localTime, s.enabled])).toEqual([['06:45', false]]);

    expect(await auditOf(channel.id)).toEqual([
      { action: 'subscription.changed', actorId: team.supervisor.id, command: 'subscribeUnit' },
      { action: 'subscription.change_refused', actorId: outsider.id, command: 'turnOff' },
      { action: 'subscription.change_refused', actorId: outsider.id, command: 'setTime' },
      { action: 'subscription.change_refused', actorId: outsider.id, command: 'subscribeUnit' },
      { action: 'subscription.changed', actorId: inspector.id, command: 'setTime' },
      { action: 'subscription.changed', actorId: team.supervisor.id, command: 'turnOff' },
    ]);
  });

  it('refuses an officer in a channel, as before: only a supervisor (or above) changes a shared digest', async () => {
    const channel = new Conversation(harness.serviceUrl, teamsUserOf(team.supervisor), 'channel');
    await harness.post(channel.message(`subscribe ${unitName} at 07:30`));
    await harness.post(channel.memberSpeaking(teamsUserOf(team.oic)).message('digest off'));
    expect(lastCardText(channel)).toContain('Only a supervisor (or above)');
    expect((await new SubscriptionStore(harness.app.services.db).listForConversation(channel.id)).map((s) => s.enabled)).toEqual([true]);
  });
});

describe('H1 and M7: the morning run follows the records', () => {
  it("sends no more digests to a leaver's Teams account, and a moved sergeant gets their new team's digest", async () => {
    const [stays, leaves, moves] = otherSupervisors.slice(1, 4) as [Person, Person, Person];
    const chats = new Map<Person, Conversation>();
    for (const person of [stays, leaves, moves]) {
      const chat = new Conversation(harness.serviceUrl, teamsUserOf(person));
      await harness.post(chat.installationUpdate('add'));
      chats.set(person, chat);
    }
    const newTeamName = unitName;
    const extract = [
      { type: 'person', id: leaves.id, name: leaves.name, unitId: leaves.unitId, role: leaves.role, aadObjectId: null },
      { type: 'person', id: moves.id, name: moves.name, unitId: team.unitId, role: moves.role, aadObjectId: moves.aadObjectId },
    ];
    const imported = await harness.api('/v1/records', {
      method: 'POST',
      headers: { 'content-type': 'application/x-ndjson' },
      body: extract.map((r) => JSON.stringify(r)).join('\n'),
    });
    expect(imported.status).toBe(200);

    const seen = harness.connector.mark();
    const run = await harness.api('/v1/digests/run', { method: 'POST' });
    expect(run.status).toBe(200);
    const posted = (person: Person) => seen().filter((call) => call.method === 'POST' && call.conversationId === chats.get(person)!.id);
    expect(posted(stays)).toHaveLength(1);
    expect(posted(leaves)).toEqual([]);
    expect(posted(moves)).toHaveLength(1);
    const movedCard = cardText(cardsOf(posted(moves)[0]!.body)[0]);
    expect(movedCard).toContain(newTeamName);
  });
});
