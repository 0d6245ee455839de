import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AppServices } from '../../../src/app.js';
import { itemRef } from '../../../src/domain/digest.js';
import type { Person } from '../../../src/domain/types.js';
import { acknowledgeItem } from '../../../src/service/acknowledge-item.js';
import { ItemRefStore } from '../../../src/store/item-ref-store.js';
import { importRecords, smallForceServices } from '../../support/small-force-services.js';

/**
 * Victim V-3 is on case CR-2 (North Team 1, PC Patel) with a missing needs assessment; PS Smith's
 * morning card carries it. The records system then moves V-3 to a new case CR-7 of North Team 2 (PC
 * Jones), recorded the same day, so the item and its ref stay the same.
 */
const NOW = new Date('2026-11-20T10:00:00Z');

let services: AppServices;
let ref: string;
const person = async (id: string) => (await services.people.findById(id)) as Person;

beforeAll(async () => {
  services = await smallForceServices(NOW);
  const { items } = await services.queries.digest('N-T1', NOW);
  const item = items.find((i) => i.victimId === 'V-3' && i.kind === 'needs_assessment_missing');
  if (!item) throw new Error('the fixture no longer gives V-3 a missing needs assessment');
  ref = itemRef(item);
  await new ItemRefStore(services.db).record(items, NOW);

  const moved = await importRecords(
    services,
    {
      type: 'case',
      id: 'CR-7',
      recordedAt: '2026-10-01T09:12:00+01:00',
      offence: 'Assault occasioning ABH',
      category: 'violence',
      unitId: 'N-T2',
      oicId: 'P3',
      closedAt: null,
    },
    { type: 'victim', id: 'V-3', caseId: 'CR-7', enhanced: false },
  );
  expect(moved.ok).toBe(true);
}, 60_000);

afterAll(async () => {
  await services?.db.close();
});

describe('an item whose victim the records system moved to another case', () => {
  it('is acted on where the victim is now: the new team may, the old team is refused naming the new one', async () => {
    const oldTeam = await acknowledgeItem(services, { actor: await person('P1'), itemRef: ref, at: NOW });
    expect(oldTeam).toEqual({ kind: 'refused', reason: expect.stringContaining('This case belongs to North Team 2') });

    const newTeam = await acknowledgeItem(services, { actor: await person('P4'), itemRef: ref, at: NOW });
    expect(newTeam).toMatchObject({ kind: 'acknowledged', firstTime: true, unitId: 'N-T2' });
    const [audit] = await services.db.query<{ subject: string }>(
      `select subject from audit_log where action = 'item.acknowledged' order by id desc limit 1`,
    );
    expect(audit?.subject).toBe('case:CR-7');
  });
});
