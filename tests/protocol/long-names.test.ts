import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TEAMS_MESSAGE_LIMIT_BYTES, cardBytes } from '../../src/bot/cards/card-size.js';
import {
  Conversation,
  cardText,
  cardsOf,
  executeActions,
  invokeCard,
  shownItemRefs,
  startBotHarness,
  type BotHarness,
} from '../support/bot-harness.js';

/**
 * A records system that sends names of several hundred characters (units, people, offence categories):
 * the digest still shows items, under Teams' message limit, with the names cut short, and "Show more"
 * pages through every item, at least one a page.
 */

let harness: BotHarness;
const LONG = (what: string) => `${what} ${'very long name '.repeat(40)}`.trim();
const OFFICERS = 40;
const CASES = 25;

beforeAll(async () => {
  harness = await startBotHarness();
  const records: object[] = [
    { type: 'unit', id: 'LN-T', name: LONG('Long Team'), kind: 'team', parentId: 'FORCE' },
    { type: 'person', id: 'LN-SUP', name: LONG('PS Supervisor'), unitId: 'LN-T', role: 'supervisor', aadObjectId: 'aad-ln-sup' },
  ];
  for (let i = 0; i < OFFICERS; i++)
    records.push({ type: 'person', id: `LN-O${i}`, name: LONG(`PC ${i}`), unitId: 'LN-T', role: 'officer', aadObjectId: null });
  for (let i = 0; i < CASES; i++) {
    records.push({
      type: 'case',
      id: `CR-LN-${i}`,
      recordedAt: '2026-10-01T09:00:00Z',
      offence: LONG('Offence'),
      category: LONG('Category'),
      unitId: 'LN-T',
      oicId: `LN-O${i % OFFICERS}`,
      closedAt: null,
    });
    records.push({ type: 'victim', id: `V-LN-${i}`, caseId: `CR-LN-${i}`, enhanced: false });
  }
  const response = await harness.api('/v1/records', {
    method: 'POST',
    headers: { 'content-type': 'application/x-ndjson' },
    body: records.map((r) => JSON.stringify(r)).join('\n'),
  });
  expect(response.status, await response.clone().text()).toBe(200);
}, 60_000);

afterAll(async () => {
  await harness?.close();
});

describe('a digest of a team with very long names', () => {
  it('shows items with the names cut short, and "Show more" pages through all of them', async () => {
    const chat = new Conversation(harness.serviceUrl, { aadObjectId: 'aad-ln-sup', name: 'PS Supervisor' });
    await harness.post(chat.message('digest'));
    let card = cardsOf(
      harness.connector
        .sentTo(chat.id)
        .filter((a) => a.type === 'message')
        .at(-1)!,
    )[0]!;
    expect(cardText(card)).toContain('…');
    expect(cardText(card)).not.toContain(LONG('Long Team'));

    const { items } = (await (await harness.api('/v1/units/LN-T/digest')).json()) as { items: unknown[] };
    expect(items.length).toBeGreaterThanOrEqual(CASES);
    const seen: string[] = [];
    for (let page = 0; page < items.length; page++) {
      expect(cardBytes(card)).toBeLessThan(TEAMS_MESSAGE_LIMIT_BYTES);
      const refs = shownItemRefs(card);
      expect(refs.length, `page ${page + 1}`).toBeGreaterThanOrEqual(1);
      seen.push(...refs);
      const [more] = executeActions(card, 'showMore');
      // The last page offers "Back to the most overdue" (offset 0) instead.
      if (!more || (more.data as { offset: number }).offset === 0) break;
      card = invokeCard(await harness.post(chat.cardAction('showMore', more.data as Record<string, unknown>)));
    }
    expect(seen).toHaveLength(items.length);
    expect(new Set(seen).size).toBe(items.length);
  });
});
