import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadPolicy } from '../../../src/config/load-policy.js';
import { fixedClock } from '../../../src/domain/clock.js';
import { monthEnds } from '../../../src/domain/periods.js';
import type { Policy } from '../../../src/domain/policy.js';
import type { Query } from '../../../src/domain/questions/index.js';
import type { Person } from '../../../src/domain/types.js';
import { answerQuery, answerQuestion, type Answer, type AnswerDeps } from '../../../src/service/answer-question.js';
import type { PlanRequest, PlannedQuestion, QuestionPlanner } from '../../../src/service/question-planner.js';
import { SqlComplianceQueries } from '../../../src/store/sql-compliance-queries.js';
import { SqlPeopleDirectory } from '../../../src/store/sql-people-directory.js';
import { rebuildWorkingCalendar } from '../../../src/store/working-calendar-store.js';
import { importText, openTestDb, SMALL_FORCE_NOW, smallForceNdjson, TIME_ZONE, type TestDb } from '../../support/test-db.js';

/**
 * answerQuestion / answerQuery on tests/fixtures/small-force.ndjson, whose figures are computed by hand
 * in tests/integration/api/figures-api.test.ts. Now: Friday 20 Nov 2026 10:00 GMT.
 *   N-T1 (PS Smith P1; PC Patel P2): now 1 of 3 fully compliant (33.3%), NA 2 of 3, updates 1 of 3; end of Oct 1 of 2.
 *   N-T2 (PS Evans P4; PC Jones P3): now 2 of 2; end of Oct 1 of 2... (V-4 recorded 19 Nov) 1 of 1.
 *   S-T1 (PC Hughes P6): now 1 of 1; end of Oct 1 of 2; none live at the end of July.
 *   N-LPA (Insp Khan P5): now 3 of 5 (60.0%). Force (Supt Ward P7): now 4 of 6 (66.7%); Oct 3 of 5; Sept 0 of 2.
 */

let store: TestDb;
let deps: AnswerDeps;
let policy: Policy;
const people: Record<string, Person> = {};

beforeAll(async () => {
  store = await openTestDb('pglite');
  const loaded = await loadPolicy({});
  policy = loaded.policy;
  await rebuildWorkingCalendar(store.db, loaded.calendar, 2024, 2028);
  expect((await importText(store.db, await smallForceNdjson())).ok).toBe(true);
  const directory = new SqlPeopleDirectory(store.db);
  deps = { queries: new SqlComplianceQueries(store.db, policy), people: directory, policy, clock: fixedClock(SMALL_FORCE_NOW) };
  for (const id of ['P1', 'P2', 'P3', 'P4', 'P5', 'P6', 'P7']) people[id] = (await directory.findById(id))!;
});
afterAll(() => store.dispose());

const supervisorNT1 = () => people.P1!;
const officerPatel = () => people.P2!;
const officerJones = () => people.P3!;
const supervisorNT2 = () => people.P4!;
const inspectorNorth = () => people.P5!;
const officerHughes = () => people.P6!;
const senior = () => people.P7!;

async function ask<K extends Answer['kind']>(asker: Person, text: string, kind: K): Promise<Extract<Answer, { kind: K }>> {
  const answer = await answerQuestion(deps, asker, text);
  expect(answer.kind, JSON.stringify(answer)).toBe(kind);
  return answer as Extract<Answer, { kind: K }>;
}

/** A refusal carries a reason and never a figure. */
function expectRefusal(answer: Answer, reason: RegExp): void {
  expect(answer.kind).toBe('refusal');
  const refusal = answer as Extract<Answer, { kind: 'refusal' }>;
  expect(refusal.reason).toMatch(reason);
  expect(Object.keys(refusal).sort()).toEqual(['hint', 'kind', 'reason']);
  expect(JSON.stringify(refusal)).not.toMatch(/\d+(?:\.\d)?%|\d+ of \d+/);
}

describe('figures', () => {
  it("answers a supervisor's team this month at now, beside the end of last month, with the change", async () => {
    const answer = await ask(supervisorNT2(), "my team's compliance this month", 'figure');
    expect(answer.headline).toBe('North Team 2: 100.0% fully compliant — 2 of 2 victims — at 20 Nov 2026');
    expect(answer.current).toMatchObject({
      unitId: 'N-T2',
      rate: 100,
      compliant: 2,
      total: 2,
      rag: 'GREEN',
      at: SMALL_FORCE_NOW.toISOString(),
    });
    expect(answer.previous).toMatchObject({
      rate: 100,
      compliant: 1,
      total: 1,
      at: '2026-10-31T23:59:59.999Z',
      atLabel: '31 Oct 2026',
      change: 0,
    });
    expect(answer.drillDown.map((d) => d.label)).toEqual(['By officer', 'Show the items', 'Last 6 months']);
  });

  it('gives the change in points with one decimal, without floating-point noise', async () => {
    const answer = await ask(supervisorNT1(), "my team's compliance this month", 'figure');
    expect(answer.current).toMatchObject({ rate: 33.3, compliant: 1, total: 3, rag: 'RED' });
    expect(answer.previous).toMatchObject({ rate: 50, compliant: 1, total: 2, change: -16.7 });
  });

  it('answers a past month at its end, beside the month before', async () => {
    const answer = await ask(senior(), 'force compliance in October 2026', 'figure');
    expect(answer.headline).toBe('Example Constabulary: 60.0% fully compliant — 3 of 5 victims — at 31 Oct 2026');
    expect(answer.current.at).toBe('2026-10-31T23:59:59.999Z');
    expect(answer.previous).toMatchObject({
      rate: 0,
      compliant: 0,
      total: 2,
      atLabel: '30 Sep 2026',
      at: '2026-09-30T22:59:59.999Z',
      change: 60,
    });
    expect(answer.breakdown).toEqual({
      overall: { compliant: 3, total: 5, rate: 60 },
      needsAssessment: { compliant: 3, total: 5, rate: 60 },
      updates: { compliant: 3, total: 5, rate: 60 },
    });
  });

  it('answers the metric asked about, with its own counts and RAG', async () => {
    const na = await ask(senior(), 'force needs assessments in October 2026', 'figure');
    expect(na.headline).toBe('Example Constabulary: 60.0% needs assessments done — 3 of 5 victims, 2 missing — at 31 Oct 2026');
    expect(na.previous).toMatchObject({ rate: 50, compliant: 1, total: 2, change: 10 });
    const updates = await ask(inspectorNorth(), 'North LPA updates', 'figure');
    expect(updates.headline).toBe('North LPA: 60.0% updated on time — 3 of 5 victims, 2 overdue an update — at 20 Nov 2026');
    expect(updates.current.rag).toBe('RED');
  });

  it('gives no rate, never 0% or 100%, when the unit had no live victims', async () => {
    const answer = await ask(senior(), 'South Team 1 compliance in July 2026', 'figure');
    expect(answer.headline).toBe('South Team 1: no live cases — at 31 Jul 2026');
    expect(answer.current).toMatchObject({ rate: null, total: 0, rag: null });
    expect(answer.previous).toMatchObject({ rate: null, change: null });
  });

  it('gives an officer their own figures', async () => {
    const answer = await ask(officerPatel(), 'my compliance this month', 'figure');
    expect(answer.headline).toBe('PC 2002 Patel: 33.3% fully compliant — 1 of 3 victims — at 20 Nov 2026');
    expect(answer.current.officerId).toBe('P2');
    expect(answer.drillDown.map((d) => d.label)).toEqual(['Show the items', 'Last 6 months']);
  });

  it('reads officers named anywhere in the force, and answers those in scope', async () => {
    const jones = await ask(supervisorNT2(), 'how is PC Jones doing?', 'figure');
    expect(jones.headline).toBe('PC 2003 Jones: 100.0% fully compliant — 2 of 2 victims — at 20 Nov 2026');
    const hughes = await ask(senior(), 'how is Hughes doing on updates', 'figure');
    expect(hughes.current).toMatchObject({ officerId: 'P6', rate: 100, compliant: 1, total: 1 });
  });
});

describe('scope', () => {
  it("refuses a unit outside the asker's scope with the reason and no figures", async () => {
    expectRefusal(
      await answerQuestion(deps, officerPatel(), 'North LPA compliance'),
      /As an officer you can see your own items and figures only/,
    );
    expectRefusal(await answerQuestion(deps, officerPatel(), "my team's compliance"), /officer/);
    expectRefusal(await answerQuestion(deps, supervisorNT2(), 'North Team 1 compliance'), /supervisor you can see your own team/);
    expectRefusal(await answerQuestion(deps, supervisorNT2(), 'force compliance'), /supervisor/);
    expectRefusal(
      await answerQuestion(deps, inspectorNorth(), 'South LPA compliance'),
      /inspector you can see the figures of your own command/,
    );
    expectRefusal(await answerQuestion(deps, inspectorNorth(), 'trend for South Team 1 over the last 6 months'), /inspector/);
  });

  it('refuses an officer outside the scope, named by a name read from the whole force', async () => {
    expectRefusal(await answerQuestion(deps, supervisorNT1(), 'how is PC Jones doing?'), /supervisor/);
    expectRefusal(await answerQuestion(deps, inspectorNorth(), 'how is Hughes doing?'), /inspector/);
    expectRefusal(await answerQuestion(deps, officerPatel(), 'how is PC Jones doing?'), /officer/);
  });

  it('never shows an officer a list of other officers or teams', async () => {
    expectRefusal(await answerQuestion(deps, officerPatel(), 'who has the most overdue updates?'), /officer/);
    expectRefusal(await answerQuestion(deps, officerJones(), 'which team is worst?'), /officer/);
  });

  it('lets a supervisor see their team by officer, an inspector their subtree, a senior lead the force', async () => {
    const officers = await ask(supervisorNT1(), 'compare my officers', 'ranking');
    expect(officers.rowNoun).toBe('officer');
    expect(officers.rows.map((r) => [r.label, r.rate])).toEqual([['PC 2002 Patel', 33.3]]);
    const teams = await ask(inspectorNorth(), 'compare my teams', 'ranking');
    expect(teams.rows.map((r) => [r.label, r.rate, r.compliant, r.total])).toEqual([
      ['North Team 1', 33.3, 1, 3],
      ['North Team 2', 100, 2, 2],
    ]);
    const commands = await ask(senior(), 'compare the LPAs', 'ranking');
    expect(commands.rows.map((r) => [r.label, r.rate])).toEqual([
      ['North LPA', 60],
      ['South LPA', 100],
    ]);
  });

  it('re-checks the scope of a query sent back by a button, and refuses unknown units and people', async () => {
    const query = (scope: Query['scope']): Query => ({ intent: { kind: 'figure' }, metric: 'overall', scope, period: { kind: 'now' } });
    expectRefusal(await answerQuery(deps, supervisorNT2(), query({ kind: 'force' })), /supervisor/);
    expectRefusal(await answerQuery(deps, supervisorNT2(), query({ kind: 'unit', unitId: 'S-T1' })), /supervisor/);
    expectRefusal(await answerQuery(deps, senior(), query({ kind: 'unit', unitId: 'NOPE' })), /not one I know/);
    expectRefusal(await answerQuery(deps, senior(), query({ kind: 'officer', personId: 'P-NOBODY' })), /could not find that officer/);
    expectRefusal(await answerQuery(deps, officerPatel(), query({ kind: 'officer', personId: 'P3' })), /officer/);
    expectRefusal(
      await answerQuery(deps, officerPatel(), { ...query({ kind: 'officer', personId: 'P3' }), intent: { kind: 'my_items' } }),
      /officer/,
    );
    const own = await answerQuery(deps, officerPatel(), query({ kind: 'officer', personId: 'self' }));
    expect(own).toMatchObject({ kind: 'figure', current: { officerId: 'P2', rate: 33.3 } });
  });
});

describe('lists', () => {
  it('lists every team below N% with its rate', async () => {
    const answer = await ask(senior(), 'teams below 85%', 'ranking');
    expect(answer.headline).toBe('1 of 3 teams in Example Constabulary is below 85.0% fully compliant — at 20 Nov 2026');
    expect(answer.rows.map((r) => [r.label, r.rate])).toEqual([['North Team 1', 33.3]]);
    const none = await ask(senior(), 'teams below 20%', 'ranking');
    expect(none.rows).toEqual([]);
    expect(none.headline).toBe('No team in Example Constabulary is below 20.0% fully compliant — 3 teams checked — at 20 Nov 2026');
    const target = await ask(senior(), 'which teams are below target?', 'ranking');
    expect(target.headline).toContain(`below ${policy.targetRate.toFixed(1)}%`);
  });

  it('ranks naming every unit with its rate, ties named together', async () => {
    const worst = await ask(senior(), 'which team is worst?', 'ranking');
    expect(worst.headline).toBe('Lowest in Example Constabulary: North Team 1 at 33.3% fully compliant — 1 of 3 victims — at 20 Nov 2026');
    expect(worst.rows.map((r) => [r.label, r.rate])).toEqual([
      ['North Team 1', 33.3],
      ['North Team 2', 100],
      ['South Team 1', 100],
    ]);
    const best = await ask(senior(), 'best team', 'ranking');
    expect(best.headline).toBe(
      'Best in Example Constabulary: 2 teams at 100.0% fully compliant — North Team 2 (2 of 2 victims); South Team 1 (1 of 1 victims) — at 20 Nov 2026',
    );
    expect(best.rows).toHaveLength(3);
    const commands = await ask(senior(), 'which command is best on VCOP', 'ranking');
    expect(commands.rows.map((r) => r.label)).toEqual(['South LPA', 'North LPA']);
  });

  it('names who has the most in breach of the metric', async () => {
    const answer = await ask(inspectorNorth(), 'which team has the most overdue updates?', 'ranking');
    expect(answer.metric).toBe('updates');
    expect(answer.headline).toBe(
      'Most overdue updates in North LPA: North Team 1 with 2 — 33.3% updated on time, 1 of 3 victims — at 20 Nov 2026',
    );
    expect(answer.rows.map((r) => [r.label, r.inBreach])).toEqual([
      ['North Team 1', 2],
      ['North Team 2', 0],
    ]);
  });

  it('offers each listed unit as a drill-down to its own figure', async () => {
    const answer = await ask(inspectorNorth(), 'compare my teams', 'ranking');
    expect(answer.drillDown).toEqual([
      {
        label: 'North Team 1',
        query: { intent: { kind: 'figure' }, metric: 'overall', scope: { kind: 'unit', unitId: 'N-T1' }, period: { kind: 'now' } },
      },
      {
        label: 'North Team 2',
        query: { intent: { kind: 'figure' }, metric: 'overall', scope: { kind: 'unit', unitId: 'N-T2' }, period: { kind: 'now' } },
      },
    ]);
  });
});

describe('trends', () => {
  it('gives six month-ends, oldest first, the current month at now, each as the figures say', async () => {
    const answer = await ask(senior(), 'force trend over the last 6 months', 'trend');
    const ends = monthEnds(6, SMALL_FORCE_NOW, TIME_ZONE);
    expect(answer.rows.map((r) => r.periodLabel)).toEqual([
      'June 2026',
      'July 2026',
      'August 2026',
      'September 2026',
      'October 2026',
      'November 2026 so far',
    ]);
    for (const [index, end] of ends.entries()) {
      const figures = await deps.queries.figures('FORCE', end.at);
      expect(answer.rows[index]).toMatchObject({
        at: end.at.toISOString(),
        rate: figures.rate,
        compliant: figures.compliant,
        total: figures.total,
      });
    }
    expect(answer.rows.slice(3).map((r) => [r.rate, r.compliant, r.total])).toEqual([
      [0, 0, 2],
      [60, 3, 5],
      [66.7, 4, 6],
    ]);
    expect(answer.headline).toContain('Example Constabulary: 66.7% fully compliant — 4 of 6 victims — at 20 Nov 2026');
  });
});

describe('items', () => {
  it('gives an officer their own items, now', async () => {
    const answer = await ask(officerPatel(), 'my overdue updates', 'items');
    expect(answer.view).toEqual({ kind: 'officer', officerId: 'P2' });
    expect(answer.headline).toBe('Your items: 3 overdue, 0 due soon — at 20 Nov 2026');
    expect(answer.digest.items.map((i) => [i.kind, i.caseId])).toEqual([
      ['needs_assessment_missing', 'CR-2'],
      ['update_overdue', 'CR-2'],
      ['update_overdue', 'CR-2'],
    ]);
    const jones = await ask(officerJones(), 'what do I need to do', 'items');
    expect(jones.headline).toBe('Your items: 0 overdue, 1 due soon — at 20 Nov 2026');
  });

  it("gives a supervisor their team's items from the drill-down", async () => {
    const figure = await ask(supervisorNT1(), "my team's compliance", 'figure');
    const items = await answerQuery(deps, supervisorNT1(), figure.drillDown.find((d) => d.label === 'Show the items')!.query);
    expect(items).toMatchObject({
      kind: 'items',
      view: { kind: 'team', unitId: 'N-T1' },
      headline: 'North Team 1 items: 3 overdue, 0 due soon — at 20 Nov 2026',
    });
  });
});

describe('help, not understood, ambiguous', () => {
  it('answers help and not-understood with examples', async () => {
    expect(await answerQuestion(deps, officerHughes(), 'help')).toEqual({ kind: 'help' });
    const unknown = await ask(officerHughes(), 'asdfgh', 'not_understood');
    expect(unknown.suggestions.length).toBeGreaterThanOrEqual(3);
  });

  it('suggests only questions the asker gets an answer to, not a refusal', async () => {
    for (const asker of [officerHughes(), supervisorNT1(), inspectorNorth(), senior()]) {
      const { suggestions } = await ask(asker, 'asdfgh', 'not_understood');
      for (const suggestion of suggestions) {
        const answer = await answerQuestion(deps, asker, suggestion);
        expect([asker.id, suggestion, answer.kind]).not.toEqual([asker.id, suggestion, 'refusal']);
        expect(answer.kind).not.toBe('not_understood');
      }
    }
  });

  it('asks back when a name fits several units, offering only those the asker may see', async () => {
    // A senior lead's "north" is North LPA (issue 12); "team 1" is in two commands, so it is asked back.
    const all = await ask(senior(), 'team 1', 'ambiguous');
    expect(all.options.map((o) => o.label)).toEqual(['North Team 1', 'South Team 1']);
    const own = await ask(supervisorNT2(), 'north', 'ambiguous');
    expect(own.options.map((o) => o.label)).toEqual(['North Team 2']);
    expectRefusal(await answerQuestion(deps, officerHughes(), 'north'), /officer/);
  });
});

describe('with the optional AI planner', () => {
  const figureOf = (scope: Query['scope']): Query => ({ intent: { kind: 'figure' }, metric: 'overall', scope, period: { kind: 'now' } });
  const withPlanner = (plan: QuestionPlanner['plan'], extra: Partial<AnswerDeps> = {}): AnswerDeps => ({
    ...deps,
    planner: { plan },
    ...extra,
  });

  it("answers the planner's query, with the same figures as the parser's", async () => {
    const requests: PlanRequest[] = [];
    const planned = await answerQuestion(
      withPlanner(async (request) => {
        requests.push(request);
        return { kind: 'query', query: figureOf({ kind: 'unit', unitId: 'N-T2' }) };
      }),
      supervisorNT2(),
      'how r we lookin innit',
    );
    expect(planned).toMatchObject({ kind: 'figure', headline: 'North Team 2: 100.0% fully compliant — 2 of 2 victims — at 20 Nov 2026' });
    // The planner's reading is said as the parser's is (issue 12): the asker can check it.
    expect(planned).toMatchObject({ readAs: expect.stringMatching(/^Read as: North Team 2 · fully compliant · now \(/) });
    expect(requests).toHaveLength(1);
    expect(requests[0]).toMatchObject({
      text: 'how r we lookin innit',
      asker: { role: 'supervisor', unitId: 'N-T2' },
      today: '2026-11-20',
    });
    expect(JSON.stringify(requests[0])).not.toContain('Jones');
  });

  it("re-checks the planner's scope like any other query", async () => {
    expectRefusal(
      await answerQuestion(
        withPlanner(async () => ({ kind: 'query', query: figureOf({ kind: 'force' }) })),
        supervisorNT2(),
        'force',
      ),
      /supervisor/,
    );
  });

  it('falls back to the local parser when the planner fails, says unknown, or is too slow', async () => {
    const expected = await answerQuestion(deps, supervisorNT2(), "my team's compliance this month");
    for (const plan of [
      async (): Promise<PlannedQuestion> => {
        throw new Error('503');
      },
      async (): Promise<PlannedQuestion> => ({ kind: 'unknown' }),
      () => new Promise<PlannedQuestion>(() => undefined),
    ]) {
      expect(
        await answerQuestion(withPlanner(plan, { plannerDeadlineMs: 50 }), supervisorNT2(), "my team's compliance this month"),
      ).toEqual(expected);
    }
  });
});
