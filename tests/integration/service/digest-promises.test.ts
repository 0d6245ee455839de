import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AppServices } from '../../../src/app.js';
import { itemRef } from '../../../src/domain/digest.js';
import type { Person } from '../../../src/domain/types.js';
import { acknowledgeItem } from '../../../src/service/acknowledge-item.js';
import { buildDigest } from '../../../src/service/build-digest.js';
import { promiseFiguresAt, promiseFiguresForPeriod } from '../../../src/service/promise-figures.js';
import { resolvePeriod } from '../../../src/domain/periods.js';
import { smallForceServices } from '../../support/small-force-services.js';

/**
 * A promise belongs to a duty and its deadline, not to one card. North Team 2's V-4 (CR-3, PC Jones) has
 * its needs assessment due Mon 23 Nov. On Friday 20 Nov PS Evans acknowledges the item while it is due
 * soon, "needs assessment planned by Sat 21 Nov". On Tuesday the same deadline is a breach: a new item
 * with a new ref, no acknowledgement of its own, and the promise, missed.
 */
const FRIDAY = new Date('2026-11-20T10:00:00Z');
const TUESDAY = new Date('2026-11-24T10:00:00Z');

let services: AppServices;
let evans: Person;

beforeAll(async () => {
  services = await smallForceServices(FRIDAY);
  evans = (await services.people.findById('P4')) as Person;
  const friday = await buildDigest(services, { unitId: 'N-T2', viewer: evans, at: FRIDAY });
  const dueSoon = friday.entries.find((entry) => entry.item.victimId === 'V-4' && entry.item.kind === 'needs_assessment_due_soon');
  if (!dueSoon) throw new Error('the fixture no longer gives V-4 a needs assessment due soon on 20 Nov');
  const result = await acknowledgeItem(services, { actor: evans, itemRef: dueSoon.itemRef, plannedOn: '2026-11-21', at: FRIDAY });
  expect(result).toMatchObject({ kind: 'acknowledged', firstTime: true });
}, 60_000);

afterAll(async () => {
  await services?.db.close();
});

describe('promises on the digest', () => {
  it('shows the promise on the due-soon item it was given on, open', async () => {
    const digest = await buildDigest(services, { unitId: 'N-T2', viewer: evans, at: new Date('2026-11-21T20:00:00Z') });
    const entry = digest.entries.find((e) => e.item.victimId === 'V-4')!;
    expect(entry.acknowledgement?.plannedOn).toBe('2026-11-21');
    expect(entry.promise).toMatchObject({ itemRef: entry.itemRef, plannedOn: '2026-11-21', state: 'AMBER', personName: 'PS 1004 Evans' });
    expect(digest.promises).toEqual({ kept: 0, missed: 0, open: 1 });
  });

  it('carries it to the overdue item of the same deadline, missed, though that item has no acknowledgement of its own', async () => {
    const digest = await buildDigest(services, { unitId: 'N-T2', viewer: evans, at: TUESDAY });
    const entry = digest.entries.find((e) => e.item.victimId === 'V-4')!;
    expect(entry.item).toMatchObject({ kind: 'needs_assessment_missing', dueDate: '2026-11-23' });
    expect(entry.acknowledgement).toBeNull();
    expect(entry.promise).toMatchObject({ plannedOn: '2026-11-21', state: 'RED' });
    expect(entry.promise?.itemRef).not.toBe(itemRef(entry.item));
    expect(digest.promises).toEqual({ kept: 0, missed: 1, open: 0 });
  });

  it("is PC Jones's own on his reminder, and no one else's", async () => {
    const jones = (await services.people.findById('P3')) as Person;
    const own = await buildDigest(services, { officerId: 'P3', viewer: jones, at: TUESDAY });
    expect(own.entries.find((e) => e.item.victimId === 'V-4')?.promise?.state).toBe('RED');
    expect(own.promises).toEqual({ kept: 0, missed: 1, open: 0 });
    const patel = (await services.people.findById('P2')) as Person;
    const other = await buildDigest(services, { officerId: 'P2', viewer: patel, at: TUESDAY });
    expect(other.promises).toEqual({ kept: 0, missed: 0, open: 0 });
    expect(other.entries.every((e) => e.promise === null)).toBe(true);
  });

  it('gives a question its figures: a unit or an officer at an instant, and a period with the one before', async () => {
    expect(await promiseFiguresAt(services.queries, { kind: 'unit', unitId: 'N-LPA' }, TUESDAY)).toEqual({
      at: TUESDAY,
      promises: { kept: 0, missed: 1, open: 0 },
    });
    expect(
      (await promiseFiguresAt(services.queries, { kind: 'officer', officerId: 'P3', withinUnitId: 'N-T1' }, TUESDAY)).promises,
    ).toEqual({
      kept: 0,
      missed: 0,
      open: 0,
    });
    const november = resolvePeriod({ kind: 'month', year: 2026, month: 11 }, TUESDAY, 'Europe/London');
    const figures = await promiseFiguresForPeriod(services.queries, { kind: 'unit', unitId: 'N-T2' }, november);
    expect(figures.promises).toEqual({ kept: 0, missed: 1, open: 0 });
    expect(figures.previous.promises).toEqual({ kept: 0, missed: 0, open: 0 });
  });
});
