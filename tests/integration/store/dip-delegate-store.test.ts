import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DipDelegateStore } from '../../../src/store/dip-delegate-store.js';
import { dipForceNdjson } from '../../support/dip-force.js';
import { DRIVERS, importText, openTestDb, type TestDb } from '../../support/test-db.js';

const AT = new Date('2026-11-20T10:00:00Z');

describe.each(DRIVERS)('dip-audit delegates on %s', (driver) => {
  let store: TestDb;
  const audit = () =>
    store.db.query<{ actor_id: string; action: string; subject: string; details: unknown }>(
      `select actor_id, action, subject, details from audit_log where action like 'dip_delegate.%' order by id`,
    );

  beforeAll(async () => {
    store = await openTestDb(driver);
    expect(await importText(store.db, dipForceNdjson(), { now: AT })).toMatchObject({ ok: true });
  }, 60_000);

  afterAll(async () => {
    await store?.dispose();
  });

  it('names one delegate per unit, replaces them, removes them, and audits each change once', async () => {
    const delegates = new DipDelegateStore(store.db);
    expect(await delegates.set({ unitId: 'N-LPA', delegateId: 'P1', actorId: 'P5', at: AT })).toBeNull();
    expect(await delegates.set({ unitId: 'N-LPA', delegateId: 'P1', actorId: 'P5', at: AT })).toBe('P1');
    expect(await delegates.set({ unitId: 'N-LPA', delegateId: 'P3', actorId: 'P5', at: AT })).toBe('P1');
    expect((await delegates.delegatedTo('P3')).map((d) => d.unitId)).toEqual(['N-LPA']);
    expect(await delegates.delegatedTo('P1')).toEqual([]);
    expect(await delegates.set({ unitId: 'N-LPA', delegateId: null, actorId: 'P5', at: AT })).toBe('P3');
    expect(await delegates.delegateOf('N-LPA')).toBeNull();
    expect(await audit()).toEqual([
      { actor_id: 'P5', action: 'dip_delegate.named', subject: 'unit:N-LPA', details: { delegateId: 'P1', previousDelegateId: null } },
      { actor_id: 'P5', action: 'dip_delegate.named', subject: 'unit:N-LPA', details: { delegateId: 'P3', previousDelegateId: 'P1' } },
      { actor_id: 'P5', action: 'dip_delegate.removed', subject: 'unit:N-LPA', details: { delegateId: null, previousDelegateId: 'P3' } },
    ]);
  });

  it('refuses a delegate for a unit that is not in the records, and stores nothing', async () => {
    const delegates = new DipDelegateStore(store.db);
    await expect(delegates.set({ unitId: 'NO-SUCH-UNIT', delegateId: 'P1', actorId: 'P5', at: AT })).rejects.toThrow();
    expect(await delegates.delegateOf('NO-SUCH-UNIT')).toBeNull();
    expect(await audit()).toHaveLength(3);
  });
});
