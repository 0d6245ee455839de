import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Person } from '../../src/domain/types.js';
import { validateAdaptiveCard } from '../support/adaptive-card-validator.js';
import { Conversation, cardsOf, pickTeam, startBotHarness, teamsUserOf, textBlocks, type BotHarness } from '../support/bot-harness.js';

/**
 * Issue 14 in chat: a sergeant and a superintendent ask about the Code's later duties over /api/messages, and the
 * card leads with the same per-duty figure as `GET /v1/units/{id}/compliance` (its `obligations`) at the instant
 * the "Read as" line names. Now is 07:30 on Fri 20 Nov 2026 in London; the demo force has referrals, written
 * acknowledgements and key decisions.
 */

interface Obligation {
  compliant: number;
  total: number;
  rate: number | null;
}

let harness: BotHarness;
let sergeant: Person;
let team: { id: string; name: string };

beforeAll(async () => {
  harness = await startBotHarness();
  ({ supervisor: sergeant } = await pickTeam(harness));
  const units = ((await (await harness.api('/v1/units')).json()) as { units: { id: string; name: string }[] }).units;
  team = units.find((unit) => unit.id === sergeant.unitId)!;
}, 60_000);

afterAll(async () => {
  await harness?.close();
});

async function ask(person: Person, question: string): Promise<string[]> {
  const chat = new Conversation(harness.serviceUrl, teamsUserOf(person));
  expect((await harness.post(chat.message(question))).status).toBe(200);
  const [card] = cardsOf(harness.connector.sentTo(chat.id).at(-1)!);
  expect(validateAdaptiveCard(card)).toEqual([]);
  return textBlocks(card);
}

async function obligationsAt(unitId: string, at: string): Promise<Record<string, Obligation>> {
  const response = await harness.api(`/v1/units/${unitId}/compliance?at=${encodeURIComponent(at)}`);
  return ((await response.json()) as { obligations: Record<string, Obligation> }).obligations;
}

describe('questions about the later duties, in Teams (issue 14)', () => {
  it('answers "written acknowledgements for my team this month" with the API\'s obligation figure', async () => {
    const blocks = await ask(sergeant, 'written acknowledgements for my team this month');
    const [headline] = blocks;
    expect(blocks.find((text) => text.startsWith('Read as: '))).toBe(
      `Read as: ${team.name} · acknowledged in writing on time · November 2026 so far · at now (07:30 Fri 20 Nov 2026)`,
    );
    const { writtenAcknowledgement } = await obligationsAt(team.id, '2026-11-20T07:30:00Z');
    expect(writtenAcknowledgement!.total).toBeGreaterThan(0);
    expect(headline).toBe(
      `${team.name}: ${writtenAcknowledgement!.rate!.toFixed(1)}% acknowledged in writing on time — ` +
        `${writtenAcknowledgement!.compliant} of ${writtenAcknowledgement!.total} victims, ` +
        `${writtenAcknowledgement!.total - writtenAcknowledgement!.compliant} overdue — at 20 Nov 2026`,
    );
  });

  it('leads "how many victims are waiting on a referral" with the number, over those who asked for one', async () => {
    const [headline] = await ask(sergeant, 'how many victims are waiting on a referral');
    const { referral } = await obligationsAt(team.id, '2026-11-20T07:30:00Z');
    const waiting = referral!.total - referral!.compliant;
    expect(headline).toMatch(
      new RegExp(`^${team.name}: ${waiting} victims? overdue a referral to support — ${referral!.rate!.toFixed(1)}%`),
    );
  });

  it("ranks the sergeant's officers on key decision updates with the breakdown API's figures", async () => {
    const blocks = await ask(sergeant, 'which of my officers is worst on key decision updates');
    const response = await harness.api(`/v1/units/${team.id}/breakdown?at=${encodeURIComponent('2026-11-20T07:30:00Z')}`);
    const { officers } = (await response.json()) as { officers: { officer: { name: string }; obligations: Record<string, Obligation> }[] };
    const told = officers.filter((o) => o.obligations.decisionUpdates!.total > 0);
    expect(told.length).toBeGreaterThan(0);
    const worst = [...told].sort((a, b) => a.obligations.decisionUpdates!.rate! - b.obligations.decisionUpdates!.rate!)[0]!;
    const text = blocks.join('\n');
    expect(text).toContain(worst.officer.name);
    expect(text).toContain(`${worst.obligations.decisionUpdates!.compliant} of ${worst.obligations.decisionUpdates!.total}`);
  });

  it("declines one officer's figure for a duty, saying what can be asked", async () => {
    const officer = (await harness.app.services.people.listByUnit(team.id)).find((person) => person.role === 'officer')!;
    const blocks = await ask(sergeant, `key decision updates for ${officer.name}`);
    expect(blocks.join('\n')).toContain('Key decision updates are counted per team and command, not per officer, yet.');
  });
});
