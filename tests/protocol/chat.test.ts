import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { itemRef } from '../../src/domain/digest.js';
import type { DigestItem, Person } from '../../src/domain/types.js';
import { validateAdaptiveCard } from '../support/adaptive-card-validator.js';
import { Conversation, cardText, cardsOf, executeActions, pickTeam, shownItemRefs, startBotHarness, teamsUserOf, type BotHarness } from './bot-harness.js';

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

  it("gives a supervisor their team's digest on demand: the same items as GET /v1/units/{id}/digest", async () => {
    const chat = new Conversation(harness.serviceUrl, teamsUserOf(supervisor));
    await harness.post(chat.message('digest'));
    const [typing, reply] = harness.connector.sentTo(chat.id);
    expect(typing?.type).toBe('typing');
    const card = cardsOf(reply!)[0];

    const apiDigest = (await (await harness.api(`/v1/units/${supervisor.unitId}/digest`)).json()) as { unit: { name: string }; items: DigestItem[] };
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

  it("gives an officer their own items for \"my items\"", async () => {
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
