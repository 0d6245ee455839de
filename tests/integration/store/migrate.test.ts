import { afterEach, describe, expect, it } from 'vitest';
import { loadMigrations, migrate } from '../../../src/store/migrate.js';
import { DRIVERS, openTestDb, type TestDb } from '../../support/test-db.js';

describe.each(DRIVERS)('migrations on %s', (driver) => {
  let store: TestDb | undefined;
  afterEach(() => store?.dispose());

  it('applies every numbered file once, in order, and does nothing the second time', async () => {
    store = await openTestDb(driver, { migrated: false });
    const files = (await loadMigrations()).map((m) => m.name);
    expect(files[0]).toBe('001_compliance.sql');
    expect(await migrate(store.db)).toEqual(files);
    expect(await migrate(store.db)).toEqual([]);
    const recorded = await store.db.query<{ name: string }>('select name from schema_migrations order by version');
    expect(recorded.map((r) => r.name)).toEqual(files);
  });

  it('lets concurrent starts migrate safely: one applies, the others find nothing to do', async () => {
    store = await openTestDb(driver, { migrated: false });
    const results = await Promise.all([migrate(store.db), migrate(store.db), migrate(store.db)]);
    expect(results.flat()).toEqual((await loadMigrations()).map((m) => m.name));
  });

  it('keeps the audit log append-only', async () => {
    store = await openTestDb(driver);
    await store.db.query(`insert into audit_log (at, action, subject) values (now(), 'test', 'x')`);
    await expect(store.db.query(`update audit_log set action = 'changed'`)).rejects.toThrow(/append-only/);
    await expect(store.db.query('delete from audit_log')).rejects.toThrow(/append-only/);
    expect(await store.db.query('select action from audit_log')).toEqual([{ action: 'test' }]);
  });
});
