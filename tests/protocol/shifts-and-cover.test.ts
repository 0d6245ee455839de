import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Person } from '../../src/domain/types.js';
import { type BotHarness, Conversation, cardText, cardsOf, pickTeam, startBotHarness, teamsUserOf } from '../support/bot-harness.js';

/**
 * A sergeant on shifts: Monday to Friday, nothing at night, then a week's leave with a named deputy.
 * The clock moves with the days (Fri 20 Nov 2026 07:30 to start); the morning run is POST /v1/digests/run.
 */
let harness: BotHarness;
let now = new Date('2026-11-20T07:30:00Z');
let sergeant: Person;
let deputy: Person;
let inspector: Person;
const chats: Record<'sergeant' | 'deputy' | 'inspector', Conversation> = {} as never;

beforeAll(async () => {
  harness = await startBotHarness({}, { clock: { now: () => new Date(now.getTime()) } });
  const team = await pickTeam(harness);
  sergeant = team.supervisor;
  const { people, queries } = harness.app.services;
  const units = await queries.listUnits();
  const command = units.find((unit) => unit.id === units.find((u) => u.id === team.unitId)?.parentId);
  const within = await people.listWithin(command?.id ?? '');
  deputy = within.find((person) => person.role === 'supervisor' && person.id !== sergeant.id && person.aadObjectId) as Person;
  inspector = within.find((person) => person.role === 'inspector' && person.aadObjectId) as Person;
  for (const [key, person] of [
    ['sergeant', sergeant],
    ['deputy', deputy],
    ['inspector', inspector],
  ] as const) {
    chats[key] = new Conversation(harness.serviceUrl, teamsUserOf(person));
    await harness.post(chats[key].installationUpdate('add'));
  }
}, 60_000);

afterAll(async () => {
  await harness?.close();
});

async function say(chat: Conversation, text: string): Promise<string> {
  const seen = harness.connector.mark();
  expect((await harness.post(chat.message(text))).status).toBe(200);
  const reply = seen().find((call) => call.method === 'POST' && call.body.type === 'message');
  return cardText(cardsOf(reply?.body ?? {})[0]);
}

/** The morning run at `at`: the cards it posted, by chat. */
async function morningRun(at: string): Promise<Map<string, string[]>> {
  now = new Date(at);
  const seen = harness.connector.mark();
  expect((await harness.api('/v1/digests/run', { method: 'POST' })).status).toBe(200);
  const byChat = new Map<string, string[]>();
  for (const call of seen().filter((c) => c.method === 'POST' && c.body.type === 'message')) {
    const id = (call.body.conversation as { id: string }).id;
    byChat.set(id, [...(byChat.get(id) ?? []), ...cardsOf(call.body).map(cardText)]);
  }
  return byChat;
}

const collarOf = (person: Person) => person.name.split(' ').find((word) => /^\d{3,6}$/.test(word)) ?? '';
const surnameOf = (person: Person) => person.name.split(' ').at(-1) ?? '';

describe('shifts and cover in chat', () => {
  it('the help card lists the commands', async () => {
    const help = await say(chats.sergeant, 'help');
    for (const command of ['digest days mon-fri', 'quiet hours 22:00-06:00', 'away until Mon 30 Nov', 'deputy PS 2345'])
      expect(help).toContain(command);
  });

  it('"digest days mon-fri" and "quiet hours" are confirmed, and refused when unreadable', async () => {
    expect(await say(chats.sergeant, 'digest days mon-fri')).toContain('digest Mon-Fri');
    expect(await say(chats.sergeant, 'quiet hours 22:00-06:00')).toContain('Quiet hours 22:00-06:00');
    expect(await say(chats.sergeant, 'digest days someday')).toContain("I didn't understand those days");
  });

  it('no digest on Saturday; Monday as usual', async () => {
    expect((await morningRun('2026-11-21T07:30:00Z')).get(chats.sergeant.id)).toBeUndefined();
    expect((await morningRun('2026-11-23T07:30:00Z')).get(chats.sergeant.id)).toHaveLength(1);
  });

  it('names a deputy by collar number and goes away; a name nobody has or a date that is none is refused', async () => {
    now = new Date('2026-11-23T12:00:00Z');
    expect(await say(chats.sergeant, `deputy PS ${collarOf(deputy)}`)).toContain(`Your deputy is ${deputy.name}`);
    expect(await say(chats.sergeant, 'deputy PC Nobodyatall')).toContain("I can't find that person");
    expect(await say(chats.sergeant, 'away until 31 Feb')).toContain("I didn't understand that date");
    const away = await say(chats.sergeant, 'away until Wed 25 Nov');
    expect(away).toContain('Away until Wed 25 Nov');
    expect(away).toContain(`goes to ${deputy.name}`);
  });

  it("while away, the team's digest goes to the deputy once, marked as cover, and not to the sergeant", async () => {
    const tuesday = await morningRun('2026-11-24T07:30:00Z');
    expect(tuesday.get(chats.sergeant.id)).toBeUndefined();
    const covering = (tuesday.get(chats.deputy.id) ?? []).filter((card) => card.includes('Covering for'));
    expect(covering).toHaveLength(1);
    expect(covering[0]).toContain(`Covering for ${sergeant.name}, away until Wed 25 Nov`);
    expect((await morningRun('2026-11-24T08:30:00Z')).size).toBe(0);
  });

  it('with the deputy removed, the inspector of the command covers; back, the sergeant has it again', async () => {
    expect(await say(chats.sergeant, 'deputy off')).toContain('No deputy');
    const wednesday = await morningRun('2026-11-25T07:30:00Z');
    expect(wednesday.get(chats.inspector.id)?.join('')).toContain(`Covering for ${sergeant.name}, away until Wed 25 Nov`);
    expect(wednesday.get(chats.sergeant.id)).toBeUndefined();
    expect((await morningRun('2026-11-26T07:30:00Z')).get(chats.sergeant.id)?.join('')).not.toContain('Covering for');
    now = new Date('2026-11-26T12:00:00Z');
    expect(await say(chats.sergeant, `cover: PS ${surnameOf(deputy)}`)).toContain(`Your deputy is ${deputy.name}`);
    expect(await say(chats.sergeant, 'back')).toContain('Welcome back');
  });
});
