import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadPolicy } from '../../../src/config/load-policy.js';
import type { Policy } from '../../../src/domain/policy.js';
import type { DigestItem, DigestItemKind } from '../../../src/domain/types.js';
import { AcknowledgementStore } from '../../../src/store/acknowledgement-store.js';
import { itemRef } from '../../../src/domain/digest.js';
import { ItemRefStore } from '../../../src/store/item-ref-store.js';
import { PromiseStore, type StoredPromise } from '../../../src/store/promise-store.js';
import { UnknownUnitError } from '../../../src/domain/unknown-ids.js';
import { SqlComplianceQueries } from '../../../src/store/sql-compliance-queries.js';
import { rebuildWorkingCalendar } from '../../../src/store/working-calendar-store.js';
import { DRIVERS, importText, openTestDb, SMALL_FORCE_NOW, smallForceNdjson, type TestDb } from '../../support/test-db.js';

/**
 * Promises over tests/fixtures/small-force.ndjson. Now: Fri 20 Nov 2026 10:00 GMT. In North Team 1 (P2's
 * cases): V-2's update was due Tue 3 Nov (overdue); V-3 has no needs assessment (missing since Mon 5 Oct).
 * In North Team 2: V-4 (CR-3, P3) has its needs assessment due Mon 23 Nov (due soon).
 */
const ACKNOWLEDGED_AT = new Date('2026-11-20T09:42:00Z');

/** [victim, state] pairs by victim: acknowledgements made in the same instant come in no particular order. */
function byVictim(found: readonly StoredPromise[]): [string, string][] {
  return found.map((p): [string, string] => [p.victimId, p.state]).sort(([a], [b]) => a.localeCompare(b));
}

describe.each(DRIVERS)('PromiseStore on %s', (driver) => {
  let store: TestDb;
  let policy: Policy;
  let queries: SqlComplianceQueries;
  let promises: PromiseStore;

  async function acknowledge(unitId: string, victimId: string, kind: DigestItemKind, plannedOn: string | null): Promise<string> {
    const item = (await queries.digest(unitId, SMALL_FORCE_NOW)).items.find((i: DigestItem) => i.victimId === victimId && i.kind === kind);
    if (!item) throw new Error(`no ${kind} item for ${victimId} in ${unitId}'s digest`);
    await new ItemRefStore(store.db).record([item], SMALL_FORCE_NOW);
    const ref = itemRef(item);
    await new AcknowledgementStore(store.db).acknowledge({
      itemRef: ref,
      personId: 'P1',
      at: ACKNOWLEDGED_AT,
      note: null,
      plannedOn,
      caseId: item.caseId,
    });
    return ref;
  }

  beforeAll(async () => {
    store = await openTestDb(driver);
    const loaded = await loadPolicy({});
    policy = loaded.policy;
    await rebuildWorkingCalendar(store.db, loaded.calendar, 2024, 2028);
    expect((await importText(store.db, await smallForceNdjson())).ok).toBe(true);
    queries = new SqlComplianceQueries(store.db, policy);
    promises = new PromiseStore(store.db, policy);
    await acknowledge('N-T1', 'V-2', 'update_overdue', '2026-11-24');
    await acknowledge('N-T1', 'V-3', 'needs_assessment_missing', '2026-11-23');
    await acknowledge('N-T1', 'V-3', 'update_overdue', null); // seen, no date: not a promise
    await acknowledge('N-T2', 'V-4', 'needs_assessment_due_soon', '2026-11-21');
    // Sun 22 Nov: V-2 is updated; CR-3 (V-4) closes.
    const later = [
      { type: 'contact', id: 'OEL-P1', victimId: 'V-2', at: '2026-11-22T11:00:00Z', kind: 'update', method: 'phone', byId: 'P2' },
      {
        type: 'case',
        id: 'CR-3',
        recordedAt: '2026-11-19T16:00:00Z',
        offence: 'Burglary dwelling',
        category: 'serious acquisitive',
        unitId: 'N-T2',
        oicId: 'P3',
        closedAt: '2026-11-22T15:00:00Z',
      },
    ];
    expect((await importText(store.db, later.map((r) => JSON.stringify(r)).join('\n'))).ok).toBe(true);
  });
  afterAll(() => store.dispose());

  it('grades each acknowledgement with a planned date, with what the digest shows of it', async () => {
    const found = (await promises.inUnit('N-T1', SMALL_FORCE_NOW)).sort((a, b) => a.victimId.localeCompare(b.victimId));
    expect(found).toEqual([
      expect.objectContaining({
        kind: 'update_overdue',
        victimId: 'V-2',
        caseId: 'CR-2',
        dueDate: '2026-11-03',
        plannedOn: '2026-11-24',
        personName: 'PS 1001 Smith',
        unitId: 'N-T1',
        oicId: 'P2',
        state: 'AMBER',
      }),
      expect.objectContaining({ kind: 'needs_assessment_missing', victimId: 'V-3', plannedOn: '2026-11-23', state: 'AMBER' }),
    ]);
    expect(found[0]?.acknowledgedAt).toEqual(ACKNOWLEDGED_AT);
  });

  it('counts a unit over its subtree at the instant, and nothing acknowledged after it', async () => {
    expect(await queries.promiseCounts('N-T1', SMALL_FORCE_NOW)).toEqual({ kept: 0, missed: 0, open: 2 });
    expect(await queries.promiseCounts('N-LPA', SMALL_FORCE_NOW)).toEqual({ kept: 0, missed: 0, open: 3 });
    expect(await queries.promiseCounts('S-LPA', SMALL_FORCE_NOW)).toEqual({ kept: 0, missed: 0, open: 0 });
    expect(await queries.promiseCounts('FORCE', new Date('2026-11-20T09:00:00Z'))).toEqual({ kept: 0, missed: 0, open: 0 });
  });

  it('turns GREEN when the update is recorded, RED after the planned local day, GREY when the case closes', async () => {
    const mondayNoon = new Date('2026-11-23T12:00:00Z');
    expect(byVictim(await promises.inUnit('N-LPA', mondayNoon))).toEqual([
      ['V-2', 'GREEN'],
      ['V-3', 'AMBER'],
      ['V-4', 'GREY'],
    ]);
    expect(await queries.promiseCounts('N-LPA', mondayNoon)).toEqual({ kept: 1, missed: 0, open: 1 });
    // 23:59:59 GMT on Mon 23 Nov is still the planned day; midnight is not.
    expect(await queries.promiseCounts('N-T1', new Date('2026-11-23T23:59:59.999Z'))).toEqual({ kept: 1, missed: 0, open: 1 });
    expect(await queries.promiseCounts('N-T1', new Date('2026-11-24T00:00:00Z'))).toEqual({ kept: 1, missed: 1, open: 0 });
    expect(await queries.promiseCounts('N-T2', mondayNoon)).toEqual({ kept: 0, missed: 0, open: 0 });
  });

  it("reads an officer's promises, all or inside one unit's subtree", async () => {
    const tuesday = new Date('2026-11-24T09:00:00Z');
    expect(byVictim(await promises.ofOfficer('P2', tuesday))).toEqual([
      ['V-2', 'GREEN'],
      ['V-3', 'RED'],
    ]);
    expect(await queries.officerPromiseCounts('P2', tuesday, 'N-LPA')).toEqual({ kept: 1, missed: 1, open: 0 });
    expect(await queries.officerPromiseCounts('P2', tuesday, 'N-T2')).toEqual({ kept: 0, missed: 0, open: 0 });
    expect(await queries.officerPromiseCounts('P3', SMALL_FORCE_NOW)).toEqual({ kept: 0, missed: 0, open: 1 });
  });

  it('follows the case to the team that holds it at the instant', async () => {
    const moved = {
      type: 'case',
      id: 'CR-2',
      recordedAt: '2026-10-01T09:12:00+01:00',
      offence: 'Assault occasioning ABH',
      category: 'violence',
      unitId: 'N-T2',
      oicId: 'P3',
      closedAt: null,
    };
    expect((await importText(store.db, JSON.stringify(moved), { now: new Date('2026-11-25T08:00:00Z') })).ok).toBe(true);
    const after = new Date('2026-11-25T12:00:00Z');
    expect(await queries.promiseCounts('N-T1', after)).toEqual({ kept: 0, missed: 0, open: 0 });
    expect(await queries.promiseCounts('N-T2', after)).toEqual({ kept: 1, missed: 1, open: 0 });
    // Before the move the promises were North Team 1's.
    expect(await queries.promiseCounts('N-T1', new Date('2026-11-24T12:00:00Z'))).toEqual({ kept: 1, missed: 1, open: 0 });
  });

  it('names an unknown unit', async () => {
    await expect(queries.promiseCounts('N-T9', SMALL_FORCE_NOW)).rejects.toBeInstanceOf(UnknownUnitError);
  });
});
