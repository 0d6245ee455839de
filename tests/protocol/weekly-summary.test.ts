import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Person } from '../../src/domain/types.js';
import {
  type BotHarness,
  Conversation,
  cardText,
  cardsOf,
  executeActions,
  invokeCard,
  pickTeam,
  startBotHarness,
  teamsUserOf,
} from '../support/bot-harness.js';

/** An inspector's week: installed on Friday, the card on Monday at 08:00, moved to Tuesday, then off. */
let harness: BotHarness;
let now = new Date('2026-11-20T07:30:00Z');
let inspector: Person;
let sergeant: Person;
let inspectorChat: Conversation;
let teamName: string;

beforeAll(async () => {
  harness = await startBotHarness({}, { clock: { now: () => new Date(now.getTime()) } });
  const team = await pickTeam(harness);
  sergeant = team.supervisor;
  const units = await harness.app.services.queries.listUnits();
  const teamUnit = units.find((unit) => unit.id === team.unitId);
  teamName = teamUnit?.name ?? '';
  const commandId = teamUnit?.parentId ?? '';
  inspector = (await harness.app.services.people.listByUnit(commandId)).find((p) => p.role === 'inspector' && p.aadObjectId) as Person;
  inspectorChat = new Conversation(harness.serviceUrl, teamsUserOf(inspector));
}, 60_000);

afterAll(async () => {
  await harness?.close();
});

function messagesSince(seen: () => { method: string; body: Record<string, unknown> }[], chat: Conversation): Record<string, unknown>[] {
  return seen()
    .filter((call) => call.method === 'POST' && call.body.type === 'message' && (call.body.conversation as { id: string }).id === chat.id)
    .flatMap((call) => cardsOf(call.body));
}

async function say(chat: Conversation, text: string): Promise<string> {
  const seen = harness.connector.mark();
  await harness.post(chat.message(text));
  return cardText(messagesSince(seen, chat)[0]);
}

async function morningRun(at: string): Promise<Record<string, unknown>[]> {
  now = new Date(at);
  const seen = harness.connector.mark();
  expect((await harness.api('/v1/digests/run', { method: 'POST' })).status).toBe(200);
  return messagesSince(seen, inspectorChat);
}

describe("the inspector's weekly card", () => {
  it('installing the app subscribes an inspector to Monday 08:00, and says so', async () => {
    const seen = harness.connector.mark();
    await harness.post(inspectorChat.installationUpdate('add'));
    expect(cardText(messagesSince(seen, inspectorChat))).toContain('Your weekly summary, Mon at 08:00');
  });

  it("comes on Monday from 08:00, once, with the command's figure, the sections and drill-down buttons", async () => {
    expect(await morningRun('2026-11-23T07:59:00Z')).toEqual([]);
    const [card] = await morningRun('2026-11-23T08:00:00Z');
    const text = cardText(card);
    expect(text).toContain(': the week');
    for (const section of [
      'over the week',
      'Overdue enhanced victims',
      'Teams below target',
      'Oldest breaches',
      'Sergeants not receiving the digest',
      'Promises with a planned date',
    ])
      expect(text).toContain(section);
    expect(text).not.toMatch(/"V-[^"]*"/);
    expect(executeActions(card, 'askQuestion').map((action) => action.title)).toEqual(['By team', 'Teams below target', 'Last 6 months']);
    expect(await morningRun('2026-11-23T09:00:00Z')).toEqual([]);
  });

  it('a drill-down button answers through the same checks as a typed question', async () => {
    const [card] = await morningRun('2026-11-30T08:00:00Z');
    const byTeam = executeActions(card, 'askQuestion').find((action) => action.title === 'By team');
    const answer = cardText(
      invokeCard(await harness.post(inspectorChat.cardAction('askQuestion', byTeam?.data as Record<string, unknown>))),
    );
    expect(answer).not.toContain("I can't");
    expect(answer).toContain(teamName);
  });

  it('"weekly at tue 09:00" moves it; "weekly off" stops it; a sergeant is told it is not theirs', async () => {
    now = new Date('2026-11-30T12:00:00Z');
    expect(await say(inspectorChat, 'weekly at tue 09:00')).toContain('Your weekly summary, Tue at 09:00');
    expect(await morningRun('2026-12-07T08:00:00Z')).toEqual([]);
    expect(await morningRun('2026-12-08T09:00:00Z')).toHaveLength(1);
    now = new Date('2026-12-08T12:00:00Z');
    expect(await say(inspectorChat, 'weekly off')).toContain('Your weekly summary is off');
    expect(await morningRun('2026-12-15T09:00:00Z')).toEqual([]);
    const sergeantChat = new Conversation(harness.serviceUrl, teamsUserOf(sergeant));
    expect(await say(sergeantChat, 'weekly on')).toContain('The weekly summary is for inspectors and senior leads');
  });
});
