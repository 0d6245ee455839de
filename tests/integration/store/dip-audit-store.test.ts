import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { defaultPolicy } from '../../../src/domain/policy.js';
import { dipSampleOf } from '../../../src/service/dip-sample.js';
import { DipAuditStore, type DipCaseRef } from '../../../src/store/dip-audit-store.js';
import { SqlComplianceQueries } from '../../../src/store/sql-compliance-queries.js';
import { rebuildWorkingCalendar } from '../../../src/store/working-calendar-store.js';
import { dipForceNdjson } from '../../support/dip-force.js';
import { englandAndWales } from '../../support/england-and-wales.js';
import { DRIVERS, importText, openTestDb, type TestDb } from '../../support/test-db.js';

const NOW = new Date('2026-11-20T10:00:00Z');
const QUESTIONS = ['codeCompliant', 'goodService'];

describe.each(DRIVERS)('dip audits on %s', (driver) => {
  let store: TestDb;
  let audits: DipAuditStore;
  let ref: DipCaseRef;

  beforeAll(async () => {
    store = await openTestDb(driver);
    await rebuildWorkingCalendar(store.db, englandAndWales, 2024, 2028);
    expect(await importText(store.db, dipForceNdjson(), { now: NOW })).toMatchObject({ ok: true });
    const deps = { db: store.db, clock: { now: () => NOW }, policy: defaultPolicy, calendar: englandAndWales };
    const sample = await dipSampleOf({ ...deps, queries: new SqlComplianceQueries(store.db, defaultPolicy) }, 'N-T1', '2026-11');
    if (sample.kind !== 'sample') throw new Error(sample.kind);
    ref = { unitId: 'N-T1', period: '2026-11', caseId: sample.samples[0]?.cases[0]?.caseId ?? '' };
    audits = new DipAuditStore(store.db);
  }, 60_000);

  afterAll(async () => {
    await store?.dispose();
  });

  const save = (changes: Parameters<DipAuditStore['save']>[0]['changes'], submit = false, at = NOW) =>
    audits.save({ ref, actorId: 'P5', at, questionIds: QUESTIONS, changes, submit });

  it('saves answers as they go and changes them until submitted; a repeat changes nothing', async () => {
    expect(await save([{ questionId: 'codeCompliant', answer: 'yes', note: 'Looked fine' }])).toEqual({
      kind: 'saved',
      changed: ['codeCompliant'],
    });
    expect(await save([{ questionId: 'codeCompliant', answer: 'yes', note: 'Looked fine' }])).toEqual({ kind: 'saved', changed: [] });
    expect(await save([{ questionId: 'codeCompliant', answer: 'no' }])).toEqual({ kind: 'saved', changed: ['codeCompliant'] });
    const audit = await audits.auditOf(ref);
    expect(audit.answers.get('codeCompliant')).toMatchObject({ answer: 'no', note: 'Looked fine' });
    expect(audit.submitted).toBeNull();
  });

  it('submits only a complete audit, and then refuses every change', async () => {
    expect(await save([], true)).toEqual({ kind: 'incomplete', changed: [], missing: ['goodService'] });
    expect(await save([{ questionId: 'goodService', answer: 'na', note: null }], true)).toEqual({
      kind: 'submitted',
      changed: ['goodService'],
    });
    expect(await save([{ questionId: 'codeCompliant', answer: 'yes' }])).toEqual({ kind: 'already_submitted' });
    expect((await audits.auditOf(ref)).answers.get('codeCompliant')?.answer).toBe('no');
    expect((await audits.auditOf(ref)).submitted).toMatchObject({ byId: 'P5', byName: 'Insp 3005 Khan' });
  });

  it('audits each save and the submission by ids and answers, never the words of a note', async () => {
    const rows = await store.db.query<{ action: string; actor_id: string; subject: string; details: unknown }>(
      `select action, actor_id, subject, details from audit_log where action like 'dip_audit.%' order by id`,
    );
    expect(rows.map((r) => r.action)).toEqual([
      'dip_audit.answers_saved',
      'dip_audit.answers_saved',
      'dip_audit.answers_saved',
      'dip_audit.submitted',
    ]);
    expect(rows.every((r) => r.actor_id === 'P5' && r.subject === `case:${ref.caseId}`)).toBe(true);
    expect(rows[0]?.details).toEqual({
      unitId: 'N-T1',
      period: '2026-11',
      answers: [{ questionId: 'codeCompliant', answer: 'yes', noteChanged: true }],
    });
    expect(JSON.stringify(rows)).not.toContain('Looked fine');
  });
});
