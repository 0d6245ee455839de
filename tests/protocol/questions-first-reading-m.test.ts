import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { itemRef } from '../../src/domain/digest.js';
import type { DigestItem, Person, UnitBreakdown, UnitFigures } from '../../src/domain/types.js';
import {
  cardText,
  pickTeam,
  shownItemRefs,
  startBotHarness,
  textBlocks,
  type BotHarness,
  apiJson,
  askAs,
  rankAndCollar,
  shownPercent,
} from '../support/bot-harness.js';

/**
 * Issue 12, shapes of question batches L to P found unread or misread, over /api/messages: a victim's phone
 * number asked for (refused, with the reason), an officer's items "about to go overdue", the worst team "furthest
 * below target", "at the end of last month", LPAs ranked with one "left out", teams of two commands compared (and
 * refused to an inspector who sees one of them), and "thanks, that's all for now" (no figure). Figures are checked against the API at the instant each answer names (now: 07:30 on Fri 20 Nov
 * 2026, London).
 */

const NOW = '2026-11-20T07:30:00.000Z';
const END_OF_OCTOBER = '2026-10-31T23:59:59.999Z';

let harness: BotHarness;
let sergeant: Person;
let officer: Person;
let teamId: string;

beforeAll(async () => {
  harness = await startBotHarness();
  ({ supervisor: sergeant, oic: officer, unitId: teamId } = await pickTeam(harness));
}, 60_000);

afterAll(async () => {
  await harness?.close();
});

const ask = (person: Person, question: string) => askAs(harness, person, question);
const allText = (card: unknown) => textBlocks(card).join('\n');
const readAs = (card: unknown) => textBlocks(card).find((text) => text.startsWith('Read as:'));
const percent = shownPercent;
const collar = rankAndCollar;

const api = <T>(path: string) => apiJson<T>(harness, path);

describe('question shapes found at first reading, batches L to P (issue 12)', () => {
  it("refuses a victim's phone number with the reason, and shows no figure or item", async () => {
    const card = await ask(sergeant, "give me the victim's phone number on the oldest overdue job");
    expect(allText(card)).toContain("Victims' names, contact details and addresses are never shown in Teams");
    expect(allText(card)).not.toMatch(/\d+\.\d%/);
    expect(shownItemRefs(card)).toEqual([]);
  });

  it("lists an officer's items due soon when a sergeant asks what is about to go overdue", async () => {
    const card = await ask(sergeant, `anything of ${collar(officer.name)} about to go overdue`);
    const team = await api<{ items: DigestItem[] }>(`/v1/units/${teamId}/digest?at=${NOW}`);
    const theirs = new Set(team.items.filter((item) => item.oicId === officer.id).map((item) => itemRef(item)));
    expect(theirs.size).toBeGreaterThan(0);
    expect(new Set(shownItemRefs(card))).toEqual(theirs);
    expect(textBlocks(card)[0]).toBe(`${officer.name}'s items`);
  });

  it('names the one worst team "furthest below target" on updates, as the breakdown has it', async () => {
    const inspector = (await harness.app.services.people.listByUnit('N-LPA')).find((person) => person.role === 'inspector')!;
    const breakdown = await api<UnitBreakdown>(`/v1/units/N-LPA/breakdown?at=${NOW}`);
    const worst = [...breakdown.children].sort((a, b) => (a.updates.rate ?? 101) - (b.updates.rate ?? 101))[0]!;
    const card = await ask(inspector, 'which of my teams is furthest below target on updates');
    expect(cardText(card)).toContain(worst.unit.name);
    expect(cardText(card)).toContain(percent(worst.updates.rate));
    for (const other of breakdown.children.filter((child) => child.unit.id !== worst.unit.id)) {
      expect(cardText(card)).not.toContain(other.unit.name);
    }
  });

  it('answers "at the end of last month" with the figure at the end of October', async () => {
    const october = await api<UnitFigures>(`/v1/units/${teamId}/compliance?at=${END_OF_OCTOBER}`);
    const card = await ask(sergeant, 'what was our compliance at the end of last month');
    expect(textBlocks(card)[0]).toContain(`${percent(october.rate)} fully compliant — ${october.compliant} of ${october.total} victims`);
    expect(readAs(card)).toContain('October 2026 · at the end of Sat 31 Oct 2026');
  });

  it('ranks the commands with the one "left out" gone: "rank the lpas on updates, leave cid out"', async () => {
    const senior = (await harness.app.services.people.listByUnit('FORCE')).find((person) => person.role === 'senior')!;
    const card = await ask(senior, 'rank the lpas on updates, leave cid out');
    const breakdown = await api<UnitBreakdown>(`/v1/units/FORCE/breakdown?at=${NOW}`);
    const cid = breakdown.children.find((child) => child.unit.id === 'CID');
    const kept = breakdown.children.filter((child) => child.unit.id !== 'CID');
    expect(kept.length).toBeGreaterThan(1);
    for (const child of kept) expect(cardText(card)).toContain(child.unit.name);
    const rows = textBlocks(card).filter((text) => !text.startsWith('Read as:'));
    if (cid) expect(rows).not.toContain(cid.unit.name);
    expect(readAs(card)).toContain('without CID');
  });

  it('sets teams of two commands side by side in the force\'s list of teams (batch P): "North Team 1 vs South Team 1 on updates"', async () => {
    const senior = (await harness.app.services.people.listByUnit('FORCE')).find((person) => person.role === 'senior')!;
    const [north, south] = await Promise.all(['N-T1', 'S-T1'].map((id) => api<UnitFigures>(`/v1/units/${id}/compliance?at=${NOW}`)));
    const card = await ask(senior, 'North Team 1 vs South Team 1 on updates');
    for (const team of [north!, south!]) {
      expect(cardText(card)).toContain(team.unit.name);
      expect(cardText(card)).toContain(percent(team.updates.rate));
    }
    const rows = textBlocks(card).filter((text) => /^\w+ Team \d+$/.test(text));
    expect(rows.sort()).toEqual([north!.unit.name, south!.unit.name].sort());
  });

  it("refuses an inspector comparing a sergeant's team with a team outside the command, with the reason", async () => {
    const command = (await harness.app.services.queries.findUnit(teamId))!.parentId!;
    const inspector = (await harness.app.services.people.listByUnit(command)).find((person) => person.role === 'inspector')!;
    const outside = command === 'C-LPA' ? 'N-T1' : 'C-T1';
    const other = await api<UnitFigures>(`/v1/units/${outside}/compliance?at=${NOW}`);
    const card = await ask(inspector, `compare ${sergeant.name}'s team with ${other.unit.name}`);
    expect(cardText(card)).toContain("I can't show you that");
    expect(cardText(card)).not.toMatch(/\d+\.\d%/);
  });

  it('gives no figure for "thanks, thats all for now"', async () => {
    const card = await ask(sergeant, 'thanks, thats all for now');
    expect(allText(card)).not.toMatch(/\d+\.\d%/);
    expect(readAs(card)).toBeUndefined();
  });
});
