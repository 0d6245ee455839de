import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AppServices } from '../../../src/app.js';
import { AllocationStore } from '../../../src/store/allocation-store.js';
import { smallForceServices } from '../../support/small-force-services.js';

let services: AppServices;
let store: AllocationStore;
const at = new Date('2026-11-20T08:00:00Z');

beforeAll(async () => {
  services = await smallForceServices(new Date('2026-11-20T10:00:00Z'));
  store = new AllocationStore(services.db);
}, 60_000);

afterAll(async () => {
  await services?.db.close();
});

const move = (caseId: string, from: string, to: string, when = at) =>
  store.reassign({
    caseId,
    expectedOicId: from,
    toOicId: to,
    toUnitId: 'N-T1',
    changedBy: 'P1',
    reason: 'cover',
    at: when,
    itemRef: 'ref',
  });

describe('AllocationStore', () => {
  it('closes the current allocation and opens a new one; a stale expectation changes nothing', async () => {
    expect(await move('CR-1', 'P2', 'P1')).toMatchObject({ kind: 'reassigned', change: { from: { oicId: 'P2' }, to: { oicId: 'P1' } } });
    expect(await move('CR-1', 'P2', 'P1')).toMatchObject({ kind: 'changed_meanwhile', current: { oicId: 'P1' } });
    const rows = await services.db.query<{ oic_id: string; closed: boolean }>(
      `select oic_id, valid_to <> 'infinity' as closed from case_allocations where case_id = 'CR-1' order by id`,
    );
    expect(rows).toEqual([
      { oic_id: 'P2', closed: true },
      { oic_id: 'P1', closed: false },
    ]);
  });

  it('pages the change feed in the order the changes were committed, changes of one instant included', async () => {
    await move('CR-2', 'P2', 'P1', new Date('2026-11-20T09:00:00Z'));
    await move('CR-1', 'P1', 'P2', new Date('2026-11-20T09:00:00Z'));
    const first = await store.changesAfter({ kind: 'instant', after: new Date('2026-11-20T08:30:00Z') }, 1);
    expect(first).toMatchObject({ changes: [{ caseId: 'CR-2' }], complete: false });
    const second = await store.changesAfter({ kind: 'position', after: first.next }, 1);
    expect(second).toMatchObject({ changes: [{ caseId: 'CR-1' }], complete: false });
    expect(await store.changesAfter({ kind: 'position', after: second.next })).toMatchObject({ changes: [], complete: true });
    expect((await store.changesAfter({ kind: 'instant', after: new Date(0) })).changes.map((c) => c.at)).toEqual([
      '2026-11-20T08:00:00.000Z',
      '2026-11-20T09:00:00.000Z',
      '2026-11-20T09:00:00.000Z',
    ]);
  });
});
