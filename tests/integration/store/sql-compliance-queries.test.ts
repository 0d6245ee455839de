import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadPolicy } from '../../../src/config/load-policy.js';
import { UnknownPersonError, UnknownUnitError } from '../../../src/domain/unknown-ids.js';
import { SqlComplianceQueries } from '../../../src/store/sql-compliance-queries.js';
import { SqlPeopleDirectory } from '../../../src/store/sql-people-directory.js';
import { rebuildWorkingCalendar } from '../../../src/store/working-calendar-store.js';
import { NORTH_TEAM_1_ITEMS, NORTH_TEAM_2_ITEMS } from '../../fixtures/small-force-items.js';
import { DRIVERS, importText, openTestDb, SMALL_FORCE_NOW, smallForceNdjson, type TestDb } from '../../support/test-db.js';

/**
 * tests/fixtures/small-force.ndjson, evaluated by hand from compliance-rules.md (see tests/integration/api/figures-api.test.ts
 * for the reasoning per victim). Now: Friday 20 Nov 2026 10:00 GMT.
 * Then, after the fixture, case CR-5 (S-T1, P6, victim V-6) moves to N-T2/P3 on 21 Nov: figures at now and
 * October still place it in S-T1; figures after the move place it in N-T2.
 */
const END_OF_OCTOBER = new Date('2026-10-31T23:59:59.999Z');
const MOVED_AT = new Date('2026-11-21T08:00:00Z');
const AFTER_MOVE = new Date('2026-11-21T12:00:00Z');

describe.each(DRIVERS)('SqlComplianceQueries on %s', (driver) => {
  let store: TestDb;
  let queries: SqlComplianceQueries;
  let people: SqlPeopleDirectory;

  beforeAll(async () => {
    store = await openTestDb(driver);
    const { policy, calendar } = await loadPolicy({});
    await rebuildWorkingCalendar(store.db, calendar, 2024, 2028);
    expect((await importText(store.db, await smallForceNdjson())).ok).toBe(true);
    const move = JSON.stringify({
      type: 'case',
      id: 'CR-5',
      recordedAt: '2026-10-26T09:00:00Z',
      offence: 'Criminal damage',
      category: 'other',
      unitId: 'N-T2',
      oicId: 'P3',
      closedAt: null,
    });
    expect((await importText(store.db, move, { now: MOVED_AT })).ok).toBe(true);
    queries = new SqlComplianceQueries(store.db, policy);
    people = new SqlPeopleDirectory(store.db);
  });
  afterAll(() => store.dispose());

  it('gives a team, a command and the force their subtree figures at now', async () => {
    expect(await queries.figures('N-T1', SMALL_FORCE_NOW)).toEqual({
      unit: { id: 'N-T1', name: 'North Team 1', kind: 'team' },
      asOf: '2026-11-20T10:00:00.000Z',
      total: 3,
      compliant: 1,
      rate: 33.3,
      needsAssessment: { compliant: 2, total: 3, rate: 66.7 },
      updates: { compliant: 1, total: 3, rate: 33.3 },
      rag: 'RED',
    });
    expect(await queries.figures('N-LPA', SMALL_FORCE_NOW)).toMatchObject({
      total: 5,
      compliant: 3,
      rate: 60,
      needsAssessment: { compliant: 4, total: 5, rate: 80 },
      updates: { compliant: 3, total: 5, rate: 60 },
    });
    expect(await queries.figures('FORCE', SMALL_FORCE_NOW)).toMatchObject({
      total: 6,
      compliant: 4,
      rate: 66.7,
      needsAssessment: { compliant: 5, total: 6, rate: 83.3 },
      updates: { compliant: 4, total: 6, rate: 66.7 },
    });
    expect(await queries.figures('S-T1', SMALL_FORCE_NOW)).toMatchObject({ total: 1, compliant: 1, rate: 100, rag: 'GREEN' });
  });

  it('gives figures at a past month end from the data and allocations of that instant', async () => {
    expect(await queries.figures('FORCE', END_OF_OCTOBER)).toMatchObject({
      asOf: '2026-10-31T23:59:59.999Z',
      total: 5,
      compliant: 3,
      needsAssessment: { compliant: 3, total: 5 },
      updates: { compliant: 3, total: 5 },
    });
    expect(await queries.figures('N-T1', END_OF_OCTOBER)).toMatchObject({ total: 2, compliant: 1, rate: 50 });
    expect(await queries.figures('S-T1', END_OF_OCTOBER)).toMatchObject({ total: 2, compliant: 1, rate: 50 });
    expect(await queries.figures('S-T1', new Date('2026-07-01T00:00:00Z'))).toMatchObject({
      total: 0,
      compliant: 0,
      rate: null,
      rag: null,
    });
  });

  it('follows a moved case to its new team only after the move', async () => {
    expect(await queries.figures('S-T1', AFTER_MOVE)).toMatchObject({ total: 0, rate: null });
    expect(await queries.figures('N-T2', AFTER_MOVE)).toMatchObject({ total: 3, compliant: 3 });
    expect(await queries.figuresForUnits(['N-T2', 'S-T1', 'FORCE'], SMALL_FORCE_NOW)).toMatchObject([
      { unit: { id: 'N-T2' }, total: 2 },
      { unit: { id: 'S-T1' }, total: 1 },
      { unit: { id: 'FORCE' }, total: 6 },
    ]);
  });

  it('breaks a command down by child unit and a team by officer', async () => {
    const command = await queries.breakdown('N-LPA', SMALL_FORCE_NOW);
    expect(command.officers).toEqual([]);
    expect(command.children.map((c) => [c.unit.id, c.total, c.compliant, c.rate])).toEqual([
      ['N-T1', 3, 1, 33.3],
      ['N-T2', 2, 2, 100],
    ]);
    const team = await queries.breakdown('N-T2', AFTER_MOVE);
    expect(team.children).toEqual([]);
    expect(team.officers).toMatchObject([{ officer: { id: 'P3', name: 'PC 2003 Jones' }, total: 3, compliant: 3, rate: 100 }]);
    expect(await queries.officerFigures('P6', SMALL_FORCE_NOW)).toMatchObject({ officer: { id: 'P6' }, total: 1, compliant: 1 });
    expect(await queries.officerFigures('P6', AFTER_MOVE)).toMatchObject({ total: 0, rate: null, rag: null });
  });

  it("lists digest items most overdue first, due-soon items after, and an officer's own items", async () => {
    const northOne = await queries.digest('N-T1', SMALL_FORCE_NOW);
    expect(northOne.items).toEqual(NORTH_TEAM_1_ITEMS);
    expect((await queries.digest('FORCE', SMALL_FORCE_NOW, { oicId: 'P3' })).items).toEqual(NORTH_TEAM_2_ITEMS);
    expect((await queries.digest('S-T1', SMALL_FORCE_NOW, { oicId: 'P3' })).items).toEqual([]);
    expect((await queries.digest('S-T1', SMALL_FORCE_NOW)).items.map((i) => [i.kind, i.victimId, i.dueDate])).toEqual([
      ['update_due_soon', 'V-6', '2026-11-23'],
    ]);
  });

  it("splits an officer's figures and items by a unit's subtree in one evaluation, counting the rest", async () => {
    // After the move PC Jones (P3) holds CR-3, CR-4 (N-T2) and CR-5 (moved to N-T2): victims V-4, V-5, V-6.
    expect(await queries.officerFiguresWithin('P3', AFTER_MOVE, 'N-T2')).toEqual({
      figures: await queries.officerFigures('P3', AFTER_MOVE),
      leftOut: 0,
    });
    expect(await queries.officerFiguresWithin('P3', AFTER_MOVE, 'N-T1')).toMatchObject({
      figures: { officer: { id: 'P3' }, total: 0, rate: null },
      leftOut: 3,
    });
    // Before the move CR-5 was PC Hughes's (S-T1): PC Jones had V-4 and V-5, both in North LPA.
    expect(await queries.officerFiguresWithin('P3', SMALL_FORCE_NOW, 'N-LPA')).toMatchObject({ figures: { total: 2 }, leftOut: 0 });
    const inTeam = await queries.officerDigestWithin('P3', SMALL_FORCE_NOW, 'N-T2');
    expect(inTeam).toEqual({ digest: await queries.digest('N-T2', SMALL_FORCE_NOW, { oicId: 'P3' }), leftOut: 0 });
    expect(await queries.officerDigestWithin('P3', SMALL_FORCE_NOW, 'S-T1')).toMatchObject({
      digest: { unit: { id: 'S-T1' }, items: [] },
      leftOut: 1,
    });
    await expect(queries.officerDigestWithin('P3', SMALL_FORCE_NOW, 'NOPE')).rejects.toBeInstanceOf(UnknownUnitError);
  });

  it("builds every team's digest in one pass, empty teams included", async () => {
    const digests = await queries.allTeamDigests(SMALL_FORCE_NOW);
    expect(digests.map((d) => [d.unit.id, d.items.length])).toEqual([
      ['N-T1', 3],
      ['N-T2', 1],
      ['S-T1', 1],
    ]);
    expect(digests[0]?.items).toEqual((await queries.digest('N-T1', SMALL_FORCE_NOW)).items);
    const afterMove = await queries.allTeamDigests(AFTER_MOVE);
    expect(afterMove.find((d) => d.unit.id === 'S-T1')?.items).toEqual([]);
  });

  it("gives a unit's figures and digest together from one evaluation, a unit with no live victims too", async () => {
    for (const unitId of ['FORCE', 'N-LPA', 'N-T1', 'S-T1']) {
      expect(await queries.figuresAndDigest(unitId, SMALL_FORCE_NOW), unitId).toEqual({
        figures: await queries.figures(unitId, SMALL_FORCE_NOW),
        digest: await queries.digest(unitId, SMALL_FORCE_NOW),
      });
    }
    const beforeAnyCase = new Date('2020-01-01T00:00:00Z');
    const empty = await queries.figuresAndDigest('N-T1', beforeAnyCase);
    expect([empty.figures.total, empty.figures.rate, empty.digest.items]).toEqual([0, null, []]);
    await expect(queries.figuresAndDigest('NOPE', SMALL_FORCE_NOW)).rejects.toBeInstanceOf(UnknownUnitError);
  });

  it('gives many units their figures and obligations in one statement, in the order asked, as one unit alone', async () => {
    const statements: string[] = [];
    const counting = new SqlComplianceQueries(
      {
        query: (sql: string, params?: readonly unknown[]) => {
          statements.push(sql);
          return store.db.query(sql, params);
        },
      } as unknown as typeof store.db,
      (await loadPolicy({})).policy,
    );
    const ids = ['S-T1', 'FORCE', 'N-T1', 'N-LPA', 'N-T2'];
    for (const at of [SMALL_FORCE_NOW, END_OF_OCTOBER, AFTER_MOVE]) {
      statements.length = 0;
      const many = await counting.figuresWithObligationsForUnits(ids, at);
      // One lookup of the units and one evaluation, whatever the number of units.
      expect(statements).toHaveLength(2);
      expect(many).toEqual(await Promise.all(ids.map((id) => queries.figuresWithObligations(id, at))));
    }
    expect(await queries.figuresWithObligationsForUnits([], SMALL_FORCE_NOW)).toEqual([]);
    await expect(queries.figuresWithObligationsForUnits(['N-T1', 'NOPE'], SMALL_FORCE_NOW)).rejects.toBeInstanceOf(UnknownUnitError);
  });

  it('lists and finds units, and throws a typed error for an unknown unit or officer', async () => {
    expect((await queries.listUnits()).map((u) => u.id)).toEqual(['FORCE', 'N-LPA', 'S-LPA', 'N-T1', 'N-T2', 'S-T1']);
    expect(await queries.findUnit('N-T1')).toEqual({ id: 'N-T1', name: 'North Team 1', kind: 'team', parentId: 'N-LPA' });
    expect(await queries.findUnit('NOPE')).toBeNull();
    await expect(queries.figures('NOPE', SMALL_FORCE_NOW)).rejects.toBeInstanceOf(UnknownUnitError);
    await expect(queries.breakdown('NOPE', SMALL_FORCE_NOW)).rejects.toBeInstanceOf(UnknownUnitError);
    await expect(queries.digest('NOPE', SMALL_FORCE_NOW)).rejects.toBeInstanceOf(UnknownUnitError);
    await expect(queries.officerFigures('NOPE', SMALL_FORCE_NOW)).rejects.toBeInstanceOf(UnknownPersonError);
  });

  it('finds people by id, Entra object id and home unit', async () => {
    expect(await people.findById('P1')).toEqual({
      id: 'P1',
      name: 'PS 1001 Smith',
      unitId: 'N-T1',
      role: 'supervisor',
      aadObjectId: 'aad-p1',
    });
    expect((await people.findByAadObjectId('aad-p5'))?.id).toBe('P5');
    expect(await people.findByAadObjectId('unknown')).toBeNull();
    expect((await people.listByUnit('N-T1')).map((p) => p.id)).toEqual(['P2', 'P1']);
  });
});
