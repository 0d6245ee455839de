import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { NORTH_TEAM_1_ITEMS, NORTH_TEAM_2_ITEMS, SOUTH_TEAM_1_ITEMS } from '../../fixtures/small-force-items.js';
import { fixture, postRecords, startTestApp, type TestApp } from '../../support/test-app.js';

/**
 * Figures of tests/fixtures/small-force.ndjson, computed by hand from compliance-rules.md.
 * Now is Friday 20 Nov 2026 10:00 GMT. See the comments for why each victim is or is not compliant.
 *
 * At now:  V-1 compliant; V-2 update overdue (agreed 14 days from 20 Oct -> due 3 Nov, 17 days);
 *          V-3 NA missing (due Mon 5 Oct) and no update since recording (due 29 Oct, 22 days);
 *          V-4 NA pending (recorded Thu 19 Nov, due Mon 23 Nov): compliant, due soon;
 *          V-5 update suspended by an agreement; V-6 update due 23 Nov (due soon); V-7's case is closed.
 * At the end of October (31 Oct 23:59:59.999 GMT): V-2 compliant (due 3 Nov); V-3 in breach;
 *          V-5 suspended; V-6 compliant; V-7 live and in breach of both. CR-1 and CR-3 not yet recorded.
 * At the end of September (30 Sep 23:59:59.999 BST): V-5 (no update since 1 Sep -> due 29 Sep, NA done)
 *          and V-7 (both in breach).
 */
describe('figures API against hand-computed fixtures', () => {
  let test: TestApp;

  beforeAll(async () => {
    test = await startTestApp();
    const response = await postRecords(test, await fixture('small-force.ndjson'));
    expect(response.status).toBe(200);
  });
  afterAll(() => test.close());

  async function figures(unitId: string, query = ''): Promise<Record<string, unknown>> {
    const response = await test.api(`/v1/units/${unitId}/compliance${query}`);
    expect(response.status).toBe(200);
    return (await response.json()) as Record<string, unknown>;
  }

  it('answers a team at now', async () => {
    expect(await figures('N-T1')).toEqual({
      unit: { id: 'N-T1', name: 'North Team 1', kind: 'team' },
      asOf: '2026-11-20T10:00:00.000Z',
      total: 3,
      compliant: 1,
      rate: 33.3,
      needsAssessment: { compliant: 2, total: 3, rate: 66.7 },
      updates: { compliant: 1, total: 3, rate: 33.3 },
      rag: 'RED',
      // Per duty (product.md): only V-2 asked for a referral (made 2 Oct, due 5 Oct); no written acknowledgement
      // is on record (CR-1's was due 3 Nov, CR-2's 2 Oct); no key decisions, so that duty applies to nobody.
      obligations: {
        needsAssessment: { compliant: 2, total: 3, rate: 66.7 },
        updates: { compliant: 1, total: 3, rate: 33.3 },
        referral: { compliant: 1, total: 1, rate: 100 },
        writtenAcknowledgement: { compliant: 0, total: 3, rate: 0 },
        decisionUpdates: { compliant: 0, total: 0, rate: null },
      },
      promises: { kept: 0, missed: 0, open: 0 },
    });
    expect(await figures('N-T2')).toMatchObject({ total: 2, compliant: 2, rate: 100, rag: 'GREEN' });
  });

  it('answers a command and the force over their subtrees', async () => {
    expect(await figures('N-LPA')).toMatchObject({
      unit: { id: 'N-LPA', name: 'North LPA', kind: 'command' },
      total: 5,
      compliant: 3,
      rate: 60,
      needsAssessment: { compliant: 4, total: 5, rate: 80 },
      updates: { compliant: 3, total: 5, rate: 60 },
      rag: 'RED',
    });
    expect(await figures('FORCE')).toMatchObject({
      total: 6,
      compliant: 4,
      rate: 66.7,
      needsAssessment: { compliant: 5, total: 6, rate: 83.3 },
      updates: { compliant: 4, total: 6, rate: 66.7 },
    });
  });

  it('answers a past month end with ?period=, and the previous month beside it', async () => {
    const october = await figures('FORCE', '?period=2026-10');
    expect(october).toMatchObject({
      asOf: '2026-10-31T23:59:59.999Z',
      total: 5,
      compliant: 3,
      rate: 60,
      needsAssessment: { compliant: 3, total: 5, rate: 60 },
      updates: { compliant: 3, total: 5, rate: 60 },
      previous: {
        asOf: '2026-09-30T22:59:59.999Z',
        total: 2,
        compliant: 0,
        rate: 0,
        needsAssessment: { compliant: 1, total: 2, rate: 50 },
      },
    });
    expect(await figures('N-T1', '?period=2026-10')).toMatchObject({ total: 2, compliant: 1, rate: 50 });
    expect(await figures('S-T1', '?period=2026-10')).toMatchObject({ total: 2, compliant: 1, rate: 50 });
  });

  it('answers the same at an explicit instant with ?at=', async () => {
    expect(await figures('FORCE', '?at=2026-10-31T23:59:59.999Z')).toMatchObject({ total: 5, compliant: 3 });
  });

  it('treats the current month as a snapshot at now', async () => {
    expect(await figures('FORCE', '?period=2026-11')).toMatchObject({ asOf: '2026-11-20T10:00:00.000Z', total: 6, compliant: 4 });
  });

  it('gives no rate, never 0% or 100%, for a unit with no live victims', async () => {
    expect(await figures('S-T1', '?at=2026-07-01T00:00:00Z')).toMatchObject({ total: 0, compliant: 0, rate: null, rag: null });
  });

  it('breaks a command down by team and a team by officer', async () => {
    const command = (await (await test.api('/v1/units/N-LPA/breakdown')).json()) as {
      children: { unit: { id: string }; rate: number | null }[];
    };
    expect(command.children.map((c) => [c.unit.id, c.rate])).toEqual([
      ['N-T1', 33.3],
      ['N-T2', 100],
    ]);
    const team = (await (await test.api('/v1/units/N-T1/breakdown')).json()) as {
      children: unknown[];
      officers: { officer: { id: string; name: string }; total: number; compliant: number }[];
    };
    expect(team.children).toEqual([]);
    expect(team.officers).toMatchObject([{ officer: { id: 'P2', name: 'PC 2002 Patel' }, total: 3, compliant: 1 }]);
  });

  it("carries every duty's figures per child unit and per officer, as /compliance gives them for the unit", async () => {
    const command = (await (await test.api('/v1/units/N-LPA/breakdown')).json()) as {
      children: { unit: { id: string }; obligations: Record<string, unknown> }[];
    };
    for (const child of command.children) {
      const figures = (await (await test.api(`/v1/units/${child.unit.id}/compliance`)).json()) as { obligations: unknown };
      expect(child.obligations).toEqual(figures.obligations);
    }
    const team = (await (await test.api('/v1/units/N-T1/breakdown')).json()) as { officers: { obligations: Record<string, unknown> }[] };
    // North Team 1's one OIC (P2) holds all of its live cases: the officer's duties are the team's.
    const teamFigures = (await (await test.api('/v1/units/N-T1/compliance')).json()) as { obligations: unknown };
    expect(team.officers.map((officer) => officer.obligations)).toEqual([teamFigures.obligations]);
  });

  it('lists digest items most overdue first, with due-soon items after', async () => {
    const northOne = (await (await test.api('/v1/units/N-T1/digest')).json()) as { items: unknown[] };
    expect(northOne.items).toEqual(NORTH_TEAM_1_ITEMS);
    const northTwo = (await (await test.api('/v1/units/N-T2/digest')).json()) as { items: unknown[] };
    expect(northTwo.items).toEqual(NORTH_TEAM_2_ITEMS);
    const south = (await (await test.api('/v1/units/S-T1/digest')).json()) as { items: unknown[] };
    expect(south.items).toEqual(SOUTH_TEAM_1_ITEMS);
  });

  it('answers 404 for an unknown unit and 400 for a bad instant or period', async () => {
    expect((await test.api('/v1/units/NOPE/compliance')).status).toBe(404);
    const badAt = await test.api('/v1/units/FORCE/compliance?at=yesterday');
    expect(badAt.status).toBe(400);
    expect(((await badAt.json()) as { error: { message: string } }).error.message).toMatch(/ISO 8601/);
    expect((await test.api('/v1/units/FORCE/compliance?period=2026-13')).status).toBe(400);
    expect((await test.api('/v1/units/FORCE/digest?at=2026-02-30T00:00:00Z')).status).toBe(400);
  });

  it('requires the bearer token on /v1 but not on /healthz', async () => {
    expect((await fetch(`${test.baseUrl}/v1/units/FORCE/compliance`)).status).toBe(401);
    const wrong = await fetch(`${test.baseUrl}/v1/units/FORCE/compliance`, { headers: { authorization: 'Bearer nope' } });
    expect(wrong.status).toBe(401);
    expect((await fetch(`${test.baseUrl}/healthz`)).status).toBe(200);
  });
});
