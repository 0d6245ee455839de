import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadPolicy } from '../../../src/config/load-policy.js';
import { fixedClock } from '../../../src/domain/clock.js';
import { monthEnds } from '../../../src/domain/periods.js';
import type { Person } from '../../../src/domain/types.js';
import { answerQuestion, type Answer, type AnswerDeps } from '../../../src/service/answer-question.js';
import { SqlComplianceQueries } from '../../../src/store/sql-compliance-queries.js';
import { SqlPeopleDirectory } from '../../../src/store/sql-people-directory.js';
import { rebuildWorkingCalendar } from '../../../src/store/working-calendar-store.js';
import { importText, openTestDb, SMALL_FORCE_NOW, smallForceNdjson, TIME_ZONE, type TestDb } from '../../support/test-db.js';

/**
 * Questions about the Code's later duties (issues 12 and 14) on the small force plus a few later records,
 * figures worked out by hand from compliance-rules.md 4-6. Now: Fri 20 Nov 2026 10:00 GMT.
 * North Team 1 holds V-1 (CR-1, recorded Mon 2 Nov), V-2 (enhanced) and V-3 (CR-2, recorded Thu 1 Oct):
 * - written acknowledgement (1 working day): V-1's on Tue 3 Nov is in time; V-2 and V-3 have none: 1 of 3;
 * - key decisions: DEC-1 (CR-1, Thu 5 Nov) told to V-1 on Fri 6 Nov, within 5 working days; DEC-2 (CR-2,
 *   Tue 10 Nov) told to V-2 on Wed 11 Nov, within the 1 working day an enhanced victim is owed; V-3 never
 *   told, due Tue 17 Nov: 2 of 3;
 * - referral: only V-2 asked for one, referred on 2 Oct, in time: 1 of 1.
 */

let store: TestDb;
let deps: AnswerDeps;
const people: Record<string, Person> = {};

const later = [
  {
    type: 'contact',
    id: 'WA-1',
    victimId: 'V-1',
    at: '2026-11-03T10:00:00Z',
    kind: 'written_acknowledgement',
    method: 'letter',
    byId: 'P2',
  },
  { type: 'decision', id: 'DEC-1', caseId: 'CR-1', at: '2026-11-05T16:00:00Z', kind: 'arrest' },
  {
    type: 'contact',
    id: 'DU-1',
    victimId: 'V-1',
    at: '2026-11-06T10:00:00Z',
    kind: 'decision_update',
    decisionId: 'DEC-1',
    method: 'phone',
    byId: 'P2',
  },
  { type: 'decision', id: 'DEC-2', caseId: 'CR-2', at: '2026-11-10T10:00:00Z', kind: 'charge' },
  {
    type: 'contact',
    id: 'DU-2',
    victimId: 'V-2',
    at: '2026-11-11T09:00:00Z',
    kind: 'decision_update',
    decisionId: 'DEC-2',
    method: 'phone',
    byId: 'P2',
  },
];

beforeAll(async () => {
  store = await openTestDb('pglite');
  const { policy, calendar } = await loadPolicy({});
  await rebuildWorkingCalendar(store.db, calendar, 2024, 2028);
  expect((await importText(store.db, await smallForceNdjson())).ok).toBe(true);
  expect((await importText(store.db, later.map((record) => JSON.stringify(record)).join('\n'))).ok).toBe(true);
  const directory = new SqlPeopleDirectory(store.db);
  deps = { queries: new SqlComplianceQueries(store.db, policy), people: directory, policy, clock: fixedClock(SMALL_FORCE_NOW) };
  for (const id of ['P1', 'P2', 'P7']) people[id] = (await directory.findById(id))!;
});
afterAll(() => store.dispose());

async function ask<K extends Answer['kind']>(asker: Person, text: string, kind: K): Promise<Extract<Answer, { kind: K }>> {
  const answer = await answerQuestion(deps, asker, text);
  expect(answer.kind, JSON.stringify(answer)).toBe(kind);
  return answer as Extract<Answer, { kind: K }>;
}

describe('questions about the later duties (issue 14)', () => {
  it('answers the written acknowledgement figure of the team, with the previous month beside it', async () => {
    const answer = await ask(people.P1!, 'written acknowledgements for my team', 'figure');
    expect(answer.metric).toBe('written_acknowledgement');
    expect(answer.headline).toBe('North Team 1: 33.3% acknowledged in writing on time — 1 of 3 victims, 2 overdue — at 20 Nov 2026');
    expect(answer.readAs).toContain('acknowledged in writing on time');
    const { obligations } = await deps.queries.figuresWithObligations('N-T1', new Date(answer.previous.at));
    expect(answer.previous).toMatchObject(obligations.writtenAcknowledgement);
  });

  it('leads a "how many" with the victims not told of a key decision', async () => {
    const answer = await ask(people.P1!, 'how many victims have not been told of key decisions in my team', 'figure');
    expect(answer.headline).toBe(
      'North Team 1: 1 victim not told of a key decision in time — 66.7% told of key decisions on time — 2 of 3 victims — at 20 Nov 2026',
    );
  });

  it('counts referrals only over the victims who asked for one', async () => {
    const answer = await ask(people.P1!, 'referral rate for my team', 'figure');
    expect(answer.current).toMatchObject({ compliant: 1, total: 1, rate: 100 });
  });

  it('ranks the teams on the duty asked about, each row from the same evaluation as the API', async () => {
    const answer = await ask(people.P7!, 'which team is worst for written acknowledgement', 'ranking');
    expect(answer.metric).toBe('written_acknowledgement');
    for (const row of answer.rows) {
      const { obligations } = await deps.queries.figuresWithObligations(row.unitId!, SMALL_FORCE_NOW);
      expect(row).toMatchObject(obligations.writtenAcknowledgement);
    }
    // South Team 1's one live victim (V-6) has had none; North Team 1 is next, 1 of 3.
    expect(answer.rows.slice(0, 2)).toMatchObject([
      { label: 'South Team 1', compliant: 0, total: 1 },
      { label: 'North Team 1', compliant: 1, total: 3 },
    ]);
  });

  it('takes a unit out of the duty figure, counts and all', async () => {
    const answer = await ask(people.P7!, 'key decision updates force wide excluding south lpa', 'figure');
    expect(answer.current).toMatchObject({ compliant: 2, total: 3, rate: 66.7 });
  });

  it('gives a trend of the duty at each month end', async () => {
    const answer = await ask(people.P7!, 'written acknowledgement trend over the last 3 months', 'trend');
    const ends = monthEnds(3, SMALL_FORCE_NOW, TIME_ZONE);
    expect(answer.rows).toHaveLength(3);
    for (const [index, end] of ends.entries()) {
      const { obligations } = await deps.queries.figuresWithObligations('FORCE', end.at);
      expect(answer.rows[index]).toMatchObject(obligations.writtenAcknowledgement);
    }
  });

  it("ranks a team's officers on a duty, from the breakdown's obligations", async () => {
    const answer = await ask(people.P1!, 'which of my officers is worst on written acknowledgements', 'ranking');
    expect(answer.rowNoun).toBe('officer');
    expect(answer.rows).toMatchObject([{ label: 'PC 2002 Patel', compliant: 1, total: 3, rate: 33.3 }]);
  });

  it("declines one officer's figure for a duty, with what can be asked, never another figure", async () => {
    const perOfficer = await ask(people.P1!, 'referrals for PC Patel', 'refusal');
    expect(perOfficer.reason).toBe('Referrals to support are counted per team and command, not per officer, yet.');
    expect(perOfficer.hint).toBe('Ask about a team or command, e.g. "referrals to support for my team".');
  });

  it("lists the team's items of the duty asked about, whatever the policy's digests list", async () => {
    const answer = await ask(people.P1!, 'list the overdue written acknowledgements', 'items');
    expect(answer.headline).toBe('North Team 1 items: 2 overdue, 0 due soon — at 20 Nov 2026');
    expect(answer.digest.items.map((item) => [item.kind, item.victimId])).toEqual([
      ['written_acknowledgement_overdue', 'V-2'],
      ['written_acknowledgement_overdue', 'V-3'],
    ]);
  });

  it("lists an officer's own items of a duty", async () => {
    const answer = await ask(people.P2!, 'my overdue key decision updates', 'items');
    expect(answer.digest.items.map((item) => [item.kind, item.victimId])).toEqual([['decision_update_overdue', 'V-3']]);
  });
});
