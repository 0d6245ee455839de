import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadPolicy } from '../../../src/config/load-policy.js';
import { addCalendarDays, localDateOf, type WorkingCalendar } from '../../../src/domain/calendar.js';
import { itemRef } from '../../../src/domain/digest.js';
import { parsePolicy, type Policy } from '../../../src/domain/policy.js';
import { resolvePeriod } from '../../../src/domain/periods.js';
import { CachedComplianceQueries } from '../../../src/service/cached-compliance-queries.js';
import type { ComplianceQueries } from '../../../src/service/compliance-queries.js';
import { AcknowledgementStore } from '../../../src/store/acknowledgement-store.js';
import { AllocationStore } from '../../../src/store/allocation-store.js';
import { SqlDataVersion } from '../../../src/store/data-version-store.js';
import { ItemRefStore } from '../../../src/store/item-ref-store.js';
import { SqlKeptAnswers } from '../../../src/store/kept-answers-store.js';
import { SqlComplianceQueries } from '../../../src/store/sql-compliance-queries.js';
import { rebuildWorkingCalendar } from '../../../src/store/working-calendar-store.js';
import {
  FORCE_LINES,
  hoursAfterBase,
  importLines,
  lateLines,
  OFFICERS,
  scenarios,
  TEAMS,
  type Scenario,
  type Step,
} from '../../support/figures-scenarios.js';
import { DRIVERS, importText, openTestDb, TIME_ZONE, type TestDb } from '../../support/test-db.js';

/**
 * The figures cache (issue 15) answers exactly as a fresh evaluation does: after every step of a generated
 * history (imports, reassignments, acknowledgements, calendar changes), every read of the port, at the end
 * of British Summer Time, at month ends, at generated instants and at instants after every record (where
 * the cache keeps only the local date), through caches kept from earlier steps, under two policies.
 */

const STRICT = parsePolicy({
  updateIntervalDays: 7,
  needsAssessmentWorkingDays: 2,
  dueSoonDays: 3,
  fullyCompliant: ['needsAssessment', 'updates', 'referral'],
});

/** Fixed instants: either side of local midnight on the day BST ends, two month ends, and a day long after. */
function fixedInstants(policy: Policy): Date[] {
  const now = new Date('2026-12-20T12:00:00Z');
  return [
    new Date('2026-10-24T22:59:59.999Z'), // 23:59:59.999 BST on Saturday 24 Oct
    new Date('2026-10-24T23:00:00.000Z'), // 00:00 BST on Sunday 25 Oct
    resolvePeriod({ kind: 'month', year: 2026, month: 10 }, now, policy.timeZone).snapshotAt,
    resolvePeriod({ kind: 'month', year: 2026, month: 11 }, now, policy.timeZone).snapshotAt,
    new Date('2027-03-10T08:00:00.000Z'), // after every record and step (at most 120 days after BASE)
    new Date('2027-03-10T23:59:59.999Z'), // the same local date: answered from the 08:00 answer
  ];
}

/** Every read of the port over the generated force, at one instant; under the second policy, its figures only. */
function reads(q: ComplianceQueries, at: Date, all: boolean): Promise<unknown>[] {
  const figures = [q.figures('FORCE', at), q.figuresWithObligations('C1', at), q.promiseCounts('FORCE', at)];
  if (!all) return figures;
  return [
    ...figures,
    q.listUnits(),
    q.findUnit('NOPE'),
    q.figuresForUnits(['T3', 'C1', 'T1'], at),
    q.breakdown('C1', at),
    q.breakdown('T1', at),
    q.digest('FORCE', at),
    q.digest('C1', at, { oicId: 'P1' }),
    // The same unit's digest of other duties than the policy's: another answer, never the one kept for the default.
    q.digest('FORCE', at, { duties: ['referral', 'decisionUpdates'] }),
    q.figuresWithObligationsForUnits(['T3', 'C1'], at),
    q.figuresAndDigest('T2', at),
    q.allTeamDigests(at),
    q.officerFigures('P1', at),
    q.officerFiguresWithin('P2', at, 'C1'),
    q.officerDigestWithin('P4', at, 'FORCE'),
    q.officerPromiseCounts('P2', at, 'C1'),
    q.promisesInUnit('FORCE', at),
    q.officerPromises('P2', at),
    q.officerPromises('P1', at, 'T1'),
  ];
}

interface Pair {
  cached: CachedComplianceQueries;
  fresh: SqlComplianceQueries;
}

describe.each(DRIVERS)('the figures cache on %s', (driver) => {
  let store: TestDb;
  let calendar: WorkingCalendar;
  let defaultPolicy: Policy;

  beforeAll(async () => {
    store = await openTestDb(driver);
    ({ policy: defaultPolicy, calendar } = await loadPolicy({}));
  });
  afterAll(() => store.dispose());

  const pairFor = (policy: Policy, entries = 40, kept: SqlKeptAnswers | null = null): Pair => ({
    // Small, so that generated histories also evict; or large enough that every answer of a step is still kept
    // at the next (an answer kept across an acknowledgement, or across changes that do not reach it, is then asked
    // for again). With the store's kept answers: what a past instant's figures were is also read back from there.
    cached: new CachedComplianceQueries(new SqlComplianceQueries(store.db, policy), new SqlDataVersion(store.db), policy, entries, kept),
    fresh: new SqlComplianceQueries(store.db, policy),
  });

  async function compare(pairs: readonly Pair[], instants: readonly Date[]): Promise<void> {
    for (const at of instants) {
      for (const [p, { cached, fresh }] of pairs.entries()) {
        const all = p !== 1;
        const theirs = await Promise.all(reads(fresh, at, all));
        // Twice: the first answer may be evaluated, the second comes from what was kept.
        expect(await Promise.all(reads(cached, at, all))).toEqual(theirs);
        expect(await Promise.all(reads(cached, at, all))).toEqual(theirs);
      }
    }
  }

  async function apply(step: Step, now: Date, seq: number): Promise<boolean> {
    switch (step.kind) {
      case 'import':
        return (await importText(store.db, importLines(step.cases, seq), { now })).ok;
      case 'reassign': {
        const allocations = new AllocationStore(store.db);
        const current = await allocations.current(`CR-${step.caseNo}`);
        if (!current) return false;
        const toOicId = OFFICERS[step.officer] as string;
        const input = { caseId: `CR-${step.caseNo}`, expectedOicId: current.oicId, toOicId, toUnitId: TEAMS[step.team] as string };
        const outcome = await allocations.reassign({ ...input, changedBy: 'P1', reason: 'generated', at: now, itemRef: 'generated' });
        return outcome.kind === 'reassigned';
      }
      case 'acknowledge': {
        const { items } = await new SqlComplianceQueries(store.db, defaultPolicy).digest('FORCE', now);
        const item = items[step.pick % Math.max(1, items.length)];
        if (!item) return false;
        await new ItemRefStore(store.db).record([item], now);
        const plannedOn = addCalendarDays(localDateOf(now, TIME_ZONE), step.plannedInDays);
        await new AcknowledgementStore(store.db).acknowledge({
          itemRef: itemRef(item),
          personId: item.oicId,
          at: now,
          note: null,
          plannedOn,
          caseId: item.caseId,
        });
        return true;
      }
      case 'late': {
        // One of the cases imported so far.
        const cases = await store.db.query<{ id: string }>('select id from cases order by id');
        const picked = cases[step.caseNo % Math.max(1, cases.length)];
        if (!picked) return false;
        const lines = lateLines({ ...step, caseNo: Number(picked.id.slice('CR-'.length)) }, seq);
        return (await importText(store.db, lines, { now })).ok;
      }
      case 'calendar': {
        const extra = step.extraHoliday === null ? null : localDateOf(hoursAfterBase(step.extraHoliday * 24), TIME_ZONE);
        await rebuildWorkingCalendar(store.db, { isWorkingDay: (date) => date !== extra && calendar.isWorkingDay(date) }, 2024, 2028);
        return true;
      }
    }
  }

  async function reset(): Promise<void> {
    await store.db.exec(
      'truncate acknowledgements, digest_item_refs, allocation_changes, contacts, decisions, needs_assessments, victims, ' +
        'case_allocations, cases, unit_closure, people, units cascade',
    );
    await rebuildWorkingCalendar(store.db, calendar, 2024, 2028);
    expect((await importText(store.db, FORCE_LINES.map((line) => JSON.stringify(line)).join('\n'))).ok).toBe(true);
  }

  it('answers every read exactly as a fresh evaluation, across generated histories', async () => {
    let applied = 0;
    let late = 0;
    await fc.assert(
      fc.asyncProperty(scenarios, async (scenario: Scenario) => {
        await reset();
        const kept = new SqlKeptAnswers(store.db);
        const pairs = [pairFor(defaultPolicy), pairFor(STRICT), pairFor(defaultPolicy, 5_000, kept)];
        const instants = [...fixedInstants(defaultPolicy), ...scenario.instants.map(hoursAfterBase)];
        for (const [i, step] of scenario.steps.entries()) {
          // The steps happen after every record (at most three spans after BASE), as "now" would be.
          if (await apply(step, hoursAfterBase(3 * scenario.spanHours + 2 + i), i)) {
            applied += 1;
            if (step.kind === 'late') late += 1;
          }
          // A process started now reads the past instants' figures kept in the store by the one before.
          await compare([...pairs, pairFor(defaultPolicy, 5_000, kept)], instants);
        }
      }),
      { numRuns: 3, seed: 15_015, endOnFailure: true },
    );
    // The histories did change the records: most steps were accepted.
    expect(applied).toBeGreaterThan(4);
    // Records sent late were among them: what a change reaches (migration 260) decided what was kept.
    expect(late).toBeGreaterThan(0);
  }, 600_000);
});
