import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AllocationStore } from '../../../src/store/allocation-store.js';
import { DRIVERS, importText, openTestDb, smallForceNdjson, type TestDb } from '../../support/test-db.js';

/**
 * The precedence rule of docs/ARCHITECTURE.md ("A Teams reassignment and a later extract"), on
 * tests/fixtures/small-force.ndjson: PS Smith (P1) reassigns CR-1, then CR-2, from PC Patel (P2) to
 * himself in Teams, while the records system's extracts go on saying different things.
 */
const caseLine = (id: string, unitId: string, oicId: string) =>
  JSON.stringify({
    type: 'case',
    id,
    recordedAt: id === 'CR-1' ? '2026-11-02T09:00:00Z' : '2026-10-01T09:12:00+01:00',
    offence: 'Assault',
    category: 'violence',
    unitId,
    oicId,
    closedAt: null,
  });

describe.each(DRIVERS)('an extract meeting a Teams reassignment, on %s', (driver) => {
  let store: TestDb;
  let allocations: AllocationStore;
  const at = (hour: number) => new Date(`2026-11-20T${String(hour).padStart(2, '0')}:00:00Z`);
  const owner = async (caseId: string) => (await allocations.current(caseId))?.oicId;
  const count = async (sql: string, params: unknown[] = []) => (await store.db.query<{ n: number }>(sql, params))[0]?.n;
  const extract = async (line: string, hour: number) => {
    const result = await importText(store.db, line, { now: at(hour) });
    if (!result.ok) throw new Error(`the extract was refused: ${JSON.stringify(result.errors)}`);
    return result;
  };

  beforeAll(async () => {
    store = await openTestDb(driver);
    expect((await importText(store.db, await smallForceNdjson(), { now: at(6) })).ok).toBe(true);
    allocations = new AllocationStore(store.db);
    const moved = await allocations.reassign({
      caseId: 'CR-1',
      expectedOicId: 'P2',
      toOicId: 'P1',
      toUnitId: 'N-T1',
      changedBy: 'P1',
      reason: 'cover',
      at: at(8),
      itemRef: 'ref-1',
    });
    expect(moved.kind).toBe('reassigned');
  });
  afterAll(() => store.dispose());

  it('keeps the Teams reassignment against an extract that still carries the old OIC, and reports the conflict', async () => {
    const result = await extract(caseLine('CR-1', 'N-T1', 'P2'), 9);
    expect(result.conflicts).toEqual([
      {
        caseId: 'CR-1',
        resolution: 'teams_reassignment_kept',
        extract: { unitId: 'N-T1', oicId: 'P2' },
        reassignment: {
          changeId: expect.any(Number),
          at: at(8).toISOString(),
          by: 'P1',
          from: { unitId: 'N-T1', oicId: 'P2' },
          to: { unitId: 'N-T1', oicId: 'P1' },
        },
      },
    ]);
    expect(await owner('CR-1')).toBe('P1');
    expect(
      await count(`select count(*)::int as n from audit_log where action = 'case.allocation_conflict' and subject = 'case:CR-1'`),
    ).toBe(1);
    expect(await store.db.query(`select person_id, kind, status, details->>'resolution' as resolution from notices`)).toEqual([
      { person_id: 'P1', kind: 'allocation_conflict', status: 'pending', resolution: 'teams_reassignment_kept' },
    ]);
  });

  it('reports the same stale extract each time, but leaves the supervisor one notice', async () => {
    const result = await extract(caseLine('CR-1', 'N-T1', 'P2'), 10);
    expect(result.conflicts.map((c) => c.resolution)).toEqual(['teams_reassignment_kept']);
    expect(await owner('CR-1')).toBe('P1');
    expect(await count(`select count(*)::int as n from audit_log where action = 'case.allocation_conflict'`)).toBe(2);
    expect(await count('select count(*)::int as n from notices')).toBe(1);
  });

  it('is confirmed by an extract with the new OIC, and from then on follows the records system as before', async () => {
    expect((await extract(caseLine('CR-1', 'N-T1', 'P1'), 11)).conflicts).toEqual([]);
    expect(
      await count(
        `select count(*)::int as n from case_allocations where case_id = 'CR-1' and valid_to = 'infinity' and confirmed_at is not null`,
      ),
    ).toBe(1);
    // The records system moves it back on purpose: a plain change, no conflict.
    expect((await extract(caseLine('CR-1', 'N-T1', 'P2'), 12)).conflicts).toEqual([]);
    expect(await owner('CR-1')).toBe('P2');
  });

  it('gives way to an extract with an OIC different from both: a newer decision in the records system', async () => {
    expect(
      (
        await allocations.reassign({
          caseId: 'CR-2',
          expectedOicId: 'P2',
          toOicId: 'P1',
          toUnitId: 'N-T1',
          changedBy: 'P1',
          reason: 'cover',
          at: at(13),
          itemRef: 'ref-2',
        })
      ).kind,
    ).toBe('reassigned');
    const result = await extract(caseLine('CR-2', 'N-T2', 'P3'), 14);
    expect(result.conflicts).toMatchObject([
      { caseId: 'CR-2', resolution: 'records_system_newer', extract: { unitId: 'N-T2', oicId: 'P3' } },
    ]);
    expect(await allocations.current('CR-2')).toMatchObject({ unitId: 'N-T2', oicId: 'P3' });
    expect(await count(`select count(*)::int as n from notices where person_id = 'P1' and details->>'caseId' = 'CR-2'`)).toBe(1);
  });
});
