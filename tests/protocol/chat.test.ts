import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { itemRef } from '../../src/domain/digest.js';
import type { DigestItem, Person } from '../../src/domain/types.js';
import { validateAdaptiveCard } from '../support/adaptive-card-validator.js';
import {
  Conversation,
  cardText,
  cardsOf,
  executeActions,
  invokeCard,
  pickTeam,
  shownItemRefs,
  startBotHarness,
  teamsUserOf,
  type BotHarness,
} from '../support/bot-harness.js';

let harness: BotHarness;
let supervisor: Person;
let officer: Person;

beforeAll(async () => {
  harness = await startBotHarness();
  ({ supervisor, oic: officer } = await pickTeam(harness));
}, 60_000);

afterAll(async () => {
  await harness?.close();
});

describe('chat over the Bot Framework protocol', () => {
  it('tells an unmapped user they are not set up, and shows no data', async () => {
    const chat = new Conversation(harness.serviceUrl, { aadObjectId: 'aaaaaaaa-0000-4000-8000-00000000ffff', name: 'Stranger' });
    const response = await harness.post(chat.message('digest'));
    expect(response.status).toBe(200);
    const sent = harness.connector.sentTo(chat.id);
    expect(sent.map((a) => a.type)).toEqual(['typing', 'message']);
    const text = cardText(cardsOf(sent[1]!)[0]);
    expect(text).toContain("isn't linked to anyone");
    expect(executeActions(cardsOf(sent[1]!)[0], 'acknowledgeItem')).toEqual([]);
    expect(text).not.toMatch(/fully compliant|CR-/);
  });

  it('answers "help" with the help card, typing indicator first', async () => {
    const chat = new Conversation(harness.serviceUrl, teamsUserOf(officer));
    await harness.post(chat.message('help'));
    const sent = harness.connector.sentTo(chat.id);
    expect(sent[0]?.type).toBe('typing');
    expect(sent).toHaveLength(2);
    expect(cardText(cardsOf(sent[1]!)[0])).toContain('digest at 06:30');
  });

  it('offers each role examples it may ask: every example on its help card, tapped, is answered', async () => {
    const { people, queries } = harness.app.services;
    const units = await queries.listUnits();
    const everyone = (await Promise.all(units.map((unit) => people.listByUnit(unit.id)))).flat();
    const roles = ['officer', 'supervisor', 'inspector', 'senior'] as const;
    for (const role of roles) {
      const person = everyone.find((p) => p.role === role && p.aadObjectId !== null);
      if (!person) throw new Error(`the demo force has no ${role} with a Teams account`);
      const chat = new Conversation(harness.serviceUrl, teamsUserOf(person));
      await harness.post(chat.message('help'));
      const help = cardsOf(harness.connector.sentTo(chat.id)[1]!)[0];
      const examples = executeActions(help, 'askQuestion');
      expect(examples.length, role).toBeGreaterThanOrEqual(3);
      for (const example of examples) {
        const answer = cardText(
          invokeCard(await harness.post(chat.cardAction('askQuestion', example.data as Record<string, unknown>, 'help-message'))),
        );
        const question = (example.data as { question: string }).question;
        expect(answer, `${role}: "${question}"`).not.toMatch(/I can't show you that|didn't understand|Something went wrong/);
      }
    }
  });

  it("gives a supervisor their team's digest on demand: the same items as GET /v1/units/{id}/digest", async () => {
    const chat = new Conversation(harness.serviceUrl, teamsUserOf(supervisor));
    await harness.post(chat.message('digest'));
    const [typing, reply] = harness.connector.sentTo(chat.id);
    expect(typing?.type).toBe('typing');
    const card = cardsOf(reply!)[0];

    const apiDigest = (await (await harness.api(`/v1/units/${supervisor.unitId}/digest`)).json()) as {
      unit: { name: string };
      items: DigestItem[];
    };
    expect(apiDigest.items.length).toBeGreaterThan(0);
    const shownRefs = shownItemRefs(card);
    expect(shownRefs).toEqual(apiDigest.items.slice(0, 10).map(itemRef));
    const text = cardText(card);
    expect(text).toContain(apiDigest.unit.name);
    expect(text).toContain(`of ${apiDigest.items.length})`);
    // No victim id on the card, only opaque refs.
    for (const item of apiDigest.items) expect(text).not.toContain(item.victimId);
    expect(validateAdaptiveCard(card)).toEqual([]);
  });

  it('gives an officer their own items for "my items"', async () => {
    const chat = new Conversation(harness.serviceUrl, teamsUserOf(officer));
    await harness.post(chat.message('my items'));
    const card = cardsOf(harness.connector.sentTo(chat.id)[1]!)[0];
    const own = await harness.app.services.queries.digest(supervisor.unitId, harness.app.services.clock.now(), { oicId: officer.id });
    expect(own.items.length).toBeGreaterThan(0);
    expect(shownItemRefs(card)).toEqual(own.items.slice(0, 10).map(itemRef));
    expect(executeActions(card, 'reassignItem')).toEqual([]);
    expect(cardText(card)).toContain('Your items');
  });
});
