import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AppServices } from '../../../src/app.js';
import { buildDigestCard } from '../../../src/bot/digest-card-builder.js';
import type { Query } from '../../../src/domain/questions/index.js';
import type { Person } from '../../../src/domain/types.js';
import { answerQuery, type Answer } from '../../../src/service/answer-question.js';
import { importRecords, smallForceServices } from '../../support/small-force-services.js';

/**
 * tests/fixtures/small-force.ndjson, then: case CR-8 of North Team 2 is allocated to PC Patel (P2, North
 * Team 1), and PC Jones (P3) moves to North Team 1 keeping his North Team 2 cases CR-3 and CR-4. PS Smith
 * (P1) supervises North Team 1: he sees the two officers' North Team 1 cases only, and is told how many
 * were left out; never another team's crime references or figures.
 */
const NOW = new Date('2026-11-20T10:00:00Z');

let services: AppServices;
const people: Record<string, Person> = {};

beforeAll(async () => {
  services = await smallForceServices(NOW);
  expect(
    (
      await importRecords(
        services,
        {
          type: 'case',
          id: 'CR-8',
          recordedAt: '2026-10-01T09:00:00+01:00',
          offence: 'Theft',
          category: 'other',
          unitId: 'N-T2',
          oicId: 'P2',
          closedAt: null,
        },
        { type: 'victim', id: 'V-8', caseId: 'CR-8', enhanced: false },
        { type: 'person', id: 'P3', name: 'PC 2003 Jones', unitId: 'N-T1', role: 'officer', aadObjectId: 'aad-p3' },
      )
    ).ok,
  ).toBe(true);
  for (const id of ['P1', 'P2', 'P3', 'P5', 'P7']) people[id] = (await services.people.findById(id))!;
}, 60_000);

afterAll(async () => {
  await services?.db.close();
});

const ask = (asker: string, query: Query) => answerQuery(services, people[asker]!, query);
const officerFigure = (personId: string): Query => ({
  intent: { kind: 'figure' },
  metric: 'overall',
  scope: { kind: 'officer', personId },
  period: { kind: 'now' },
});
const officerItems = (personId: string): Query => ({
  intent: { kind: 'my_items' },
  metric: 'overall',
  scope: { kind: 'officer', personId },
  period: { kind: 'now' },
});
const caseIds = (answer: Answer) => (answer.kind === 'items' ? [...new Set(answer.digest.items.map((item) => item.caseId))].sort() : []);

describe("an officer's cases outside the viewer's scope", () => {
  it("gives the supervisor the officer's figures in his team only, the same as the team's By-officer row, saying what was left out", async () => {
    const answer = await ask('P1', officerFigure('P2'));
    const breakdown = await services.queries.breakdown('N-T1', NOW);
    const row = breakdown.officers.find((o) => o.officer.id === 'P2')!;
    expect(answer).toMatchObject({ kind: 'figure', current: { compliant: row.compliant, total: row.total } });
    expect(row.total).toBe(3);
    expect(answer.kind === 'figure' && answer.headline).toMatch(/ \(1 victim in another team is not counted\)$/);
  });

  it("shows the supervisor the officer's items in his team only, and how many others there are", async () => {
    const everything = await services.queries.digest('FORCE', NOW, { oicId: 'P2' });
    const elsewhere = everything.items.filter((item) => item.caseId === 'CR-8').length;
    expect(elsewhere).toBeGreaterThan(0);
    const answer = await ask('P1', officerItems('P2'));
    expect(caseIds(answer)).toEqual(['CR-2']);
    expect(answer.kind === 'items' && answer.headline).toContain(`(${elsewhere} items in other teams are not shown)`);
  });

  it('shows nothing of the cases an officer brought from his old team', async () => {
    const figure = await ask('P1', officerFigure('P3'));
    expect(figure).toMatchObject({ kind: 'figure', current: { total: 0, rate: null } });
    expect(figure.kind === 'figure' && figure.headline).toContain('(2 victims in other teams are not counted)');
    const items = await ask('P1', officerItems('P3'));
    expect(caseIds(items)).toEqual([]);
    const trend = await ask('P1', { ...officerFigure('P3'), intent: { kind: 'trend', months: 2 } });
    expect(trend.kind === 'trend' && trend.rows.every((row) => row.total === 0)).toBe(true);
  });

  it('leaves the officer all of their own cases, and an inspector those in the command', async () => {
    expect(caseIds(await ask('P2', officerItems('self')))).toEqual(['CR-2', 'CR-8']);
    const inspector = await ask('P5', officerItems('P2'));
    expect(caseIds(inspector)).toEqual(['CR-2', 'CR-8']);
    expect(inspector.kind === 'items' && inspector.headline).not.toContain('not shown');
    expect(await ask('P7', officerFigure('P2'))).toMatchObject({ current: { total: 4 } });
  });

  it("builds a refreshed officer card for the supervisor with the team's items only, saying how many are not shown", async () => {
    const { card } = await buildDigestCard(services, { officerId: 'P2', viewer: people.P1!, at: NOW });
    const text = JSON.stringify(card);
    expect(text).not.toContain('CR-8');
    expect(text).toContain('items in other teams are not shown');
    const own = JSON.stringify((await buildDigestCard(services, { officerId: 'P2', viewer: people.P2!, at: NOW })).card);
    expect(own).toContain('CR-8');
    expect(own).not.toContain('not shown');
  });
});
