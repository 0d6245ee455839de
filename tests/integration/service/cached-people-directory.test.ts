import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadPolicy } from '../../../src/config/load-policy.js';
import { itemRef } from '../../../src/domain/digest.js';
import type { DigestItem } from '../../../src/domain/types.js';
import { CachedPeopleDirectory } from '../../../src/service/cached-people-directory.js';
import { AcknowledgementStore } from '../../../src/store/acknowledgement-store.js';
import { SqlDataVersion } from '../../../src/store/data-version-store.js';
import { ItemRefStore } from '../../../src/store/item-ref-store.js';
import { SqlComplianceQueries } from '../../../src/store/sql-compliance-queries.js';
import { SqlPeopleDirectory } from '../../../src/store/sql-people-directory.js';
import { TeamsLinkStore } from '../../../src/store/teams-link-store.js';
import { rebuildWorkingCalendar } from '../../../src/store/working-calendar-store.js';
import { DRIVERS, importText, openTestDb, SMALL_FORCE_NOW, smallForceNdjson, TIME_ZONE, type TestDb } from '../../support/test-db.js';

/**
 * The people a question reads (the whole force's, to find a name in it) are kept until an import changes people
 * or units, or a Teams user is linked by address: every answer is the one a fresh read gives, and an
 * acknowledgement (a button press) does not make the next question read them again.
 */
describe.each(DRIVERS)('the people directory, kept, on %s', (driver) => {
  let store: TestDb;
  let fresh: SqlPeopleDirectory;
  let reads: number;
  let people: CachedPeopleDirectory;

  beforeAll(async () => {
    const { calendar } = await loadPolicy({});
    store = await openTestDb(driver);
    await rebuildWorkingCalendar(store.db, calendar, 2024, 2028);
    expect((await importText(store.db, await smallForceNdjson())).ok).toBe(true);
    fresh = new SqlPeopleDirectory(store.db);
    // The directory under the cache counts its reads of the store.
    reads = 0;
    const counted = new SqlPeopleDirectory(store.db);
    const count =
      <A extends unknown[], R>(read: (...args: A) => Promise<R>) =>
      (...args: A) => {
        reads += 1;
        return read.apply(counted, args);
      };
    counted.listWithin = count(counted.listWithin);
    counted.findById = count(counted.findById);
    people = new CachedPeopleDirectory(counted, new SqlDataVersion(store.db), TIME_ZONE);
  });
  afterAll(() => store.dispose());

  /** Every read of the port, as the cache gives it and as the store does. */
  async function bothWays(): Promise<[unknown[], unknown[]]> {
    const all = (p: Pick<SqlPeopleDirectory, 'findById' | 'findByAadObjectId' | 'listByUnit' | 'listWithin'>) =>
      Promise.all([p.listWithin('FORCE'), p.listWithin('N-LPA'), p.listByUnit('N-T1'), p.findById('P3'), p.findByAadObjectId('aad-p2')]);
    return [await all(people), await all(fresh)];
  }

  it("reads the force's people once for many questions", async () => {
    const [first, theirs] = await bothWays();
    expect(first).toEqual(theirs);
    const before = reads;
    expect((await bothWays())[0]).toEqual(theirs);
    expect(await people.listWithin('FORCE')).toEqual(theirs[0]);
    expect(reads).toBe(before);
  });

  it('gives a copy: a caller that sorts or edits its list cannot change the next answer', async () => {
    const list = await people.listWithin('FORCE');
    const expected = await fresh.listWithin('FORCE');
    list.reverse();
    (list[0] as { name: string }).name = 'edited';
    expect(await people.listWithin('FORCE')).toEqual(expected);
  });

  it('reads an import that adds or renames a person in the very next answer', async () => {
    const added = { type: 'person', id: 'P-NEW', name: 'PC 2099 Okafor', unitId: 'N-T2', role: 'officer', aadObjectId: 'aad-new' };
    const renamed = { type: 'person', id: 'P3', name: 'PC 2003 Jones-Smith', unitId: 'N-T2', role: 'officer', aadObjectId: 'aad-p3' };
    const lines = [added, renamed].map((line) => JSON.stringify(line)).join('\n');
    expect((await importText(store.db, lines, { now: SMALL_FORCE_NOW })).ok).toBe(true);
    const [ours, theirs] = await bothWays();
    expect(ours).toEqual(theirs);
    expect((ours[0] as { id: string }[]).map((person) => person.id)).toContain('P-NEW');
    expect((ours[3] as { name: string }).name).toBe('PC 2003 Jones-Smith');
  });

  it('reads the Entra id of a Teams user linked by address in the very next answer', async () => {
    await store.db.query(`update people set aad_object_id = null where id = 'P3'`);
    expect((await people.findById('P3'))?.aadObjectId).toBeNull();
    const link = { teamsUserId: '29:teams-p3', aadObjectId: 'aad-linked-p3', personId: 'P3', matchedBy: 'email' as const };
    await new TeamsLinkStore(store.db).saveLink({ ...link, teamsUpn: null, teamsEmail: 'p3@example.police.uk' }, SMALL_FORCE_NOW);
    expect((await people.findById('P3'))?.aadObjectId).toBe('aad-linked-p3');
    const [ours, theirs] = await bothWays();
    expect(ours).toEqual(theirs);
  });

  it('does not read people again after an acknowledgement', async () => {
    await bothWays();
    const before = reads;
    const { policy } = await loadPolicy({});
    const [item] = (await new SqlComplianceQueries(store.db, policy).digest('N-T1', SMALL_FORCE_NOW)).items as DigestItem[];
    if (!item) throw new Error('the small force has no item to acknowledge');
    await new ItemRefStore(store.db).record([item], SMALL_FORCE_NOW);
    await new AcknowledgementStore(store.db).acknowledge({
      itemRef: itemRef(item),
      personId: item.oicId,
      at: SMALL_FORCE_NOW,
      note: null,
      plannedOn: '2026-11-23',
      caseId: item.caseId,
    });
    expect((await bothWays())[0]).toEqual((await bothWays())[1]);
    expect(reads).toBe(before);
  });
});
