import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Person, UnitFigures } from '../../src/domain/types.js';
import { validateAdaptiveCard } from '../support/adaptive-card-validator.js';
import {
  Conversation,
  cardText,
  cardsOf,
  executeActions,
  invokeCard,
  pickTeam,
  startBotHarness,
  teamsUserOf,
  textBlocks,
  type BotHarness,
} from '../support/bot-harness.js';

/**
 * Issue 12, questions people can trust: every figures answer says how it was read, a word the bot could
 * not read is named back instead of dropped, and a time it cannot answer is declined with the reason.
 * Asked over /api/messages as a sergeant and a senior lead would; figures checked against the API at the
 * instant the "Read as" line names. Now is 07:30 on Fri 20 Nov 2026 in London.
 */

let harness: BotHarness;
let sergeant: Person;
let senior: Person;
let team: { id: string; name: string };

beforeAll(async () => {
  harness = await startBotHarness();
  ({ supervisor: sergeant } = await pickTeam(harness));
  const found = (await harness.app.services.people.listByUnit('FORCE')).find((person) => person.role === 'senior');
  if (!found) throw new Error('the demo force has no senior lead');
  senior = found;
  const units = ((await (await harness.api('/v1/units')).json()) as { units: { id: string; name: string }[] }).units;
  team = units.find((unit) => unit.id === sergeant.unitId)!;
}, 60_000);

afterAll(async () => {
  await harness?.close();
});

/** The line under the headline that says how the question was read. */
function readAsOf(card: unknown): string | undefined {
  return textBlocks(card).find((text) => text.startsWith('Read as: '));
}

async function ask(person: Person, question: string): Promise<{ chat: Conversation; card: Record<string, unknown> }> {
  const chat = new Conversation(harness.serviceUrl, teamsUserOf(person));
  expect((await harness.post(chat.message(question))).status).toBe(200);
  const [card] = cardsOf(harness.connector.sentTo(chat.id).at(-1)!);
  expect(validateAdaptiveCard(card)).toEqual([]);
  return { chat, card: card! };
}

async function figuresAt(unitId: string, at: string): Promise<UnitFigures> {
  return (await (await harness.api(`/v1/units/${unitId}/compliance?at=${encodeURIComponent(at)}`)).json()) as UnitFigures;
}

describe('questions say how they were read (issue 12)', () => {
  it('answers "how did we do yesterday on updates" at the end of yesterday, and says so under the headline', async () => {
    const { card } = await ask(sergeant, 'how did we do yesterday on updates');
    const headline = textBlocks(card)[0]!;
    expect(readAsOf(card)).toBe(`Read as: ${team.name} · updated on time · 19 Nov 2026 · at the end of Thu 19 Nov 2026`);
    const api = await figuresAt(team.id, '2026-11-19T23:59:59.999Z');
    expect(headline).toContain(`${team.name}: ${api.updates.rate!.toFixed(1)}% updated on time`);
    expect(headline).toContain(`${api.updates.compliant} of ${api.updates.total} victims`);
    expect(headline).toContain('at 19 Nov 2026');
  });

  it('says what it filled in when the question gave no period: "now", at the minute of asking', async () => {
    const { card } = await ask(sergeant, 'how are we doing?');
    expect(readAsOf(card)).toBe(`Read as: ${team.name} · fully compliant · now (07:30 Fri 20 Nov 2026) (no period given, so: now)`);
  });

  it('reads a range "from Monday to yesterday" as the change between its two ends', async () => {
    const { card } = await ask(sergeant, 'team compliance from monday to yesterday');
    const texts = textBlocks(card);
    expect(readAsOf(card)).toBe(`Read as: ${team.name} · fully compliant · 16 Nov 2026 to 19 Nov 2026 · at the end of Thu 19 Nov 2026`);
    const [end, start] = await Promise.all([
      figuresAt(team.id, '2026-11-19T23:59:59.999Z'),
      figuresAt(team.id, '2026-11-15T23:59:59.999Z'),
    ]);
    expect(texts[0]).toContain(`${end.compliant} of ${end.total} victims`);
    expect(texts).toContain('Previously, at 15 Nov 2026');
    expect(texts).toContain(start.rate === null ? 'no live cases' : `${start.rate.toFixed(1)}%`);
  });

  it('names a word it could not read, shows how it would read the rest, and answers only when asked', async () => {
    const { chat, card } = await ask(senior, 'forse complaince last month');
    const texts = textBlocks(card);
    expect(texts).toContain('I could not read "forse" in your question.');
    // "forse" is not read as "force", so the place is the senior lead's own, and the line says so.
    expect(texts).toContain(
      'Read as: Example Constabulary · fully compliant · October 2026 · at the end of Sat 31 Oct 2026 (no place given, so: yours)',
    );
    expect(cardText(card)).not.toMatch(/\d+\.\d%/);

    const asRead = executeActions(card, 'askQuestion').find((action) => action.title === 'Answer it as read')!;
    const answer = invokeCard(await harness.post(chat.cardAction('askQuestion', asRead.data as Record<string, unknown>, 'reply')));
    const api = await figuresAt('FORCE', '2026-10-31T23:59:59.999Z');
    expect(textBlocks(answer)[0]).toContain(`Example Constabulary: ${api.rate!.toFixed(1)}% fully compliant`);
    // Tapped, the query is what was asked: nothing is assumed any more.
    expect(readAsOf(answer)).toBe('Read as: Example Constabulary · fully compliant · October 2026 · at the end of Sat 31 Oct 2026');
  });

  it('declines a time still to come with the reason, and shows no figures', async () => {
    const { card } = await ask(sergeant, 'team compliance next week');
    expect(cardText(card)).toContain('is in the future');
    expect(cardText(card)).not.toMatch(/\d+\.\d%|\d+ of \d+/);
  });

  it('says back a unit the force does not have, with the units it has as buttons', async () => {
    const { card } = await ask(senior, 'East LPA compliance');
    expect(textBlocks(card)).toContain('I could not find "east lpa" in Example Constabulary. Did you mean one of these?');
    expect(executeActions(card, 'askQuestion').map((action) => action.title)).toEqual(['CID', 'City LPA', 'North LPA', 'South LPA']);
  });
});
