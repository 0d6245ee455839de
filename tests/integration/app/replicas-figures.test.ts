import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createServices, type AppServices } from '../../../src/app.js';
import { createLogger } from '../../../src/log/logger.js';
import { itemRef } from '../../../src/domain/digest.js';
import { AcknowledgementStore } from '../../../src/store/acknowledgement-store.js';
import { AllocationStore } from '../../../src/store/allocation-store.js';
import { ItemRefStore } from '../../../src/store/item-ref-store.js';
import { SqlComplianceQueries } from '../../../src/store/sql-compliance-queries.js';
import { SqlPeopleDirectory } from '../../../src/store/sql-people-directory.js';
import { createTestSchema } from '../../support/postgres-schema.js';
import { importRecords } from '../../support/small-force-services.js';
import { testConfig } from '../../support/test-app.js';
import { smallForceNdjson } from '../../support/test-db.js';

/**
 * Two replicas of the application (two createServices) on one PostgreSQL database, each with its own figures
 * cache: a change made through one is in the other's very next answer, with no restart and no wait.
 * Needs TEST_DATABASE_URL (PGlite's data folder is one process's).
 */
const NOW = new Date('2026-11-20T10:00:00Z');

describe.skipIf(!process.env.TEST_DATABASE_URL)('two replicas on one PostgreSQL database', () => {
  let schema: Awaited<ReturnType<typeof createTestSchema>>;
  let first: AppServices;
  let second: AppServices;

  beforeAll(async () => {
    schema = await createTestSchema('replicas');
    const replica = () =>
      createServices(testConfig({ DATABASE_URL: schema.url, VCOP_NOW: NOW.toISOString() }), createLogger({ level: 'silent' }));
    first = await replica();
    second = await replica();
    expect((await importRecords(first, await smallForceNdjson())).ok).toBe(true);
  }, 60_000);
  afterAll(async () => {
    await first?.db.close();
    await second?.db.close();
    await schema?.drop();
  });

  /** What a fresh evaluation on the shared database says, to compare the replica's cached answer with. */
  const fresh = () => new SqlComplianceQueries(second.db, second.policy);

  it("sees the other replica's import in its next answer", async () => {
    const before = await second.queries.figures('N-T1', NOW);
    expect(await second.queries.figures('N-T1', NOW)).toEqual(before); // now kept by the second replica
    // The first replica records V-3's needs assessment (CR-2, a month overdue): N-T1's figures change.
    expect((await importRecords(first, { type: 'needsAssessment', victimId: 'V-3', completedAt: '2026-11-19T17:00:00Z' })).ok).toBe(true);
    const after = await second.queries.figures('N-T1', NOW);
    expect(after).toEqual(await fresh().figures('N-T1', NOW));
    expect(after.needsAssessment.compliant).toBe(before.needsAssessment.compliant + 1);
  });

  it("sees the other replica's reassignment in its next answer", async () => {
    const before = await second.queries.breakdown('N-T1', NOW);
    expect(before.officers.map((o) => o.officer.id)).toContain('P2');
    const moved = await new AllocationStore(first.db).reassign({
      caseId: 'CR-1',
      expectedOicId: 'P2',
      toOicId: 'P1',
      toUnitId: 'N-T1',
      changedBy: 'P1',
      reason: 'cover',
      at: new Date(NOW.getTime() - 60_000),
      itemRef: 'ref',
    });
    expect(moved.kind).toBe('reassigned');
    const after = await second.queries.breakdown('N-T1', NOW);
    expect(after).toEqual(await fresh().breakdown('N-T1', NOW));
    expect(after).not.toEqual(before);
  });

  it("sees the other replica's new person in the people its next question reads", async () => {
    const before = await second.people.listWithin('FORCE');
    expect(await second.people.listWithin('FORCE')).toEqual(before); // now kept by the second replica
    const person = { type: 'person', id: 'P-REPLICA', name: 'PC 2077 Adeyemi', unitId: 'N-T1', role: 'officer', aadObjectId: 'aad-p77' };
    expect((await importRecords(first, person)).ok).toBe(true);
    const after = await second.people.listWithin('FORCE');
    expect(after.map((p) => p.id)).toContain('P-REPLICA');
    expect(after).toEqual(await new SqlPeopleDirectory(second.db).listWithin('FORCE'));
  });

  it("sees the other replica's acknowledgement in its next promise counts, and keeps its figures", async () => {
    const figures = await second.queries.figures('N-T1', NOW);
    const promises = await second.queries.promiseCounts('N-T1', NOW);
    const [item] = (await fresh().digest('N-T1', NOW)).items;
    if (!item) throw new Error('N-T1 has no item to acknowledge');
    await new ItemRefStore(first.db).record([item], NOW);
    const acknowledgement = { itemRef: itemRef(item), personId: item.oicId, at: NOW, note: null, caseId: item.caseId };
    await new AcknowledgementStore(first.db).acknowledge({ ...acknowledgement, plannedOn: '2026-11-23' });
    const after = await second.queries.promiseCounts('N-T1', NOW);
    expect(after).toEqual(await fresh().promiseCounts('N-T1', NOW));
    expect(after).not.toEqual(promises);
    expect(await second.queries.figures('N-T1', NOW)).toEqual(figures);
  });
});
