import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROOT, runVcop } from '../../support/vcop-cli.js';
import { openDb } from '../../../src/store/connect.js';

/**
 * `vcop figures` prints what GET /v1/units/{id}/compliance answers at that instant, promises included:
 * PS Smith acknowledged V-2's overdue update (North Team 1) on Fri 20 Nov, "update planned by Tue 24 Nov".
 */
let folder: string;

/** `vcop <args>` on this test's data folder (tests/support/vcop-cli.ts). */
const vcop = (args: string[]) => runVcop(folder, args);

beforeAll(async () => {
  folder = await mkdtemp(join(tmpdir(), 'vcop-figures-'));
  expect((await vcop(['import', join(ROOT, 'tests/fixtures/small-force.ndjson')])).code).toBe(0);
  const db = await openDb({ dataDir: join(folder, 'data') });
  try {
    await db.query(
      `insert into digest_item_refs (ref, kind, victim_id, case_id, due_date, unit_id, first_seen_at)
       values ('ref-v2', 'update_overdue', 'V-2', 'CR-2', '2026-11-03', 'N-T1', '2026-11-20T07:00:00Z')`,
    );
    await db.query(
      `insert into acknowledgements (item_ref, person_id, at, note, planned_on) values ('ref-v2', 'P1', '2026-11-20T07:42:00Z', null, '2026-11-24')`,
    );
  } finally {
    await db.close();
  }
}, 180_000);

afterAll(async () => {
  await rm(folder, { recursive: true, force: true });
});

describe('vcop figures', () => {
  it('prints the promises with the figures, graded at the instant asked for', async () => {
    const now = await vcop(['figures', '--unit', 'N-T1']);
    expect(now.code, now.stderr).toBe(0);
    expect(JSON.parse(now.stdout)).toMatchObject({ unit: { id: 'N-T1' }, total: 3, promises: { kept: 0, missed: 0, open: 1 } });
    const after = await vcop(['figures', '--unit', 'N-T1', '--at', '2026-11-25T09:00:00Z']);
    expect(JSON.parse(after.stdout).promises).toEqual({ kept: 0, missed: 1, open: 0 });
  }, 120_000);
});
