import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { loadMigrations, migrate } from '../../../src/store/migrate.js';
import { DRIVERS, openTestDb, type TestDb } from '../../support/test-db.js';

/**
 * migrations/170_teams_identity.sql on a store in use: people who already talk to the bot by Entra object
 * id are linked from their personal chat's saved Teams user, so the report does not list them as never seen.
 */
describe.each(DRIVERS)('the Teams identity migration on %s', (driver) => {
  let store: TestDb;

  beforeEach(async () => {
    store = await openTestDb(driver, { migrated: false });
    const migrations = await loadMigrations();
    // The store as it stood before migration 170: every earlier migration, none after.
    await migrate(
      store.db,
      migrations.filter((m) => m.name < '170_teams_identity.sql'),
    );
    const reference = (userId: string, aad: string) =>
      JSON.stringify({ conversation: { id: `chat-${userId}` }, user: { id: userId, aadObjectId: aad }, serviceUrl: 'http://127.0.0.1:9/' });
    await store.db.exec(`
      insert into units (id, name, kind, parent_id) values ('FORCE', 'Force', 'force', null);
      insert into people (id, name, unit_id, role, aad_object_id) values
        ('P1', 'PC 1', 'FORCE', 'officer', 'aad-p1'),
        ('P2', 'PC 2', 'FORCE', 'officer', 'aad-p2'),
        ('P3', 'PC 3', 'FORCE', 'officer', null);
      insert into conversations (id, reference, scope, person_id) values
        ('chat-29:p1', '${reference('29:p1', 'AAD-P1')}', 'personal', 'P1'),
        ('chat-29:old', '${reference('29:old', 'aad-someone-else')}', 'personal', 'P2'),
        ('channel', '${reference('29:p3', 'aad-p3')}', 'team', null);
    `);
    expect((await migrate(store.db, migrations))[0]).toBe('170_teams_identity.sql');
  });
  afterEach(async () => {
    await store.dispose();
  });

  it("links each person whose personal chat's Teams user carries their Entra id, and no one else", async () => {
    expect(
      await store.db.query(
        'select teams_user_id, aad_object_id, person_id, matched_by, teams_upn, teams_email from teams_links order by 1',
      ),
    ).toEqual([
      { teams_user_id: '29:p1', aad_object_id: 'aad-p1', person_id: 'P1', matched_by: 'aadObjectId', teams_upn: null, teams_email: null },
    ]);
  });
});
