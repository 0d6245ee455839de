import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { digestInputIds } from '../../src/bot/cards/index.js';
import { itemRef } from '../../src/domain/digest.js';
import type { Person } from '../../src/domain/types.js';
import {
  Conversation,
  cardText,
  cardsOf,
  invokeCard,
  shownItemRefs,
  startBotHarness,
  teamsUserOf,
  type BotHarness,
} from '../support/bot-harness.js';

/**
 * Issue 17, "Acknowledge with a date, and keep track of what was promised". North Team 3, Friday 20 Nov
 * 2026, 07:30 GMT. PC Okafor's victims on CR-KEPT, CR-MISSED and CR-CLOSED were due an update on Tue 17,
 * Thu 19 and Wed 18 Nov; PC Patel's on CR-OTHER on Sat 7 Nov. PS Smith acknowledges PC Okafor's three with
 * "update planned by Tue 24 Nov". Over the weekend CR-CLOSED closes; on Monday the records show an update
 * on CR-KEPT; nothing comes for CR-MISSED. The clock moves as the days do.
 */

const FRIDAY = '2026-11-20T07:30:00Z';
const MONDAY = '2026-11-23T12:00:00Z';
const WEDNESDAY = '2026-11-25T07:00:00Z';

const case_ = (id: string, oicId: string) => ({
  type: 'case',
  id,
  recordedAt: '2026-09-01T09:00:00Z',
  offence: 'Assault occasioning ABH',
  category: 'violence',
  unitId: 'N-T3',
  oicId,
  closedAt: null,
});
const victimOf = (caseId: string, lastUpdate: string) => [
  { type: 'victim', id: `V-${caseId}`, caseId, enhanced: false },
  { type: 'needsAssessment', victimId: `V-${caseId}`, completedAt: '2026-09-02T10:00:00Z' },
  { type: 'contact', id: `OEL-${caseId}`, victimId: `V-${caseId}`, at: lastUpdate, kind: 'update', method: 'phone', byId: 'P2345' },
];

const FORCE = [
  { type: 'unit', id: 'FORCE', name: 'Example Constabulary', kind: 'force', parentId: null },
  { type: 'unit', id: 'N-LPA', name: 'North LPA', kind: 'command', parentId: 'FORCE' },
  { type: 'unit', id: 'N-T3', name: 'North Team 3', kind: 'team', parentId: 'N-LPA' },
  {
    type: 'person',
    id: 'P1234',
    name: 'PS 1234 Smith',
    unitId: 'N-T3',
    role: 'supervisor',
    aadObjectId: 'aad0-0000-4000-8000-000000001234',
  },
  { type: 'person', id: 'P2345', name: 'PC 2345 Okafor', unitId: 'N-T3', role: 'officer', aadObjectId: 'aad0-0000-4000-8000-000000002345' },
  { type: 'person', id: 'P3456', name: 'PC 3456 Patel', unitId: 'N-T3', role: 'officer', aadObjectId: 'aad0-0000-4000-8000-000000003456' },
  case_('CR-KEPT', 'P2345'),
  ...victimOf('CR-KEPT', '2026-10-20T10:00:00Z'),
  case_('CR-MISSED', 'P2345'),
  ...victimOf('CR-MISSED', '2026-10-22T10:00:00Z'),
  case_('CR-CLOSED', 'P2345'),
  ...victimOf('CR-CLOSED', '2026-10-21T10:00:00Z'),
  case_('CR-OTHER', 'P3456'),
  ...victimOf('CR-OTHER', '2026-10-10T10:00:00Z'),
];

let now = new Date(FRIDAY);
let harness: BotHarness;
let sergeant: Person;
let okafor: Person;
let patel: Person;
/** The sergeant's personal chat, where the morning digest goes (installing the app subscribes him at 07:00). */
let sergeantChat: Conversation;

async function postRecords(records: object[]): Promise<void> {
  const body = records.map((record) => JSON.stringify(record)).join('\n');
  const response = await harness.api('/v1/records', { method: 'POST', headers: { 'content-type': 'application/x-ndjson' }, body });
  expect(response.status, await response.clone().text()).toBe(200);
}

/** The card the bot sends in answer to `text` in the person's chat. */
async function cardInAnswerTo(chat: Conversation, text: string): Promise<Record<string, unknown>> {
  const seen = harness.connector.mark();
  await harness.post(chat.message(text));
  const sent = seen().filter((call) => call.method === 'POST' && call.body.type === 'message');
  return cardsOf(sent[0]!.body)[0]!;
}

/** The item ref of the case's update item in the team's digest now. */
async function refOf(caseId: string): Promise<string> {
  const item = (await harness.app.services.queries.digest('N-T3', now)).items.find((i) => i.caseId === caseId)!;
  return itemRef(item);
}

async function promisesAt(query = ''): Promise<Record<string, unknown>> {
  const response = await harness.api(`/v1/units/N-T3/compliance${query}`);
  expect(response.status).toBe(200);
  return (await response.json()) as Record<string, unknown>;
}

function acknowledge(chat: Conversation, ref: string, plannedOn: string): object {
  return chat.cardAction('acknowledgeItem', { itemRef: ref, digestId: 'team:N-T3', [digestInputIds(ref).plannedOn]: plannedOn });
}

/** The text of one item on a card, from its crime reference up to the next item's. */
function itemText(card: unknown, caseId: string): string {
  const text = cardText(card);
  const start = text.indexOf(`${caseId} · `);
  expect(start, `${caseId} is not on the card`).toBeGreaterThanOrEqual(0);
  const next = text.slice(start + 1).search(/CR-[A-Z]+ · /);
  return next < 0 ? text.slice(start) : text.slice(start, start + 1 + next);
}

beforeAll(async () => {
  harness = await startBotHarness({ VCOP_DEMO: '0' }, { clock: { now: () => new Date(now.getTime()) } });
  await postRecords(FORCE);
  const person = async (id: string) => (await harness.app.services.people.findById(id)) as Person;
  [sergeant, okafor, patel] = [await person('P1234'), await person('P2345'), await person('P3456')];
  sergeantChat = new Conversation(harness.serviceUrl, teamsUserOf(sergeant));
  await harness.post(sergeantChat.installationUpdate('add'));
}, 60_000);

afterAll(async () => {
  await harness?.close();
});

describe('a planned date on Acknowledge', () => {
  it('refuses a date in the past or beyond the policy maximum with the reason, and records nothing but the refusal', async () => {
    await cardInAnswerTo(sergeantChat, 'digest');
    const ref = await refOf('CR-KEPT');
    const past = cardText(invokeCard(await harness.post(acknowledge(sergeantChat, ref, '2026-11-19'))));
    expect(past).toContain("I can't take that planned date");
    expect(past).toContain('The planned date Thu 19 Nov is in the past. Pick a date from today (Fri 20 Nov) to Fri 18 Dec');
    const far = cardText(invokeCard(await harness.post(acknowledge(sergeantChat, ref, '2026-12-19'))));
    expect(far).toContain("The planned date Sat 19 Dec is more than 28 days ahead, the most the force's policy allows");

    const db = harness.app.services.db;
    expect(await db.query(`select 1 from acknowledgements where item_ref = $1`, [ref])).toEqual([]);
    const refusals = await db.query<{ problem: string; planned_on: string }>(
      `select details->>'problem' as problem, details->>'plannedOn' as planned_on from audit_log
       where action = 'item.acknowledge_refused' and details->>'itemRef' = $1 and details->>'reason' = 'bad_planned_date' order by id`,
      [ref],
    );
    expect(refusals).toEqual([
      { problem: 'in_the_past', planned_on: '2026-11-19' },
      { problem: 'too_far_ahead', planned_on: '2026-12-19' },
    ]);
  });

  it('is kept with the acknowledgement, audited, and shown for everyone with the promise open (AMBER)', async () => {
    let answered: Record<string, unknown> = {};
    for (const caseId of ['CR-KEPT', 'CR-MISSED', 'CR-CLOSED']) {
      answered = invokeCard(await harness.post(acknowledge(sergeantChat, await refOf(caseId), '2026-11-24')));
    }
    for (const caseId of ['CR-KEPT', 'CR-MISSED', 'CR-CLOSED']) {
      expect(itemText(answered, caseId)).toContain('Acknowledged by PS 1234 Smith 07:30 · update planned by Tue 24 Nov');
      expect(itemText(answered, caseId)).toContain('AMBER · Promise open');
    }
    expect(itemText(answered, 'CR-OTHER')).not.toContain('Promise');
    expect(cardText(answered)).toContain('Promises with a planned date: 0 missed · 3 open · 0 kept');

    // The OIC sees the same on their own reminder.
    const reminder = await cardInAnswerTo(new Conversation(harness.serviceUrl, teamsUserOf(okafor)), 'my items');
    expect(itemText(reminder, 'CR-MISSED')).toContain('update planned by Tue 24 Nov');
    expect(itemText(reminder, 'CR-MISSED')).toContain('AMBER · Promise open');

    const audited = await harness.app.services.db.query<{ planned_on: string }>(
      `select details->>'plannedOn' as planned_on from audit_log where action = 'item.acknowledged' and details->>'itemRef' = $1`,
      [await refOf('CR-MISSED')],
    );
    expect(audited).toEqual([{ planned_on: '2026-11-24' }]);
    expect((await promisesAt()).promises).toEqual({ kept: 0, missed: 0, open: 3 });
  });

  it('turns GREEN with the contact in the next import, and GREY (counted nowhere) when the case closes', async () => {
    await postRecords([
      {
        type: 'contact',
        id: 'OEL-KEPT-2',
        victimId: 'V-CR-KEPT',
        at: '2026-11-23T09:00:00Z',
        kind: 'update',
        method: 'visit',
        byId: 'P2345',
      },
      { ...case_('CR-CLOSED', 'P2345'), closedAt: '2026-11-22T16:00:00Z' },
    ]);
    now = new Date(MONDAY);
    const card = await cardInAnswerTo(sergeantChat, 'digest');
    expect(cardText(card)).not.toContain('CR-KEPT');
    expect(cardText(card)).not.toContain('CR-CLOSED');
    expect(itemText(card, 'CR-MISSED')).toContain('AMBER · Promise open');
    expect(cardText(card)).toContain('Promises with a planned date: 0 missed · 1 open · 1 kept');
    expect((await promisesAt()).promises).toEqual({ kept: 1, missed: 0, open: 1 });
  });

  it('with no contact by the end of the planned day, is RED on the next morning digest, first among the breaches, and in the figures', async () => {
    expect((await promisesAt('?at=2026-11-24T23:59:59Z')).promises).toEqual({ kept: 1, missed: 0, open: 1 });
    expect((await promisesAt('?at=2026-11-25T00:00:00Z')).promises).toEqual({ kept: 1, missed: 1, open: 0 });

    now = new Date(WEDNESDAY);
    const seen = harness.connector.mark();
    expect(await (await harness.api('/v1/digests/run', { method: 'POST' })).json()).toMatchObject({ sent: 1 });
    const morning = cardsOf(seen().find((call) => call.method === 'POST' && call.body.type === 'message')!.body)[0]!;
    expect(itemText(morning, 'CR-MISSED')).toContain('Acknowledged by PS 1234 Smith 07:30 Fri 20 Nov · update planned by Tue 24 Nov');
    expect(itemText(morning, 'CR-MISSED')).toContain('RED · Promise missed');
    // Six days overdue, yet ahead of CR-OTHER's eighteen: a missed promise comes first.
    expect(cardText(morning).indexOf('CR-MISSED')).toBeLessThan(cardText(morning).indexOf('CR-OTHER'));
    expect(cardText(morning)).toContain('Promises with a planned date: 1 missed · 0 open · 1 kept');

    const figures = await promisesAt();
    expect(figures.promises).toEqual({ kept: 1, missed: 1, open: 0 });
    const month = await promisesAt('?period=2026-11');
    expect(month.promises).toEqual({ kept: 1, missed: 1, open: 0 });
    expect((month.previous as { promises: unknown }).promises).toEqual({ kept: 0, missed: 0, open: 0 });

    // Asked in plain English (issues 12 and 17), the same counts, said how they were read.
    const answer = await cardInAnswerTo(sergeantChat, 'how many promises did my team miss this month?');
    expect(cardText(answer)).toContain(': 1 promise missed · 0 open · 1 kept — at 25 Nov 2026');
    expect(cardText(answer)).toContain('Previously, at 31 Oct 2026: 0 missed · 0 open · 0 kept');
    expect(cardText(answer)).toContain('· promises with a planned date (kept, missed, open) · November 2026 so far');
  });

  it("shows an officer their own promises only, and answers a stale card's press with the current state", async () => {
    const okaforItems = await cardInAnswerTo(new Conversation(harness.serviceUrl, teamsUserOf(okafor)), 'my items');
    expect(itemText(okaforItems, 'CR-MISSED')).toContain('RED · Promise missed');
    expect(cardText(okaforItems)).toContain('Promises with a planned date: 1 missed · 0 open · 1 kept');
    const patelItems = await cardInAnswerTo(new Conversation(harness.serviceUrl, teamsUserOf(patel)), 'my items');
    expect(cardText(patelItems)).toContain('CR-OTHER');
    expect(cardText(patelItems)).not.toContain('Promise');

    // Friday's card still has CR-KEPT's button (its acknowledgement with the date is there): the answer is the digest now.
    const keptRef = itemRef({ kind: 'update_overdue', victimId: 'V-CR-KEPT', dueDate: '2026-11-17' });
    const stale = invokeCard(await harness.post(acknowledge(sergeantChat, keptRef, '2026-11-26')));
    expect(cardText(stale)).not.toContain('CR-KEPT');
    expect(shownItemRefs(stale)).not.toContain(keptRef);
    expect(cardText(stale)).toContain('Promises with a planned date: 1 missed · 0 open · 1 kept');
    const [row] = await harness.app.services.db.query<{ planned_on: string }>(
      `select planned_on::text from acknowledgements where item_ref = $1`,
      [keptRef],
    );
    expect(row?.planned_on).toBe('2026-11-24');
  });
});
