import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadPolicy } from '../../../src/config/load-policy.js';
import { itemRef } from '../../../src/domain/digest.js';
import type { DigestItem } from '../../../src/domain/types.js';
import { AcknowledgementStore } from '../../../src/store/acknowledgement-store.js';
import { AllocationStore } from '../../../src/store/allocation-store.js';
import { SqlDataVersion } from '../../../src/store/data-version-store.js';
import { ItemRefStore } from '../../../src/store/item-ref-store.js';
import { SqlComplianceQueries } from '../../../src/store/sql-compliance-queries.js';
import { TeamsLinkStore } from '../../../src/store/teams-link-store.js';
import { rebuildWorkingCalendar } from '../../../src/store/working-calendar-store.js';
import { DRIVERS, importText, openTestDb, SMALL_FORCE_NOW, smallForceNdjson, type TestDb } from '../../support/test-db.js';

/**
 * The data version (migration 210) moves once at the commit of every transaction that writes what figures are
 * read from (every such write path of the store is listed here), and never for one that rolls back or only
 * remembers the items a card showed. An acknowledgement moves the actions version instead, and a Teams user
 * linked by address the links version (migration 250): neither moves the records' version figures are kept by.
 */
describe.each(DRIVERS)('the data version on %s', (driver) => {
  let store: TestDb;
  let versions: SqlDataVersion;
  let item: DigestItem;
  let calendar: Awaited<ReturnType<typeof loadPolicy>>['calendar'];

  beforeAll(async () => {
    ({ calendar } = await loadPolicy({}));
    store = await openTestDb(driver);
    versions = new SqlDataVersion(store.db);
    await rebuildWorkingCalendar(store.db, calendar, 2024, 2028);
    expect((await importText(store.db, await smallForceNdjson())).ok).toBe(true);
    const { policy } = await loadPolicy({});
    const [first] = (await new SqlComplianceQueries(store.db, policy).digest('N-T1', SMALL_FORCE_NOW)).items;
    item = first as DigestItem;
  });
  afterAll(() => store.dispose());

  /** By how much the records' version (or the one named) moved while `write` ran. */
  async function moves(write: () => Promise<unknown>, name: 'version' | 'actionsVersion' | 'linksVersion' = 'version'): Promise<number> {
    const before = Number((await versions.current())[name]);
    await write();
    return Number((await versions.current())[name]) - before;
  }

  /** How each version moved while `write` ran: records, actions, links. */
  async function movesOf(write: () => Promise<unknown>): Promise<[number, number, number]> {
    const before = await versions.current();
    await write();
    const after = await versions.current();
    const by = (name: 'version' | 'actionsVersion' | 'linksVersion') => Number(after[name]) - Number(before[name]);
    return [by('version'), by('actionsVersion'), by('linksVersion')];
  }

  it('moves once for an import, however many rows and statements it writes', async () => {
    const contact = {
      type: 'contact',
      id: 'OEL-NEW',
      victimId: 'V-1',
      at: '2026-11-19T12:00:00Z',
      kind: 'update',
      method: 'phone',
      byId: 'P2',
    };
    expect(await moves(async () => expect((await importText(store.db, JSON.stringify(contact))).ok).toBe(true))).toBe(1);
  });

  it('moves for a reassignment in Teams', async () => {
    const reassign = () =>
      new AllocationStore(store.db).reassign({
        caseId: 'CR-1',
        expectedOicId: 'P2',
        toOicId: 'P1',
        toUnitId: 'N-T1',
        changedBy: 'P1',
        reason: 'cover',
        at: SMALL_FORCE_NOW,
        itemRef: 'ref',
      });
    expect(await moves(async () => expect((await reassign()).kind).toBe('reassigned'))).toBe(1);
  });

  it("does not move for the items a card showed; an acknowledgement's planned date moves the actions version only", async () => {
    expect(await movesOf(() => new ItemRefStore(store.db).record([item], SMALL_FORCE_NOW))).toEqual([0, 0, 0]);
    const acknowledge = () =>
      new AcknowledgementStore(store.db).acknowledge({
        itemRef: itemRef(item),
        personId: 'P2',
        at: SMALL_FORCE_NOW,
        note: null,
        plannedOn: '2026-11-21',
        caseId: item.caseId,
      });
    expect(await movesOf(acknowledge)).toEqual([0, 1, 0]);
    // A hand repair of the items acknowledged (an update of their refs) is an action too.
    expect(await movesOf(() => store.db.query(`update digest_item_refs set victim_id = victim_id`))).toEqual([0, 1, 0]);
  });

  it('moves the links version only when a Teams user is linked to a person by address, and again when unlinked', async () => {
    const link = { teamsUserId: '29:teams-p3', aadObjectId: 'aad-teams-p3', personId: 'P3', matchedBy: 'email' as const };
    const save = () =>
      new TeamsLinkStore(store.db).saveLink({ ...link, teamsUpn: null, teamsEmail: 'p3@example.police.uk' }, SMALL_FORCE_NOW);
    expect(await movesOf(save)).toEqual([0, 0, 1]);
    // The same link again changes no row.
    expect(await movesOf(save)).toEqual([0, 0, 0]);
    expect(await movesOf(() => store.db.query(`delete from teams_links where teams_user_id = '29:teams-p3'`))).toEqual([0, 0, 1]);
  });

  it('moves the records and the actions versions once each for a transaction that writes both', async () => {
    const both = () =>
      store.db.transaction(async (tx) => {
        await tx.query(`update acknowledgements set note = note`);
        await tx.query(`update people set name = name || '' where id = 'P1'`);
        await tx.query(`update acknowledgements set note = note`);
      });
    expect(await movesOf(both)).toEqual([1, 1, 0]);
  });

  it('moves when the working calendar (the bank holidays) changes, and not when a start rebuilds the same one', async () => {
    expect(await moves(() => rebuildWorkingCalendar(store.db, calendar, 2024, 2028))).toBe(0);
    // A new bank holiday (a state occasion on Tue 1 Dec 2026): figures due around it move.
    const withHoliday = { isWorkingDay: (date: string) => date !== '2026-12-01' && calendar.isWorkingDay(date) };
    expect(await moves(() => rebuildWorkingCalendar(store.db, withHoliday, 2024, 2028))).toBe(1);
    expect(await moves(() => rebuildWorkingCalendar(store.db, calendar, 2024, 2028))).toBe(1);
  });

  it('does not move for a write that rolls back', async () => {
    const failing = () =>
      store.db.transaction(async (tx) => {
        await tx.query(`update cases set closed_at = now() where id = 'CR-1'`);
        throw new Error('rolled back');
      });
    expect(await moves(() => failing().catch(() => undefined))).toBe(0);
  });

  it('moves for a write made outside the repositories (a repair by hand)', async () => {
    expect(await moves(() => store.db.query(`update people set name = 'PC 2002 Patel-Jones' where id = 'P2'`))).toBe(1);
  });

  it('keeps the latest instant the records carry, as written, and never earlier', async () => {
    // The reassignment above, at SMALL_FORCE_NOW, is the latest instant of the small force's records.
    expect((await versions.current()).lastEventMs).toBe(SMALL_FORCE_NOW.getTime());
    const later = {
      type: 'contact',
      id: 'OEL-LATER',
      victimId: 'V-1',
      at: '2026-11-25T09:30:00.123Z',
      kind: 'update',
      method: 'phone',
      byId: 'P2',
    };
    expect((await importText(store.db, JSON.stringify(later))).ok).toBe(true);
    expect((await versions.current()).lastEventMs).toBe(Date.parse('2026-11-25T09:30:00.123Z'));
    // A closure moved later by hand (an update) counts too, rounded up to the millisecond.
    await store.db.query(`update cases set closed_at = '2026-12-01T00:00:00.0005Z' where id = 'CR-4'`);
    expect((await versions.current()).lastEventMs).toBe(Date.parse('2026-12-01T00:00:00.001Z'));
    // Undoing it leaves an instant too late, which is safe: the cache keeps exact instants before it.
    await store.db.query(`update cases set closed_at = null where id = 'CR-4'`);
    expect((await versions.current()).lastEventMs).toBe(Date.parse('2026-12-01T00:00:00.001Z'));
  });
});
