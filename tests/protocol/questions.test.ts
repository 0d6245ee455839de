import { TZDate } from '@date-fns/tz';
import { addMonths, format } from 'date-fns';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TEAMS_MESSAGE_LIMIT_BYTES, cardBytes } from '../../src/bot/cards/card-size.js';
import { itemRef } from '../../src/domain/digest.js';
import type { DigestItem, Person, Ratio, UnitFigures } from '../../src/domain/types.js';
import { createBotExtension } from '../../src/app.js';
import { readConfig } from '../../src/config/env.js';
import { validateAdaptiveCard } from '../support/adaptive-card-validator.js';
import { FakeConnector } from '../support/fake-connector.js';
import { queryExamples, type QueryExample } from '../support/spec-file.js';
import { startTestApp } from '../support/test-app.js';
import {
  Conversation,
  NOW,
  cardText,
  cardsOf,
  executeActions,
  invokeCard,
  pickTeam,
  shownItemRefs,
  startBotHarness,
  teamsUserOf,
  type BotHarness,
  textBlocks,
} from '../support/bot-harness.js';

/**
 * Issue 4, "done when": every line of the spec's queries-examples.tsv (read at test time), asked as that
 * person in Teams over the Bot Framework protocol, gets the right figure for the right unit and instant,
 * checked against the figures API; refusals show no figures; help and "not understood" answer with
 * examples. Then the card buttons: a drill-down, an ambiguous question asked back, tampered buttons.
 */

const TIME_ZONE = 'Europe/London';
const NOW_DATE = new Date(NOW);

interface UnitRow {
  id: string;
  name: string;
  kind: string;
  parentId: string | null;
}

type ApiFigures = UnitFigures & { previous?: Omit<UnitFigures, 'unit'> & { label: string } };

let harness: BotHarness;
let units: UnitRow[];
let officerWithItems: Person;

beforeAll(async () => {
  harness = await startBotHarness();
  units = ((await (await harness.api('/v1/units')).json()) as { units: UnitRow[] }).units;
  officerWithItems = (await pickTeam(harness)).oic;
}, 60_000);

afterAll(async () => {
  await harness?.close();
});

// ---- reading the spec's columns -------------------------------------------------------------------

async function personaOf(persona: string): Promise<Person> {
  const { people } = harness.app.services;
  if (persona === 'officer' || persona === 'anyone') return officerWithItems;
  if (persona === 'senior lead') {
    const senior = (await people.listByUnit(unitNamed('force').id)).find((p) => p.role === 'senior');
    if (!senior) throw new Error('the demo force has no senior lead');
    return senior;
  }
  const match = /^(officer|supervisor|inspector) of (.+)$/.exec(persona);
  if (!match) throw new Error(`queries-examples.tsv: unknown persona '${persona}'`);
  const person = (await people.listByUnit(unitNamed(match[2]!).id)).find((p) => p.role === match[1]);
  if (!person) throw new Error(`the demo force has no ${match[1]} of ${match[2]}`);
  return person;
}

function unitNamed(name: string): UnitRow {
  const unit = name === 'force' ? units.find((u) => u.kind === 'force') : units.find((u) => u.name.toLowerCase() === name.toLowerCase());
  if (!unit) throw new Error(`no unit named '${name}' in the demo force`);
  return unit;
}

const MONTHS = ['january', 'february', 'march', 'april', 'may', 'june', 'july', 'august', 'september', 'october', 'november', 'december'];
const NUMBER_WORDS: Record<string, number> = {
  two: 2,
  three: 3,
  four: 4,
  five: 5,
  six: 6,
  seven: 7,
  eight: 8,
  nine: 9,
  ten: 10,
  twelve: 12,
};

/** The spec's instant column -> the API query that answers it. */
type Instant = { kind: 'at'; query: string } | { kind: 'month'; month: string; query: string } | { kind: 'month-ends'; months: string[] };

function monthParam(date: Date): string {
  return format(new TZDate(date.getTime(), TIME_ZONE), 'yyyy-MM');
}

function instantOf(column: string): Instant {
  if (column === 'NOW') return { kind: 'at', query: `?at=${NOW}` };
  if (column === 'last month') {
    const month = monthParam(addMonths(new TZDate(NOW_DATE.getTime(), TIME_ZONE), -1));
    return { kind: 'month', month, query: `?period=${month}` };
  }
  const named = /^([a-z]+)(?: (\d{4}))?$/i.exec(column);
  const monthIndex = named ? MONTHS.indexOf(named[1]!.toLowerCase()) : -1;
  if (named && monthIndex >= 0) {
    const nowLocal = new TZDate(NOW_DATE.getTime(), TIME_ZONE);
    // A month without a year is the latest one that has begun.
    const year = named[2] ? Number(named[2]) : monthIndex <= nowLocal.getMonth() ? nowLocal.getFullYear() : nowLocal.getFullYear() - 1;
    const month = `${year}-${String(monthIndex + 1).padStart(2, '0')}`;
    return { kind: 'month', month, query: `?period=${month}` };
  }
  const ends = /^(\w+) month-ends$/.exec(column);
  if (ends) {
    const count = NUMBER_WORDS[ends[1]!] ?? Number(ends[1]);
    const current = new TZDate(NOW_DATE.getTime(), TIME_ZONE);
    return { kind: 'month-ends', months: Array.from({ length: count }, (_, i) => monthParam(addMonths(current, i - count + 1))) };
  }
  throw new Error(`queries-examples.tsv: unknown instant '${column}'`);
}

const METRIC_WORDS: Record<string, string> = {
  overall: 'fully compliant',
  'needs assessment': 'needs assessments done',
  updates: 'updated on time',
};

function ratioFor(figures: Pick<UnitFigures, 'compliant' | 'total' | 'rate' | 'needsAssessment' | 'updates'>, metric: string): Ratio {
  if (metric === 'needs assessment') return figures.needsAssessment;
  if (metric === 'updates') return figures.updates;
  if (metric === 'overall') return { compliant: figures.compliant, total: figures.total, rate: figures.rate };
  throw new Error(`queries-examples.tsv: unknown metric '${metric}'`);
}

function rateText(rate: number | null): string {
  return rate === null ? 'no live cases' : `${rate.toFixed(1)}%`;
}

/** "20 Nov 2026": the local date of an instant, as the cards write it. */
function dateText(iso: string): string {
  return format(new TZDate(new Date(iso).getTime(), TIME_ZONE), 'd MMM yyyy');
}

async function figures(unitId: string, query: string): Promise<ApiFigures> {
  const response = await harness.api(`/v1/units/${unitId}/compliance${query}`);
  expect(response.status).toBe(200);
  return (await response.json()) as ApiFigures;
}

// ---- reading the cards ----------------------------------------------------------------------------

/** The rows of a table on a card: each ColumnSet with `columns` columns, as the texts of its columns. */
function tableRows(card: unknown, columns: number): string[][] {
  const rows: string[][] = [];
  const walk = (node: unknown) => {
    if (Array.isArray(node)) node.forEach(walk);
    else if (node && typeof node === 'object') {
      const record = node as Record<string, unknown>;
      if (record.type === 'ColumnSet' && Array.isArray(record.columns) && record.columns.length === columns) {
        rows.push((record.columns as unknown[]).map((column) => textBlocks(column).join(' ')));
        return;
      }
      Object.values(record).forEach(walk);
    }
  };
  walk(card);
  return rows;
}

/** Ranking rows: name, rate, counts, in breach (the heading row left out). */
function rankingRows(card: unknown): { name: string; rate: string; counts: string; breach: string }[] {
  return tableRows(card, 4)
    .filter((row) => row[1] !== 'Rate')
    .map(([name = '', rate = '', counts = '', breach = '']) => ({ name, rate, counts, breach }));
}

function headlineOf(card: unknown): string {
  return textBlocks(card)[0] ?? '';
}

function expectGoodCard(card: Record<string, unknown>): void {
  expect(validateAdaptiveCard(card)).toEqual([]);
  expect(cardBytes(card)).toBeLessThan(TEAMS_MESSAGE_LIMIT_BYTES);
}

/** No rate, no counts of victims: what a refusal or a help card must never show. */
function expectNoFigures(card: unknown): void {
  const text = cardText(card);
  expect(text).not.toMatch(/\d+(?:\.\d)?%/);
  expect(text).not.toMatch(/\d+ of \d+/);
  expect(text).not.toMatch(/CR-\d/);
}

/** Sends a message as the person; answers the card the bot replied with (after the typing indicator). */
async function ask(person: Person, question: string): Promise<{ chat: Conversation; card: Record<string, unknown> }> {
  const chat = new Conversation(harness.serviceUrl, teamsUserOf(person));
  const response = await harness.post(chat.message(question));
  expect(response.status).toBe(200);
  const sent = harness.connector.sentTo(chat.id);
  expect(sent.map((activity) => activity.type)).toEqual(['typing', 'message']);
  const [card] = cardsOf(sent[1]!);
  expect(card).toBeDefined();
  expectGoodCard(card!);
  return { chat, card: card! };
}

async function press(chat: Conversation, button: Record<string, unknown>): Promise<Record<string, unknown>> {
  const card = invokeCard(await harness.post(chat.cardAction('askQuestion', button.data as Record<string, unknown>, 'answer-message')));
  expectGoodCard(card);
  return card;
}

function button(card: unknown, title: string): Record<string, unknown> {
  const found = executeActions(card, 'askQuestion').find((action) => action.title === title);
  if (!found)
    throw new Error(
      `no askQuestion button '${title}' on the card; it has ${executeActions(card, 'askQuestion')
        .map((a) => a.title)
        .join(', ')}`,
    );
  return found;
}

// ---- the spec, line by line -----------------------------------------------------------------------

/** A figure card for one unit: headline with name, rate, counts and instant, and the previous period. */
async function checkFigure(card: unknown, line: QueryExample): Promise<void> {
  const unit = unitNamed(line.unit);
  const instant = instantOf(line.instant);
  if (instant.kind === 'month-ends') throw new Error('a figure line needs one instant');
  const api = await figures(unit.id, instant.query);
  const ratio = ratioFor(api, line.metric);
  expect(ratio.rate).not.toBeNull();
  const headline = headlineOf(card);
  if (/^how many\b/i.test(line.question)) {
    // A count leads with the number asked for, the rate and its counts beside it (issue 12).
    expect(headline).toContain(`${unit.name}: ${ratio.total - ratio.compliant} victims`);
    expect(headline).toContain(`${rateText(ratio.rate)} ${METRIC_WORDS[line.metric]}`);
  } else {
    expect(headline).toContain(`${unit.name}: ${rateText(ratio.rate)} ${METRIC_WORDS[line.metric]}`);
  }
  expect(headline).toContain(`${ratio.compliant} of ${ratio.total} victims`);
  expect(headline).toContain(`at ${dateText(api.asOf)}`);

  // The previous period beside it, as ?period= answers it for the month of the snapshot.
  const withPrevious = await figures(unit.id, `?period=${instant.kind === 'month' ? instant.month : monthParam(NOW_DATE)}`);
  const previous = ratioFor(withPrevious.previous!, line.metric);
  const texts = textBlocks(card);
  expect(texts).toContain(`Previously, at ${dateText(withPrevious.previous!.asOf)}`);
  expect(texts).toContain(rateText(previous.rate));
  if (ratio.rate !== null && previous.rate !== null) {
    const change = (Math.round(ratio.rate * 10) - Math.round(previous.rate * 10)) / 10;
    const changeText = change === 0 ? 'no change' : `${change > 0 ? '+' : '−'}${Math.abs(change).toFixed(1)} pts`;
    expect(texts).toContain(`${changeText} vs ${dateText(withPrevious.previous!.asOf)}`);
  }
}

async function checkLine(line: QueryExample): Promise<void> {
  const person = await personaOf(line.persona);
  const { card } = await ask(person, line.question);
  const text = cardText(card);

  if (line.unit.startsWith('refused')) {
    expect(text).toContain("I can't show you that");
    expect(text).toMatch(/officer/i);
    expectNoFigures(card);
    expect(executeActions(card, 'askQuestion')).toEqual([]);
    return;
  }
  if (line.unit.startsWith('a short guide')) {
    expect(text).toContain('What I can do');
    expect(executeActions(card, 'askQuestion').length).toBeGreaterThanOrEqual(3);
    expectNoFigures(card);
    return;
  }
  if (/didn't understand/i.test(line.unit)) {
    expect(executeActions(card, 'askQuestion').length).toBeGreaterThanOrEqual(3);
    // The words it could not read are named back once, in the same conversation, never answered as figures (issue 12).
    expect(text.split(line.question).length - 1).toBe(1);
    expect(textBlocks(card)).toContain(`I could not read "${line.question}".`);
    expectNoFigures(card);
    return;
  }
  if (line.unit === 'own items') {
    const forceItems = ((await (await harness.api(`/v1/units/${unitNamed('force').id}/digest`)).json()) as { items: DigestItem[] }).items;
    const own = forceItems.filter((item) => item.oicId === person.id);
    expect(own.length).toBeGreaterThan(0);
    expect(text).toContain('Your items');
    expect(shownItemRefs(card)).toEqual(own.slice(0, 10).map(itemRef));
    expect(executeActions(card, 'reassignItem')).toEqual([]);
    for (const item of own) expect(text).not.toContain(item.victimId);
    return;
  }

  const each = /^each (\w+) team$/.exec(line.unit);
  if (each) {
    // "compare my teams": every team of that area with its rate, as the API gives it.
    const teams = units.filter((u) => u.kind === 'team' && u.name.startsWith(`${each[1]} `));
    expect(teams.length).toBeGreaterThan(1);
    const rows = rankingRows(card);
    expect(rows.map((row) => row.name).sort()).toEqual(teams.map((t) => t.name).sort());
    for (const team of teams) {
      const ratio = ratioFor(await figures(team.id, instantQuery(line)), line.metric);
      const row = rows.find((r) => r.name === team.name)!;
      expect(row.rate).toBe(rateText(ratio.rate));
      expect(row.counts).toBe(`${ratio.compliant} of ${ratio.total}`);
    }
    return;
  }

  const most = /^the (\w+) team with most$/.exec(line.unit);
  if (most) {
    // Against the area's breakdown: the team with the most victims in breach of the metric.
    const area = units.find((u) => u.kind !== 'team' && u.name.startsWith(`${most[1]} `))!;
    const breakdown = (await (await harness.api(`/v1/units/${area.id}/breakdown${instantQuery(line)}`)).json()) as {
      children: UnitFigures[];
    };
    const breaches = breakdown.children.map((child) => {
      const ratio = ratioFor(child, line.metric);
      return { name: child.unit.name, count: ratio.total - ratio.compliant, ratio };
    });
    const top = Math.max(...breaches.map((b) => b.count));
    expect(top).toBeGreaterThan(0);
    // The headline names the team with the most, or every team tied for the most, with its figures.
    const headline = headlineOf(card);
    expect(headline).toContain(`with ${top}`);
    for (const b of breaches) {
      if (b.count === top) {
        expect(headline).toContain(b.name);
        expect(headline).toContain(
          `${rateText(b.ratio.rate)} ${METRIC_WORDS[line.metric]}, ${b.ratio.compliant} of ${b.ratio.total} victims`,
        );
      } else {
        expect(headline).not.toContain(b.name);
      }
    }
    // Every team is listed with its count.
    const rows = rankingRows(card);
    for (const b of breaches) expect(rows.find((row) => row.name === b.name)?.breach).toBe(String(b.count));
    return;
  }

  const below = /^every team below (\d+(?:\.\d+)?)$/.exec(line.unit);
  if (below) {
    const threshold = Number(below[1]);
    const teams = units.filter((u) => u.kind === 'team');
    const expected: { name: string; ratio: Ratio }[] = [];
    for (const team of teams) {
      const ratio = ratioFor(await figures(team.id, instantQuery(line)), line.metric);
      if (ratio.rate !== null && ratio.rate < threshold) expected.push({ name: team.name, ratio });
    }
    const rows = rankingRows(card);
    expect(rows.map((row) => row.name).sort()).toEqual(expected.map((e) => e.name).sort());
    for (const e of expected) expect(rows.find((row) => row.name === e.name)?.rate).toBe(rateText(e.ratio.rate));
    expect(headlineOf(card)).toContain(`${expected.length} of ${teams.length} teams`);
    expect(headlineOf(card)).toContain(`below ${threshold.toFixed(1)}%`);
    return;
  }

  const instant = instantOf(line.instant);
  if (instant.kind === 'month-ends') {
    const unit = unitNamed(line.unit);
    const rows = tableRows(card, 3);
    expect(rows).toHaveLength(instant.months.length);
    for (const [index, month] of instant.months.entries()) {
      const api = await figures(unit.id, `?period=${month}`);
      const ratio = ratioFor(api, line.metric);
      const [label = '', , figure = ''] = rows[index]!;
      expect(label).toContain(format(new TZDate(`${month}-15T12:00:00`, TIME_ZONE), 'MMMM yyyy'));
      expect(figure).toBe(ratio.rate === null ? 'no live cases' : `${rateText(ratio.rate)} (${ratio.compliant}/${ratio.total})`);
    }
    const latest = ratioFor(await figures(unit.id, `?at=${NOW}`), line.metric);
    expect(headlineOf(card)).toContain(
      `${unit.name}: ${rateText(latest.rate)} ${METRIC_WORDS[line.metric]} — ${latest.compliant} of ${latest.total} victims`,
    );
    return;
  }
  await checkFigure(card, line);
}

function instantQuery(line: QueryExample): string {
  const instant = instantOf(line.instant);
  if (instant.kind === 'month-ends') throw new Error('a list line needs one instant');
  return instant.query;
}

describe('queries-examples.tsv asked in Teams (issue 4)', () => {
  const lines = queryExamples();

  it('reads the spec', () => {
    expect(lines.length).toBeGreaterThanOrEqual(18);
  });

  it.each(lines)(
    '$persona: "$question" -> $unit',
    async (line) => {
      await checkLine(line);
    },
    30_000,
  );
});

describe('question buttons (askQuestion)', () => {
  it('drills down from a team figure to its officers and its items, checked against the API', async () => {
    const supervisor = await personaOf('supervisor of North Team 2');
    const team = unitNamed('North Team 2');
    const { chat, card } = await ask(supervisor, "my team's compliance this month");

    const byOfficer = await press(chat, button(card, 'By officer'));
    const breakdown = (await (await harness.api(`/v1/units/${team.id}/breakdown?at=${NOW}`)).json()) as {
      officers: ({ officer: { name: string } } & UnitFigures)[];
    };
    expect(breakdown.officers.length).toBeGreaterThan(0);
    const rows = rankingRows(byOfficer);
    expect(rows.map((row) => row.name).sort()).toEqual(breakdown.officers.map((o) => o.officer.name).sort());
    for (const officer of breakdown.officers) {
      expect(rows.find((row) => row.name === officer.officer.name)).toMatchObject({
        rate: rateText(officer.rate),
        counts: `${officer.compliant} of ${officer.total}`,
      });
    }

    // An officer row opens that officer's figure.
    const first = breakdown.officers.find((o) => o.officer.name === rows[0]!.name)!;
    const officerCard = await press(chat, button(byOfficer, first.officer.name));
    expect(headlineOf(officerCard)).toContain(
      `${first.officer.name}: ${rateText(first.rate)} fully compliant — ${first.compliant} of ${first.total} victims`,
    );

    const items = await press(chat, button(card, 'Show the items'));
    const apiDigest = (await (await harness.api(`/v1/units/${team.id}/digest`)).json()) as { items: DigestItem[] };
    expect(shownItemRefs(items)).toEqual(apiDigest.items.slice(0, 10).map(itemRef));
  });

  it('drills down from the force to its commands', async () => {
    const senior = await personaOf('senior lead');
    const { chat, card } = await ask(senior, 'force VCOP compliance');
    const byCommand = await press(chat, button(card, 'By command'));
    const commands = units.filter((u) => u.parentId === unitNamed('force').id);
    const rows = rankingRows(byCommand);
    expect(rows.map((row) => row.name).sort()).toEqual(commands.map((c) => c.name).sort());
    for (const command of commands)
      expect(rows.find((row) => row.name === command.name)?.rate).toBe(rateText((await figures(command.id, `?at=${NOW}`)).rate));
  });

  it('asks back with buttons when "team 2" is in several commands, and answers the one chosen', async () => {
    const senior = await personaOf('senior lead');
    const { chat, card } = await ask(senior, 'team 2');
    expect(textBlocks(card)).toContain('Did you mean…');
    expectNoFigures(card);
    const choices = executeActions(card, 'askQuestion').map((action) => action.title);
    const teamTwos = units.filter((u) => u.name.endsWith(' Team 2')).map((u) => u.name);
    expect([...choices].sort()).toEqual([...teamTwos].sort());

    const chosen = await press(chat, button(card, 'South Team 2'));
    const api = await figures(unitNamed('South Team 2').id, `?at=${NOW}`);
    expect(headlineOf(chosen)).toContain(
      `South Team 2: ${rateText(api.rate)} fully compliant — ${api.compliant} of ${api.total} victims — at 20 Nov 2026`,
    );
  });

  it('offers only the readings the asker may see, and refuses when there are none', async () => {
    const inspector = await personaOf('inspector of South LPA');
    const supervisor = await personaOf('supervisor of North Team 2');
    const { card: refused } = await ask(supervisor, 'south');
    expect(cardText(refused)).toContain("I can't show you that");
    expectNoFigures(refused);
    // From inside South LPA, "south" is the inspector's own LPA (issue 12), and the answer says how it was read.
    const { card: ownArea } = await ask(inspector, 'south');
    expect(headlineOf(ownArea)).toMatch(/^South LPA: \d+\.\d% fully compliant/);
    expect(textBlocks(ownArea)).toContain('Read as: South LPA · fully compliant · now (07:30 Fri 20 Nov 2026) (no period given, so: now)');
    // An inspector of another area sees none of South's units: refused, with the reason.
    const { card: otherArea } = await ask(await personaOf('inspector of North LPA'), 'south');
    expect(cardText(otherArea)).toContain("I can't show you that");
    expectNoFigures(otherArea);
  });

  it('answers an example question from the help card', async () => {
    const senior = await personaOf('senior lead');
    const { chat, card } = await ask(senior, 'help');
    const example = executeActions(card, 'askQuestion').find(
      (action) => (action.data as { question: unknown }).question === 'which teams are below target?',
    )!;
    const answer = await press(chat, example);
    expect(headlineOf(answer)).toMatch(
      /teams in Example Constabulary (?:is|are) below 90\.0% fully compliant|No team in Example Constabulary is below/,
    );
  });

  it('refuses a tampered button politely, re-checking scope on the server', async () => {
    const supervisor = await personaOf('supervisor of North Team 2');
    const officer = officerWithItems;
    const chat = new Conversation(harness.serviceUrl, teamsUserOf(supervisor));
    const valid = { intent: { kind: 'figure' }, metric: 'overall', scope: { kind: 'unit', unitId: 'N-T2' }, period: { kind: 'now' } };

    const tampered = [
      { question: { ...valid, intent: { kind: 'drop table units' } } },
      { question: { ...valid, sql: 'select * from victims' } },
      { question: { ...valid, scope: { kind: 'unit', unitId: "N-T2'; --" } } },
      { question: 42 },
      { question: 'x'.repeat(5000) },
      {},
    ];
    for (const data of tampered) {
      const card = invokeCard(await harness.post(chat.cardAction('askQuestion', data as Record<string, unknown>)));
      expectGoodCard(card);
      expect(cardText(card)).toContain("I couldn't read that button");
      expectNoFigures(card);
    }

    // A well-formed query for a unit outside the supervisor's team: refused on the server, no figures.
    for (const scope of [{ kind: 'unit', unitId: 'S-LPA' }, { kind: 'force' }, { kind: 'unit', unitId: 'NO-SUCH-UNIT' }]) {
      const card = invokeCard(await harness.post(chat.cardAction('askQuestion', { question: { ...valid, scope } })));
      expect(cardText(card)).toContain("I can't show you that");
      expectNoFigures(card);
    }

    // An officer pressing a button for another officer's figures or items.
    const officerChat = new Conversation(harness.serviceUrl, teamsUserOf(officer));
    const [colleague] = (await harness.app.services.people.listByUnit(officer.unitId)).filter(
      (p) => p.role === 'officer' && p.id !== officer.id,
    );
    for (const intent of [{ kind: 'figure' }, { kind: 'my_items' }]) {
      const card = invokeCard(
        await harness.post(
          officerChat.cardAction('askQuestion', { question: { ...valid, intent, scope: { kind: 'officer', personId: colleague!.id } } }),
        ),
      );
      expect(cardText(card)).toContain('As an officer you can see your own items and figures only');
      expectNoFigures(card);
    }
    // ...and the same query for themself is answered.
    const own = invokeCard(
      await harness.post(officerChat.cardAction('askQuestion', { question: { ...valid, scope: { kind: 'officer', personId: 'self' } } })),
    );
    const ownFigures = await harness.app.services.queries.officerFigures(officer.id, NOW_DATE);
    expect(headlineOf(own)).toContain(
      `${officer.name}: ${rateText(ownFigures.rate)} fully compliant — ${ownFigures.compliant} of ${ownFigures.total} victims`,
    );
  });

  it('does not show an officer a list of other officers', async () => {
    const { card } = await ask(officerWithItems, 'who has the most overdue updates?');
    expect(cardText(card)).toContain("I can't show you that");
    expectNoFigures(card);
  });
});

describe('logs of questions', () => {
  it('never carry the question text, the names in it, or any figure', async () => {
    const logLines: string[] = [];
    const connector = new FakeConnector();
    const serviceUrl = await connector.start();
    const env = { VCOP_DEMO: '1', VCOP_DEMO_VICTIMS: '300', VCOP_NOW: NOW, LOG_LEVEL: 'trace' };
    const test = await startTestApp({
      env,
      extensions: [createBotExtension(readConfig({ ...env, VCOP_DATA_DIR: 'memory://', VCOP_SCHEDULER: '0' }))],
      logLines,
    });
    try {
      const senior = (await test.app.services.people.listByUnit('FORCE')).find((p) => p.role === 'senior')!;
      const [named] = (await test.app.services.people.listByUnit('N-T2')).filter((p) => p.role === 'officer');
      const surname = named!.name.split(' ').at(-1)!;
      const chat = new Conversation(serviceUrl, teamsUserOf(senior));
      const post = (activity: object) =>
        fetch(`${test.baseUrl}/api/messages`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify(activity),
        });
      const questions = [`how is PC ${surname} doing on updates`, 'North Team 2 needs assessments last month', 'zqxwv plonk'];
      for (const question of questions) expect((await post(chat.message(question))).status).toBe(200);
      await post(
        chat.cardAction('askQuestion', {
          question: {
            intent: { kind: 'figure' },
            metric: 'overall',
            scope: { kind: 'unit', unitId: 'N-T2' },
            period: { kind: 'now' },
            note: 'tampered',
          },
        }),
      );
      await connector.waitFor(
        (calls) => calls.filter((c) => c.conversationId === chat.id && c.body.type === 'message').length >= questions.length,
      );

      const answers = logLines
        .map((line) => JSON.parse(line) as Record<string, unknown>)
        .filter((line) => line.msg === 'question answered');
      expect(answers.length).toBeGreaterThanOrEqual(questions.length);
      const all = logLines.join('\n');
      for (const question of questions) expect(all).not.toContain(question);
      expect(all).not.toContain(surname);
      expect(all).not.toContain('plonk');
      expect(all).not.toMatch(/\d+\.\d%/);
    } finally {
      await test.close();
      await connector.close();
    }
  }, 60_000);
});
