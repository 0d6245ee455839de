import { readFile } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createServices, type AppServices } from '../../../src/app.js';
import { readConfig } from '../../../src/config/env.js';
import { createLogger } from '../../../src/log/logger.js';
import { AllocationStore } from '../../../src/store/allocation-store.js';

let services: AppServices;
let store: AllocationStore;
const at = new Date('2026-11-20T08:00:00Z');

beforeAll(async () => {
  services = await createServices(
    readConfig({ LOG_LEVEL: 'silent', VCOP_DATA_DIR: 'memory://', VCOP_DEMO: '0', VCOP_SCHEDULER: '0', VCOP_NOW: '2026-11-20T10:00:00Z' }),
    createLogger({ level: 'silent' }),
  );
  const ndjson = await readFile(new URL('../../fixtures/small-force.ndjson', import.meta.url), 'utf8');
  const result = await services.importNdjson((async function* () {
    yield ndjson;
  })());
  if (!result.ok) throw new Error('the small force did not import');
  store = new AllocationStore(services.db);
}, 60_000);

afterAll(async () => {
  await services?.db.close();
});

const move = (caseId: string, from: string, to: string, when = at) =>
  store.reassign({ caseId, expectedOicId: from, toOicId: to, toUnitId: 'N-T1', changedBy: 'P1', reason: 'cover', at: when, itemRef: 'ref' });

describe('AllocationStore', () => {
  it('closes the current allocation and opens a new one; a stale expectation changes nothing', async () => {
    expect(await move('CR-1', 'P2', 'P1')).toMatchObject({ kind: 'reassigned', change: { from: { oicId: 'P2' }, to: { oicId: 'P1' } } });
    expect(await move('CR-1', 'P2', 'P1')).toMatchObject({ kind: 'changed_meanwhile', current: { oicId: 'P1' } });
    const rows = await services.db.query<{ oic_id: string; closed: boolean }>(
      `select oic_id, valid_to <> 'infinity' as closed from case_allocations where case_id = 'CR-1' order by id`,
    );
    expect(rows).toEqual([{ oic_id: 'P2', closed: true }, { oic_id: 'P1', closed: false }]);
  });

  it('pages the change feed without splitting the changes of one instant', async () => {
    await move('CR-2', 'P2', 'P1', new Date('2026-11-20T09:00:00Z'));
    await move('CR-1', 'P1', 'P2', new Date('2026-11-20T09:00:00Z'));
    const since = new Date('2026-11-20T08:30:00Z');
    expect((await store.changesSince(since, 1)).map((c) => c.caseId)).toEqual(['CR-2', 'CR-1']);
    expect(await store.changesSince(new Date('2026-11-20T09:00:00Z'))).toEqual([]);
    expect((await store.changesSince(new Date(0))).map((c) => c.at)).toEqual(['2026-11-20T08:00:00.000Z', '2026-11-20T09:00:00.000Z', '2026-11-20T09:00:00.000Z']);
  });
});
