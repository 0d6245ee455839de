import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { itemRef } from '../../src/domain/digest.js';
import { toRatio } from '../../src/domain/figures.js';
import type { DigestItem, Person, UnitFigures } from '../../src/domain/types.js';
import { validateAdaptiveCard } from '../support/adaptive-card-validator.js';
import {
  Conversation,
  cardText,
  cardsOf,
  pickTeam,
  shownItemRefs,
  startBotHarness,
  teamsUserOf,
  textBlocks,
  type BotHarness,
} from '../support/bot-harness.js';

/**
 * Issue 12, the capabilities people ask for, over /api/messages as each persona would type them: counts,
 * item lists for a unit, top/bottom N, two named units side by side, officers by collar number, RAG words
 * as a filter, a unit left out, two questions in one message, and refusals that say why. Every figure is
 * checked against the figures API at the same instant (now: 07:30 on Fri 20 Nov 2026, London).
 */

const NOW = '2026-11-20T07:30:00.000Z';

interface UnitRow {
  id: string;
  name: string;
  kind: string;
  parentId: string | null;
}

let harness: BotHarness;
let units: UnitRow[];
let sergeant: Person;
let officer: Person;
let senior: Person;
let inspector: Person;

beforeAll(async () => {
  harness = await startBotHarness();
  units = ((await (await harness.api('/v1/units')).json()) as { units: UnitRow[] }).units;
  ({ supervisor: sergeant, oic: officer } = await pickTeam(harness));
  const { people } = harness.app.services;
  senior = (await people.listByUnit('FORCE')).find((person) => person.role === 'senior')!;
  inspector = (await people.listByUnit('N-LPA')).find((person) => person.role === 'inspector')!;
  expect(senior && inspector).toBeTruthy();
}, 60_000);

afterAll(async () => {
  await harness?.close();
});

/** Every card the bot sent back for one message, in order. */
async function askAll(person: Person, question: string): Promise<Record<string, unknown>[]> {
  const chat = new Conversation(harness.serviceUrl, teamsUserOf(person));
  expect((await harness.post(chat.message(question))).status).toBe(200);
  const cards = harness.connector
    .sentTo(chat.id)
    .filter((activity) => activity.type === 'message')
    .flatMap((activity) => cardsOf(activity));
  for (const card of cards) expect(validateAdaptiveCard(card)).toEqual([]);
  return cards;
}

async function ask(person: Person, question: string): Promise<Record<string, unknown>> {
  const cards = await askAll(person, question);
  expect(cards).toHaveLength(1);
  return cards[0]!;
}

async function figures(unitId: string): Promise<UnitFigures> {
  return (await (await harness.api(`/v1/units/${unitId}/compliance?at=${NOW}`)).json()) as UnitFigures;
}

async function figuresAtInstant(unitId: string, at: string): Promise<UnitFigures> {
  return (await (await harness.api(`/v1/units/${unitId}/compliance?at=${at}`)).json()) as UnitFigures;
}

const name = (id: string) => units.find((unit) => unit.id === id)!.name;
const rate = (value: number | null) => (value === null ? 'no live cases' : `${value.toFixed(1)}%`);

describe('questions people ask, as they ask them (issue 12)', () => {
  it('leads a count with the number asked for: "how many victims are waiting on an update"', async () => {
    const card = await ask(sergeant, 'how many victims are waiting on an update');
    const api = await figures(sergeant.unitId);
    const waiting = api.updates.total - api.updates.compliant;
    expect(textBlocks(card)[0]).toBe(
      `${name(sergeant.unitId)}: ${waiting} ${waiting === 1 ? 'victim' : 'victims'} overdue an update — ${rate(api.updates.rate)} updated on time — ` +
        `${api.updates.compliant} of ${api.updates.total} victims — at 20 Nov 2026`,
    );
  });

  it('lists a command\'s open items when an inspector says "list overdue updates across North LPA"', async () => {
    const card = await ask(inspector, 'list overdue updates across north lpa');
    const items = ((await (await harness.api(`/v1/units/N-LPA/digest?at=${NOW}`)).json()) as { items: DigestItem[] }).items;
    expect(items.length).toBeGreaterThan(0);
    const shown = shownItemRefs(card);
    expect(shown.length).toBeGreaterThan(0);
    const refs = new Set(items.map((item) => itemRef(item)));
    expect(shown.every((ref) => refs.has(ref))).toBe(true);
    expect(textBlocks(card)).toContain('Read as: North LPA · open items (overdue and due soon)');
  });

  it('cuts a ranking to the number asked: "bottom 3 teams for needs assessments"', async () => {
    const card = await ask(senior, 'bottom 3 teams for needs assessments');
    const teams = await Promise.all(units.filter((unit) => unit.kind === 'team').map((unit) => figures(unit.id)));
    const lowest = teams
      .filter((team) => team.needsAssessment.rate !== null)
      .sort((a, b) => a.needsAssessment.rate! - b.needsAssessment.rate! || a.unit.name.localeCompare(b.unit.name, 'en', { numeric: true }))
      .slice(0, 3);
    const text = cardText(card);
    for (const team of lowest) expect(text).toContain(team.unit.name);
    const others = teams.filter((team) => !lowest.includes(team)).map((team) => team.unit.name);
    for (const other of others) expect(textBlocks(card).filter((block) => block === other)).toEqual([]);
    expect(textBlocks(card)).toContain(
      'Read as: the teams of Example Constabulary · needs assessments done · lowest 3 only · now (07:30 Fri 20 Nov 2026)' +
        ' (no place given, so: yours; no period given, so: now)',
    );
  });

  it('puts two named commands side by side, and only those: "compare north lpa and city lpa on NA"', async () => {
    const card = await ask(senior, 'compare north lpa and city lpa on NA');
    const [city, north] = await Promise.all([figures('C-LPA'), figures('N-LPA')]);
    expect(textBlocks(card)[0]).toBe(
      `needs assessments done: City LPA ${rate(city.needsAssessment.rate)} (${city.needsAssessment.compliant} of ${city.needsAssessment.total} victims)` +
        ` · North LPA ${rate(north.needsAssessment.rate)} (${north.needsAssessment.compliant} of ${north.needsAssessment.total} victims) — at 20 Nov 2026`,
    );
    expect(cardText(card)).not.toContain('South LPA');
  });

  it('finds an officer by collar number, as a sergeant says it: "how is PC 1234 doing"', async () => {
    const collar = /\b(\d{3,6})\b/.exec(officer.name)![1]!;
    const card = await ask(sergeant, `how is PC ${collar} doing on updates`);
    expect(textBlocks(card)[0]).toMatch(new RegExp(`^${officer.name}: (?:\\d+\\.\\d% updated on time|no live cases)`));
    expect(textBlocks(card)).toContain(
      `Read as: ${officer.name} · updated on time · now (07:30 Fri 20 Nov 2026) (no period given, so: now)`,
    );
  });

  it('refuses an officer asking about a colleague by collar number, with the reason, never "not understood"', async () => {
    const colleague = (await harness.app.services.people.listByUnit(officer.unitId)).find(
      (person) => person.id !== officer.id && /\d{3,6}/.test(person.name),
    )!;
    const collar = /\b(\d{3,6})\b/.exec(colleague.name)![1]!;
    const text = cardText(await ask(officer, `how is ${collar} doing`));
    expect(text).toContain("I can't show you that");
    expect(text).not.toMatch(/didn't understand|\d+\.\d%/);
  });

  it('reads RAG words as a filter: "which teams are amber" lists the amber teams only', async () => {
    const card = await ask(inspector, 'which of my teams are amber');
    const teams = await Promise.all(units.filter((unit) => unit.parentId === 'N-LPA').map((unit) => figures(unit.id)));
    const amber = teams.filter((team) => team.rag === 'AMBER');
    const plural = amber.length === 1 ? 'team' : 'teams';
    expect(textBlocks(card)[0]).toBe(
      `${amber.length} of ${teams.length} ${plural} in North LPA rated AMBER on fully compliant — at 20 Nov 2026`,
    );
    for (const team of teams) expect(cardText(card).includes(team.unit.name)).toBe(team.rag === 'AMBER');
  });

  it('leaves a unit out of the figure: "force compliance excluding CID"', async () => {
    const card = await ask(senior, 'force compliance excluding CID');
    const [force, cid] = await Promise.all([figures('FORCE'), figures('CID')]);
    const without = toRatio(force.compliant - cid.compliant, force.total - cid.total);
    expect(textBlocks(card)[0]).toBe(
      `Example Constabulary without CID: ${rate(without.rate)} fully compliant — ${without.compliant} of ${without.total} victims — at 20 Nov 2026`,
    );
    expect(textBlocks(card)).toContain(
      'Read as: Example Constabulary · without CID · fully compliant · now (07:30 Fri 20 Nov 2026) (no period given, so: now)',
    );
  });

  it('lists the teams whose rate fell: "which of my teams slipped since september"', async () => {
    const card = await ask(inspector, 'which of my teams slipped since september');
    const teams = units.filter((unit) => unit.parentId === 'N-LPA');
    const before = await Promise.all(teams.map((team) => figuresAtInstant(team.id, '2026-08-31T22:59:59.999Z')));
    const after = await Promise.all(teams.map((team) => figures(team.id)));
    const slipped = teams.filter((_, i) => after[i]!.rate !== null && before[i]!.rate !== null && after[i]!.rate! < before[i]!.rate!);
    const headline = textBlocks(card)[0]!;
    expect(headline).toContain(`${slipped.length} of ${teams.length}`);
    expect(headline).toContain('slipped on fully compliant since 31 Aug 2026');
    for (const team of teams) expect(headline.includes(team.name)).toBe(slipped.includes(team));
    expect(textBlocks(card)).toContain(
      'Read as: the teams of North LPA · fully compliant · those that slipped · since 1 Sep 2026 · at now (07:30 Fri 20 Nov 2026)',
    );
  });

  it('reads the police financial year when it is said: "Q1 2026/27" is April to June 2026', async () => {
    const card = await ask(senior, 'force compliance Q1 2026/27');
    const api = await figuresAtInstant('FORCE', '2026-06-30T22:59:59.999Z');
    expect(textBlocks(card)[0]).toBe(
      `Example Constabulary: ${rate(api.rate)} fully compliant — ${api.compliant} of ${api.total} victims — at 30 Jun 2026`,
    );
  });

  it('answers two questions in one message, one card each, in order', async () => {
    const cards = await askAll(sergeant, 'how are we doing? and who has the most overdue updates');
    expect(cards).toHaveLength(2);
    expect(textBlocks(cards[0])[0]).toMatch(new RegExp(`^${name(sergeant.unitId)}: (?:\\d+\\.\\d% fully compliant|no live cases)`));
    expect(textBlocks(cards[1])[0]).toMatch(/^(?:Most overdue updates in|No overdue updates in)/);
  });
});
