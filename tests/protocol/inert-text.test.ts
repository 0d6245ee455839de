import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { digestInputIds } from '../../src/bot/cards/index.js';
import type { Person } from '../../src/domain/types.js';
import { fixture } from '../support/test-app.js';
import { INVISIBLE_CHARACTERS, markupIn, shownAs } from '../support/inert-markdown.js';
import { Conversation, cardsOf, invokeCard, shownItemRefs, startBotHarness, teamsUserOf, type BotHarness } from '../support/bot-harness.js';

/**
 * An extract whose names and categories carry Markdown and a right-to-left override, and people who type
 * links and formatting into notes and reasons: every card and message shows them as plain characters
 * (no link, no bold, no heading, no reordered name), and typed links keep only their words.
 */

const RLO = '\u202E';
const TEAM_NAME = '**North** [Team 1](https://records.evil/login)';
const OFFICER_NAME = `PC 2002 ${RLO}letaP\u200B`;
const CATEGORY = '# violence <b>now</b>';

let harness: BotHarness;
let supervisor: Person;

function hostile(ndjson: string): string {
  return ndjson
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => JSON.parse(line) as Record<string, unknown>)
    .map((record) => {
      if (record.type === 'unit' && record.id === 'N-T1') return { ...record, name: TEAM_NAME };
      if (record.type === 'person' && record.id === 'P2') return { ...record, name: OFFICER_NAME };
      if (record.type === 'case' && record.unitId === 'N-T1') return { ...record, category: CATEGORY };
      return record;
    })
    .map((record) => JSON.stringify(record))
    .join('\n');
}

/** Every TextBlock and fact of a card: nothing in it renders as markup. */
function expectInert(card: unknown): string[] {
  const shown: string[] = [];
  const visit = (node: unknown) => {
    if (Array.isArray(node)) node.forEach(visit);
    else if (node && typeof node === 'object') {
      const element = node as Record<string, unknown>;
      if (element.type === 'TextBlock') {
        expect(markupIn(String(element.text)), String(element.text)).toEqual([]);
        shown.push(shownAs(String(element.text)));
      }
      Object.values(element).forEach(visit);
    }
  };
  visit(card);
  expect(INVISIBLE_CHARACTERS.test(JSON.stringify(card))).toBe(false);
  return shown;
}

beforeAll(async () => {
  harness = await startBotHarness({ VCOP_DEMO: '0', VCOP_NOW: '2026-11-20T10:00:00Z' });
  const imported = await harness.api('/v1/records', {
    method: 'POST',
    headers: { 'content-type': 'application/x-ndjson' },
    body: hostile(await fixture('small-force.ndjson')),
  });
  expect(imported.status).toBe(200);
  supervisor = (await harness.app.services.people.findById('P1'))!;
}, 60_000);

afterAll(async () => {
  await harness?.close();
});

async function digestCard(chat: Conversation): Promise<Record<string, unknown>> {
  const seen = harness.connector.mark();
  await harness.post(chat.message('digest'));
  const sent = seen().filter((call) => call.method === 'POST' && call.body.type === 'message');
  return cardsOf(sent[0]!.body)[0]!;
}

describe('record fields and typed text on cards and messages', () => {
  it('shows a team name, an officer name and a category with Markdown and a direction override as plain text', async () => {
    const card = await digestCard(new Conversation(harness.serviceUrl, teamsUserOf(supervisor), 'channel'));
    const shown = expectInert(card);
    expect(shown[0]).toBe(TEAM_NAME);
    expect(shown).toContain('OIC PC 2002 letaP');
    expect(shown.some((text) => text.endsWith(`· ${CATEGORY}`))).toBe(true);
  });

  it('keeps the words of a link typed into a note, and nothing of where it pointed', async () => {
    const chat = new Conversation(harness.serviceUrl, teamsUserOf(supervisor));
    const ref = shownItemRefs(await digestCard(chat))[0]!;
    const note = `Rang, see [the call log](https://notes.evil/log) ${RLO}**now**`;
    const card = invokeCard(
      await harness.post(chat.cardAction('acknowledgeItem', { itemRef: ref, digestId: 'team:N-T1', [digestInputIds(ref).note]: note })),
    );
    const shown = expectInert(card);
    expect(shown).toContain('Note: Rang, see the call log **now**');
    expect(JSON.stringify(card)).not.toContain('notes.evil');
  });

  it("tells the new OIC of a reassignment in plain text, the reason's link reduced to its words", async () => {
    // PS Smith moves PC Patel's case to himself: he is told in his own chat, like any new OIC.
    const chat = new Conversation(harness.serviceUrl, teamsUserOf(supervisor));
    await harness.post(chat.installationUpdate('add'));
    const card = await digestCard(chat);
    const ref = shownItemRefs(card).at(-1)!;
    const ids = digestInputIds(ref);
    const reason = `${RLO}Cover: [leave rota](https://reasons.evil/rota) _urgent_`;
    invokeCard(
      await harness.post(
        chat.cardAction('reassignItem', { itemRef: ref, digestId: 'team:N-T1', [ids.officer]: 'P1', [ids.reason]: reason }),
      ),
    );
    await harness.connector.waitFor(() =>
      harness.connector.sentTo(chat.id).some((a) => String(a.text ?? '').includes('has reassigned case')),
    );
    const text = String(harness.connector.sentTo(chat.id).find((a) => String(a.text ?? '').includes('has reassigned case'))!.text);
    expect(markupIn(text)).toEqual([]);
    expect(INVISIBLE_CHARACTERS.test(text)).toBe(false);
    expect(shownAs(text)).toContain(`(${CATEGORY}) to you. Reason: Cover: leave rota _urgent_.`);
    expect(text).not.toContain('reasons.evil');
  });
});
