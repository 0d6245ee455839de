import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadPolicy } from '../../../src/config/load-policy.js';
import type { Policy } from '../../../src/domain/policy.js';
import { resolvePeriod } from '../../../src/domain/periods.js';
import { CachedComplianceQueries } from '../../../src/service/cached-compliance-queries.js';
import type { ComplianceQueries } from '../../../src/service/compliance-queries.js';
import { AllocationStore } from '../../../src/store/allocation-store.js';
import { SqlDataVersion } from '../../../src/store/data-version-store.js';
import { SqlKeptAnswers } from '../../../src/store/kept-answers-store.js';
import { SqlComplianceQueries } from '../../../src/store/sql-compliance-queries.js';
import { rebuildWorkingCalendar } from '../../../src/store/working-calendar-store.js';
import { DRIVERS, importText, openTestDb, SMALL_FORCE_NOW, smallForceNdjson, type TestDb } from '../../support/test-db.js';

/**
 * Past period ends come from kept answers, evaluated again only when a change reaches them (issue 15, part 2;
 * migration 260): the nightly delta of this month's contacts and a reassignment today keep October's figures, in
 * memory and in the store (a new process reads them); a late needs assessment of a case recorded in October, and a
 * change to the unit tree, evaluate October again. Every answer is also compared with a fresh evaluation.
 */
describe.each(DRIVERS)('past answers kept across changes on %s', (driver) => {
  let store: TestDb;
  let policy: Policy;
  let october: Date;
  let evaluations = 0;

  beforeAll(async () => {
    store = await openTestDb(driver);
    let calendar: Awaited<ReturnType<typeof loadPolicy>>['calendar'];
    ({ policy, calendar } = await loadPolicy({}));
    await rebuildWorkingCalendar(store.db, calendar, 2024, 2028);
    expect((await importText(store.db, await smallForceNdjson())).ok).toBe(true);
    october = resolvePeriod({ kind: 'month', year: 2026, month: 10 }, SMALL_FORCE_NOW, policy.timeZone).snapshotAt;
  });
  afterAll(() => store.dispose());

  /** A process's read side over the store: its evaluations counted. */
  function startProcess(): ComplianceQueries {
    const evaluation = new SqlComplianceQueries(store.db, policy);
    const counted = new Proxy(evaluation, {
      get(target, name, receiver) {
        const value = Reflect.get(target, name, receiver);
        if (typeof value !== 'function') return value;
        return (...args: unknown[]) => {
          evaluations += 1;
          return value.apply(target, args);
        };
      },
    });
    return new CachedComplianceQueries(counted, new SqlDataVersion(store.db), policy, 500, new SqlKeptAnswers(store.db));
  }

  /** October's force figure through `q`, checked against a fresh evaluation; how many evaluations it took. */
  async function octoberFigure(q: ComplianceQueries): Promise<number> {
    const before = evaluations;
    const [answer, fresh] = await Promise.all([
      q.figures('FORCE', october),
      new SqlComplianceQueries(store.db, policy).figures('FORCE', october),
    ]);
    expect(answer).toEqual(fresh);
    return evaluations - before;
  }

  const contact = (id: string, victimId: string, at: string) =>
    JSON.stringify({ type: 'contact', id, victimId, at, kind: 'update', method: 'phone', byId: 'P2' });

  it("keeps October's figures across this month's changes, and evaluates them after one that reaches October", async () => {
    const first = startProcess();
    expect(await octoberFigure(first)).toBe(1);
    expect(await octoberFigure(first)).toBe(0);

    // The nightly delta: November's contacts, for a case recorded in October and one recorded in November.
    const delta = [contact('OEL-K1', 'V-2', '2026-11-19T18:00:00Z'), contact('OEL-K2', 'V-1', '2026-11-19T18:30:00Z')].join('\n');
    expect((await importText(store.db, delta, { now: SMALL_FORCE_NOW })).ok).toBe(true);
    // And a sergeant reassigns October's case today.
    const allocations = new AllocationStore(store.db);
    const current = await allocations.current('CR-2');
    const outcome = await allocations.reassign({
      caseId: 'CR-2',
      expectedOicId: current?.oicId ?? 'P2',
      toOicId: 'P3',
      toUnitId: 'N-T2',
      changedBy: 'P1',
      reason: 'kept answers test',
      at: SMALL_FORCE_NOW,
      itemRef: 'test',
    });
    expect(outcome.kind).toBe('reassigned');
    expect(await octoberFigure(first)).toBe(0);
    // A new process (a restart, another replica) reads October from the store.
    expect(await octoberFigure(startProcess())).toBe(0);

    // A needs assessment recorded late, for a victim of a case recorded on 1 October: October is evaluated again.
    const late = JSON.stringify({ type: 'needsAssessment', victimId: 'V-3', completedAt: '2026-10-03T10:00:00Z', referralWanted: false });
    expect((await importText(store.db, late, { now: SMALL_FORCE_NOW })).ok).toBe(true);
    expect(await octoberFigure(first)).toBe(1);
    expect(await octoberFigure(startProcess())).toBe(0);

    // A contact on 31 October, sent late: October again.
    expect((await importText(store.db, contact('OEL-K3', 'V-2', '2026-10-31T12:00:00Z'), { now: SMALL_FORCE_NOW })).ok).toBe(true);
    expect(await octoberFigure(first)).toBe(1);

    // A unit renamed reaches all of time.
    const renamed = JSON.stringify({ type: 'unit', id: 'N-T1', name: 'North Team One', kind: 'team', parentId: 'N-LPA' });
    expect((await importText(store.db, renamed, { now: SMALL_FORCE_NOW })).ok).toBe(true);
    expect(await octoberFigure(startProcess())).toBe(1);
  });
});
