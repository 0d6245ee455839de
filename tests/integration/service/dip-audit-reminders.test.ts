import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { defaultPolicy } from '../../../src/domain/policy.js';
import type { Person } from '../../../src/domain/types.js';
import { queueDipAuditNotices, type DipReminderDeps } from '../../../src/service/dip-audit-reminders.js';
import { saveDipAudit } from '../../../src/service/dip-audit.js';
import { drawDueDipSamples } from '../../../src/service/dip-sample.js';
import { openDb } from '../../../src/store/connect.js';
import type { Db } from '../../../src/store/db.js';
import { migrate } from '../../../src/store/migrate.js';
import { SqlComplianceQueries } from '../../../src/store/sql-compliance-queries.js';
import { SqlPeopleDirectory } from '../../../src/store/sql-people-directory.js';
import { rebuildWorkingCalendar } from '../../../src/store/working-calendar-store.js';
import { dipForceNdjson } from '../../support/dip-force.js';
import { englandAndWales } from '../../support/england-and-wales.js';
import { createTestSchema } from '../../support/postgres-schema.js';
import { DRIVERS, importText, type Driver } from '../../support/test-db.js';

/**
 * November 2026 on the dip force: drawn Mon 2 Nov, due by Fri 20 Nov (the 15th working day), overdue after
 * Mon 30 Nov (the last). Two replicas share the store: each runs the hourly check, each restarts.
 */
async function openReplicas(driver: Driver): Promise<{ first: Db; second: Db; dispose(): Promise<void> }> {
  if (driver === 'pglite') {
    const db = await openDb({ dataDir: 'memory://' });
    await migrate(db);
    return { first: db, second: db, dispose: () => db.close() };
  }
  const schema = await createTestSchema('dip_reminders');
  const first = await openDb({ databaseUrl: schema.url, dataDir: 'unused' });
  await migrate(first);
  const second = await openDb({ databaseUrl: schema.url, dataDir: 'unused' });
  return {
    first,
    second,
    dispose: async () => {
      await Promise.all([first.close(), second.close()]);
      await schema.drop();
    },
  };
}

describe.each(DRIVERS)('dip-audit reminders on %s', (driver) => {
  let replicas: Awaited<ReturnType<typeof openReplicas>>;
  let now = new Date('2026-11-02T09:00:00Z');
  const deps = (db: Db): DipReminderDeps => ({
    db,
    clock: { now: () => now },
    policy: defaultPolicy,
    calendar: englandAndWales,
    queries: new SqlComplianceQueries(db, defaultPolicy),
    people: new SqlPeopleDirectory(db),
  });
  const notices = () =>
    replicas.first.query<{ person_id: string; kind: string; details: { period: string; day: string; units: unknown[] } }>(
      `select person_id, kind, details from notices order by kind, person_id`,
    );

  beforeAll(async () => {
    replicas = await openReplicas(driver);
    await rebuildWorkingCalendar(replicas.first, englandAndWales, 2024, 2028);
    expect(await importText(replicas.first, dipForceNdjson(), { now })).toMatchObject({ ok: true });
    expect((await drawDueDipSamples(deps(replicas.first))).drawn).toBe(3);
    // One audit of North Team 1 submitted.
    const inspector = (await new SqlPeopleDirectory(replicas.first).findById('P5')) as Person;
    const [first] = await replicas.first.query<{ case_id: string }>(
      `select case_id from dip_sample_cases where unit_id = 'N-T1' and period = '2026-11' order by position limit 1`,
    );
    const changes = defaultPolicy.dipQuestions.map((q) => ({ questionId: q.id, answer: 'yes' as const }));
    const ref = { unitId: 'N-T1', period: '2026-11', caseId: first?.case_id as string };
    expect((await saveDipAudit(deps(replicas.first), inspector, { ref, changes, submit: true, at: now })).kind).toBe('submitted');
  }, 60_000);

  afterAll(async () => {
    await replicas?.dispose();
  });

  /** What each inspector is told of November's audits (one audit of North Team 1 submitted), due on 20 Nov. */
  const inspectorsNotices = (kind: string) => [
    {
      person_id: 'P5',
      kind,
      details: {
        period: '2026-11',
        day: '2026-11-20',
        units: [
          { unitId: 'N-T1', done: 1, total: 10, inspectorIds: ['P5'] },
          { unitId: 'N-T2', done: 0, total: 10, inspectorIds: ['P5'] },
        ],
      },
    },
    {
      person_id: 'P8',
      kind,
      details: { period: '2026-11', day: '2026-11-20', units: [{ unitId: 'S-T1', done: 0, total: 7, inspectorIds: ['P8'] }] },
    },
  ];

  it("tells each inspector once, before the due day, that the month's sample is drawn: units, cases and the due day", async () => {
    now = new Date('2026-11-19T22:00:00Z');
    const [a, b] = await Promise.all([queueDipAuditNotices(deps(replicas.first)), queueDipAuditNotices(deps(replicas.second))]);
    expect((a?.drawn ?? 0) + (b?.drawn ?? 0)).toBe(2);
    expect([a?.reminders, a?.overdue, b?.reminders, b?.overdue]).toEqual([0, 0, 0, 0]);
    expect(await queueDipAuditNotices(deps(replicas.first))).toEqual({ drawn: 0, reminders: 0, overdue: 0 });
    expect(await notices()).toEqual(inspectorsNotices('dip_sample_drawn'));
  });

  it('reminds each inspector once on the due day, though both replicas check at the same moment', async () => {
    now = new Date('2026-11-20T07:00:00Z');
    const [a, b] = await Promise.all([queueDipAuditNotices(deps(replicas.first)), queueDipAuditNotices(deps(replicas.second))]);
    expect((a?.reminders ?? 0) + (b?.reminders ?? 0)).toBe(2);
    expect((await notices()).filter((n) => n.kind === 'dip_audit_reminder')).toEqual(inspectorsNotices('dip_audit_reminder'));
  });

  it('reminds nobody again on a later check, after a restart, or on the last day before overdue', async () => {
    for (const at of ['2026-11-20T08:00:00Z', '2026-11-23T09:00:00Z', '2026-11-30T16:00:00Z']) {
      now = new Date(at);
      const restarted = deps(replicas.second);
      expect(await queueDipAuditNotices(restarted)).toEqual({ drawn: 0, reminders: 0, overdue: 0 });
    }
    expect(await notices()).toHaveLength(4);
  });

  it("tells the inspectors' senior lead once when the audits are overdue, from the first day after the overdue day", async () => {
    now = new Date('2026-12-01T07:00:00Z');
    const [a, b] = await Promise.all([queueDipAuditNotices(deps(replicas.first)), queueDipAuditNotices(deps(replicas.second))]);
    expect((a?.overdue ?? 0) + (b?.overdue ?? 0)).toBe(1);
    now = new Date('2026-12-07T09:00:00Z');
    expect(await queueDipAuditNotices(deps(replicas.second))).toEqual({ drawn: 0, reminders: 0, overdue: 0 });
    const overdue = (await notices()).filter((n) => n.kind === 'dip_audit_overdue');
    expect(overdue).toEqual([
      {
        person_id: 'P7',
        kind: 'dip_audit_overdue',
        details: {
          period: '2026-11',
          day: '2026-11-30',
          units: [
            { unitId: 'N-T1', done: 1, total: 10, inspectorIds: ['P5'] },
            { unitId: 'N-T2', done: 0, total: 10, inspectorIds: ['P5'] },
            { unitId: 'S-T1', done: 0, total: 7, inspectorIds: ['P8'] },
          ],
        },
      },
    ]);
  });
});
