import { readFile } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadPolicy } from '../../../src/config/load-policy.js';
import { itemRef } from '../../../src/domain/digest.js';
import { OBLIGATION_IDS, type Policy } from '../../../src/domain/policy.js';
import type { DigestItem } from '../../../src/domain/types.js';
import { digestPromises } from '../../../src/service/digest-promises.js';
import { AcknowledgementStore } from '../../../src/store/acknowledgement-store.js';
import { ItemRefStore } from '../../../src/store/item-ref-store.js';
import { PromiseStore } from '../../../src/store/promise-store.js';
import { SqlComplianceQueries } from '../../../src/store/sql-compliance-queries.js';
import { rebuildWorkingCalendar } from '../../../src/store/working-calendar-store.js';
import { DRIVERS, importText, openTestDb, type TestDb } from '../../support/test-db.js';

/**
 * The later duties in the store's digests, over tests/fixtures/later-duties.ndjson (worked by hand in
 * tests/integration/api/obligations-api.test.ts) at Wednesday 8 April 2026, 12:00 BST, after Easter and the
 * clock change. Added here: a second decision on CR-A the same day (DEC-A2, released on bail), so two items
 * of one victim share a due date, and V-C's case moves to a second officer, P2.
 *
 * With every duty in the digest, by hand (due soon: within 3 days):
 * - V-B (CR-B): written acknowledgement due Mon 30 Mar, none: 9 days overdue.
 * - V-C (CR-C): referral due Tue 31 Mar, not made: 8 days overdue.
 * - V-E (CR-E): written acknowledgement due Thu 2 Apr, none: 6 days overdue.
 * - V-A (CR-A, enhanced): DEC-A and DEC-A2 of Thu 2 Apr, 1 working day over Easter: due Tue 7 Apr, 1 day overdue
 *   each; referral due Wed 8 Apr, today: due soon.
 * - V-D (CR-D): written acknowledgement due Thu 9 Apr and needs assessment due Fri 10 Apr: due soon.
 */
const NOW = new Date('2026-04-08T11:00:00Z');
const EXTRA = [
  { type: 'person', id: 'P2', name: 'PC 2002 Lowe', unitId: 'T1', role: 'officer' },
  { type: 'decision', id: 'DEC-A2', caseId: 'CR-A', at: '2026-04-02T18:00:00+01:00', kind: 'released_on_bail' },
  { type: 'case', id: 'CR-C', recordedAt: '2026-03-29T00:30:00Z', offence: 'Criminal damage', category: 'other', unitId: 'T1' },
];

const row = (item: DigestItem) => [item.kind, item.caseId, item.dueDate, item.daysOverdue, item.enhanced, item.decisionId ?? null];

describe.each(DRIVERS)('the later duties in digests on %s', (driver) => {
  let store: TestDb;
  let policy: Policy;
  let everyDuty: Policy;

  beforeAll(async () => {
    store = await openTestDb(driver);
    const loaded = await loadPolicy({});
    policy = loaded.policy;
    everyDuty = { ...policy, digestDuties: [...OBLIGATION_IDS] };
    await rebuildWorkingCalendar(store.db, loaded.calendar, 2024, 2028);
    const text = await readFile(new URL('../../fixtures/later-duties.ndjson', import.meta.url), 'utf8');
    const extra = (type: string) => EXTRA.filter((r) => (r.type === 'case') === (type === 'case')).map((r) => JSON.stringify(r));
    const first = await importText(store.db, `${text.trim()}\n${extra('other').join('\n')}`, { now: new Date('2026-04-08T08:00:00Z') });
    expect(first).toMatchObject({ ok: true });
    // A later extract: CR-C now allocated to P2.
    const moved = EXTRA.filter((r) => r.type === 'case').map((r) => JSON.stringify({ ...r, oicId: 'P2', closedAt: null }));
    expect(await importText(store.db, moved.join('\n'), { now: new Date('2026-04-08T09:00:00Z') })).toMatchObject({ ok: true });
  });
  afterAll(() => store.dispose());

  it('lists only the two default duties unless the policy names more', async () => {
    const digest = await new SqlComplianceQueries(store.db, policy).digest('T1', NOW);
    expect(digest.items.map(row)).toEqual([['needs_assessment_due_soon', 'CR-D', '2026-04-10', 0, false, null]]);
  });

  it('lists overdue and due-soon items of every duty named, a decision-update item per decision', async () => {
    const queries = new SqlComplianceQueries(store.db, everyDuty);
    const expected = [
      ['written_acknowledgement_overdue', 'CR-B', '2026-03-30', 9, false, null],
      ['referral_overdue', 'CR-C', '2026-03-31', 8, false, null],
      ['written_acknowledgement_overdue', 'CR-E', '2026-04-02', 6, false, null],
      ['decision_update_overdue', 'CR-A', '2026-04-07', 1, true, 'DEC-A'],
      ['decision_update_overdue', 'CR-A', '2026-04-07', 1, true, 'DEC-A2'],
      ['referral_due_soon', 'CR-A', '2026-04-08', 0, true, null],
      ['written_acknowledgement_due_soon', 'CR-D', '2026-04-09', 0, false, null],
      ['needs_assessment_due_soon', 'CR-D', '2026-04-10', 0, false, null],
    ];
    expect((await queries.digest('T1', NOW)).items.map(row)).toEqual(expected);
    expect((await queries.figuresAndDigest('T1', NOW)).digest.items.map(row)).toEqual(expected);
    expect((await queries.allTeamDigests(NOW)).find((d) => d.unit.id === 'T1')?.items.map(row)).toEqual(expected);
  });

  it("gives an officer's reminder their own new-duty items only", async () => {
    const queries = new SqlComplianceQueries(store.db, everyDuty);
    const own = await queries.digest('T1', NOW, { oicId: 'P2' });
    expect(own.items.map(row)).toEqual([['referral_overdue', 'CR-C', '2026-03-31', 8, false, null]]);
    const within = await queries.officerDigestWithin('P1', NOW, 'T1');
    expect(within.digest.items.map((i) => i.caseId)).not.toContain('CR-C');
    expect(within.digest.items.filter((i) => i.kind.startsWith('decision_update')).map((i) => i.decisionId)).toEqual(['DEC-A', 'DEC-A2']);
  });

  it('remembers a decision item with its decision, and keeps the two decisions of one day apart', async () => {
    const items = (await new SqlComplianceQueries(store.db, everyDuty).digest('T1', NOW)).items;
    const decisions = items.filter((i) => i.kind === 'decision_update_overdue');
    const refs = new ItemRefStore(store.db);
    await refs.record(items, NOW);
    const [first, second] = decisions.map(itemRef);
    expect(first).not.toBe(second);
    expect(await refs.find(first as string)).toMatchObject({ kind: 'decision_update_overdue', caseId: 'CR-A', decisionId: 'DEC-A' });
    const referral = items.find((i) => i.kind === 'referral_overdue') as DigestItem;
    expect(await refs.find(itemRef(referral))).toMatchObject({ kind: 'referral_overdue', victimId: 'V-C', decisionId: null });
  });

  it('keeps a promise on a referral and on one decision once the records show them done', async () => {
    const queries = new SqlComplianceQueries(store.db, everyDuty);
    const items = (await queries.digest('T1', NOW)).items;
    await new ItemRefStore(store.db).record(items, NOW);
    const promise = async (item: DigestItem, plannedOn: string) =>
      new AcknowledgementStore(store.db).acknowledge({
        itemRef: itemRef(item),
        personId: 'P1',
        at: NOW,
        note: null,
        plannedOn,
        caseId: item.caseId,
      });
    await promise(items.find((i) => i.kind === 'referral_overdue') as DigestItem, '2026-04-09');
    await promise(items.find((i) => i.decisionId === 'DEC-A') as DigestItem, '2026-04-10');
    await promise(items.find((i) => i.decisionId === 'DEC-A2') as DigestItem, '2026-04-09');
    const states = async (at: Date) =>
      (await new PromiseStore(store.db, everyDuty).inUnit('T1', at)).map((p) => [p.kind, p.decisionId ?? p.victimId, p.state]).sort();
    expect(await states(NOW)).toEqual([
      ['decision_update_overdue', 'DEC-A', 'AMBER'],
      ['decision_update_overdue', 'DEC-A2', 'AMBER'],
      ['referral_overdue', 'V-C', 'AMBER'],
    ]);
    // Each decision's item shows the promise given on it, not the other decision's of the same day.
    const shown = (
      await digestPromises({ queries: new SqlComplianceQueries(store.db, everyDuty) }, { kind: 'unit', unitId: 'T1' }, items, NOW)
    ).byItemRef;
    const decisionItems = items.filter((i) => i.kind === 'decision_update_overdue');
    expect(decisionItems.map((i) => [i.decisionId, shown.get(itemRef(i))?.plannedOn])).toEqual([
      ['DEC-A', '2026-04-10'],
      ['DEC-A2', '2026-04-09'],
    ]);
    // Thursday 9 April: V-C is referred, and V-A told of DEC-A only.
    const done = [
      {
        type: 'needsAssessment',
        victimId: 'V-C',
        completedAt: '2026-03-29T10:00:00+01:00',
        referralWanted: true,
        referredAt: '2026-04-09T10:00:00+01:00',
      },
      {
        type: 'contact',
        id: 'C-A9',
        victimId: 'V-A',
        at: '2026-04-09T11:00:00+01:00',
        kind: 'decision_update',
        decisionId: 'DEC-A',
        method: 'phone',
        byId: 'P1',
      },
    ];
    expect(
      await importText(store.db, done.map((r) => JSON.stringify(r)).join('\n'), { now: new Date('2026-04-09T12:00:00Z') }),
    ).toMatchObject({ ok: true });
    expect(await states(new Date('2026-04-09T12:00:00Z'))).toEqual([
      ['decision_update_overdue', 'DEC-A', 'GREEN'],
      ['decision_update_overdue', 'DEC-A2', 'AMBER'],
      ['referral_overdue', 'V-C', 'GREEN'],
    ]);
    // Friday 10 April: the promise on DEC-A2 was for the 9th and it is still not told.
    expect(await states(new Date('2026-04-10T09:00:00+01:00'))).toContainEqual(['decision_update_overdue', 'DEC-A2', 'RED']);
    const after = (await queries.digest('T1', new Date('2026-04-09T12:00:00Z'))).items;
    expect(after.filter((i) => i.caseId === 'CR-A' || i.caseId === 'CR-C').map(row)).toEqual([
      ['decision_update_overdue', 'CR-A', '2026-04-07', 2, true, 'DEC-A2'],
      // V-A's own referral, due Wed 8 Apr, is overdue from Thursday.
      ['referral_overdue', 'CR-A', '2026-04-08', 1, true, null],
    ]);
  });
});
