import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Person } from '../../src/domain/types.js';
import {
  Conversation,
  cardText,
  cardsOf,
  executeActions,
  invokeCard,
  startBotHarness,
  teamsUserOf,
  type BotHarness,
} from '../support/bot-harness.js';

/**
 * Every example on a help card, tapped, is answered: for each role, posted to a team, a command or the
 * force, in a personal chat and in a channel. In a channel anyone there may tap the card, so there each
 * example is tapped by every role too.
 */

let harness: BotHarness;
let people: Person[];

const REFUSED = /I can't show you that|didn't understand|couldn't read|Something went wrong|isn't linked/;

beforeAll(async () => {
  harness = await startBotHarness();
  const units = await harness.app.services.queries.listUnits();
  const team = units.find((unit) => unit.kind === 'team')!;
  const command = units.find((unit) => unit.kind === 'command')!;
  // People posted where their role is not usually found: an inspector to a team, a supervisor to a command...
  const posted = [
    { id: 'HX-INSP-T', name: 'Insp 9001 Posted', unitId: team.id, role: 'inspector' },
    { id: 'HX-SUP-C', name: 'PS 9002 Posted', unitId: command.id, role: 'supervisor' },
    { id: 'HX-SEN-T', name: 'Supt 9003 Posted', unitId: team.id, role: 'senior' },
    { id: 'HX-OFF-C', name: 'PC 9004 Posted', unitId: command.id, role: 'officer' },
  ];
  const body = posted.map((p) => JSON.stringify({ type: 'person', ...p, aadObjectId: `aad-${p.id.toLowerCase()}` })).join('\n');
  const response = await harness.api('/v1/records', { method: 'POST', headers: { 'content-type': 'application/x-ndjson' }, body });
  expect(response.status).toBe(200);
  const everyone = (await Promise.all(units.map((unit) => harness.app.services.people.listByUnit(unit.id)))).flat();
  const usual = (['officer', 'supervisor', 'inspector', 'senior'] as const).map(
    (role) => everyone.find((p) => p.role === role && p.aadObjectId !== null)!,
  );
  people = [...usual, ...(await Promise.all(posted.map(async (p) => (await harness.app.services.people.findById(p.id))!)))];
}, 60_000);

afterAll(async () => {
  await harness?.close();
});

async function helpExamples(chat: Conversation): Promise<Record<string, unknown>[]> {
  const seen = harness.connector.mark();
  await harness.post(chat.message('help'));
  const reply = seen().find((call) => call.method === 'POST' && call.body.type === 'message')!;
  return executeActions(cardsOf(reply.body)[0], 'askQuestion');
}

async function tap(person: Person, chat: Conversation, example: Record<string, unknown>): Promise<string> {
  const where = chat.id.startsWith('19:') ? chat.memberSpeaking(teamsUserOf(person)) : chat;
  return cardText(invokeCard(await harness.post(where.cardAction('askQuestion', example.data as Record<string, unknown>, 'help-message'))));
}

describe('help card examples', () => {
  it('are answered when the asker taps them in a personal chat, wherever the asker is posted', async () => {
    for (const person of people) {
      const chat = new Conversation(harness.serviceUrl, teamsUserOf(person));
      const examples = await helpExamples(chat);
      expect(examples.length, `${person.role} of ${person.unitId}`).toBeGreaterThanOrEqual(3);
      for (const example of examples) {
        const question = (example.data as { question: string }).question;
        expect(await tap(person, chat, example), `${person.role} of ${person.unitId}: "${question}"`).not.toMatch(REFUSED);
      }
    }
  });

  it('are answered in a channel whoever there taps them, and the card lists the channel commands', async () => {
    const tapped = new Set<string>();
    for (const asker of people) {
      const channel = new Conversation(harness.serviceUrl, teamsUserOf(asker), 'channel');
      const examples = await helpExamples(channel);
      expect(examples.length, `${asker.role} of ${asker.unitId}`).toBeGreaterThanOrEqual(3);
      for (const example of examples) {
        const question = (example.data as { question: string }).question;
        if (tapped.has(question)) continue;
        tapped.add(question);
        for (const tapper of people) {
          const answer = await tap(tapper, channel, example);
          expect(
            answer,
            `asked by ${asker.role} of ${asker.unitId}, tapped by ${tapper.role} of ${tapper.unitId}: "${question}"`,
          ).not.toMatch(REFUSED);
        }
      }
    }
    const channel = new Conversation(harness.serviceUrl, teamsUserOf(people[1]!), 'channel');
    await harness.post(channel.message('help'));
    const text = cardText(
      cardsOf(
        harness.connector
          .sentTo(channel.id)
          .filter((a) => a.type === 'message')
          .at(-1)!,
      )[0],
    );
    expect(text).toContain('subscribe North Team 3 at 07:30');
    expect(text).toContain("stop this conversation's digest");
  });
});
