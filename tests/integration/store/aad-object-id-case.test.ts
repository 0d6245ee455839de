import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { loadMigrations, migrate } from '../../../src/store/migrate.js';
import { SqlPeopleDirectory } from '../../../src/store/sql-people-directory.js';
import { DRIVERS, importText, openTestDb, smallForceNdjson, type TestDb } from '../../support/test-db.js';

/** Entra object ids are GUIDs: letter case means nothing (issue 10). */
describe.each(DRIVERS)('Entra object ids without letter case, on %s', (driver) => {
  let store: TestDb;

  afterEach(() => store.dispose());

  describe('imported and looked up', () => {
    beforeEach(async () => {
      store = await openTestDb(driver);
      const extract = (await smallForceNdjson()).replace('"aadObjectId":"aad-p2"', '"aadObjectId":"6F1C2B9A-0D4E-4C1A-9A7B-2F4E6D8C0B1A"');
      expect((await importText(store.db, extract)).ok).toBe(true);
    });

    it('are stored in lower case and found whatever the case Teams sends', async () => {
      const [row] = await store.db.query<{ aad_object_id: string }>(`select aad_object_id from people where id = 'P2'`);
      expect(row?.aad_object_id).toBe('6f1c2b9a-0d4e-4c1a-9a7b-2f4e6d8c0b1a');
      const people = new SqlPeopleDirectory(store.db);
      for (const sent of [
        '6f1c2b9a-0d4e-4c1a-9a7b-2f4e6d8c0b1a',
        '6F1C2B9A-0D4E-4C1A-9A7B-2F4E6D8C0B1A',
        '6f1C2b9A-0d4E-4c1A-9a7B-2f4E6d8C0b1A',
      ]) {
        expect((await people.findByAadObjectId(sent))?.id, sent).toBe('P2');
      }
      expect((await people.findByAadObjectId('AAD-P1'))?.id).toBe('P1');
    });

    it('refuse a later import giving another person the same id in other letters', async () => {
      const other = JSON.stringify({
        type: 'person',
        id: 'P90',
        name: 'PC 90 Other',
        unitId: 'N-T1',
        role: 'officer',
        aadObjectId: '6f1c2b9a-0d4e-4c1a-9a7b-2F4E6D8C0B1A',
      });
      expect(await importText(store.db, other)).toEqual({
        ok: false,
        lines: 1,
        errorCount: 1,
        errors: [
          {
            line: 1,
            message:
              'person P90 has aadObjectId 6f1c2b9a-0d4e-4c1a-9a7b-2f4e6d8c0b1a, which person P2 also has: an Entra object id maps to one person',
          },
        ],
      });
    });
  });

  describe('stored before they were compared without case', () => {
    beforeEach(async () => {
      store = await openTestDb(driver, { migrated: false });
      const migrations = await loadMigrations();
      const lowerCasing = migrations.find((m) => m.name === '002_aad_object_id_lower_case.sql');
      expect(lowerCasing).toBeDefined();
      await migrate(
        store.db,
        migrations.filter((m) => m !== lowerCasing),
      );
      await store.db.exec(`
        insert into units (id, name, kind, parent_id) values ('FORCE', 'Force', 'force', null);
        insert into people (id, name, unit_id, role, aad_object_id) values
          ('P1', 'PC 1', 'FORCE', 'officer', 'ABC-Upper'),
          ('P2', 'PC 2', 'FORCE', 'officer', 'dup-id'),
          ('P3', 'PC 3', 'FORCE', 'officer', 'DUP-ID'),
          ('P4', 'PC 4', 'FORCE', 'officer', null);
      `);
      expect(await migrate(store.db, migrations)).toEqual(['002_aad_object_id_lower_case.sql']);
    });

    it('are lower-cased by the migration, except two that differ only in case, which stay for the next import to name', async () => {
      const rows = await store.db.query<{ id: string; aad_object_id: string | null }>('select id, aad_object_id from people order by id');
      expect(rows).toEqual([
        { id: 'P1', aad_object_id: 'abc-upper' },
        { id: 'P2', aad_object_id: 'dup-id' },
        { id: 'P3', aad_object_id: 'DUP-ID' },
        { id: 'P4', aad_object_id: null },
      ]);
      expect((await new SqlPeopleDirectory(store.db).findByAadObjectId('ABC-UPPER'))?.id).toBe('P1');
    });
  });
});
