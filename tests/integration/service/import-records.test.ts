import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { importRecords } from '../../../src/service/import-records.js';
import { readNdjsonLines } from '../../../src/service/ndjson-lines.js';
import { storeSnapshot } from '../../support/store-snapshot.js';
import { DRIVERS, importText, openTestDb, smallForceNdjson, type TestDb } from '../../support/test-db.js';

const unit = (id: string, kind: string, parentId: string | null) =>
  JSON.stringify({ type: 'unit', id, name: `Unit ${id}`, kind, parentId });
const person = (id: string, unitId: string, aadObjectId?: string) =>
  JSON.stringify({ type: 'person', id, name: `PC ${id}`, unitId, role: 'officer', ...(aadObjectId ? { aadObjectId } : {}) });
const caseRecord = (id: string, unitId: string, oicId: string, extra: Record<string, unknown> = {}) =>
  JSON.stringify({
    type: 'case',
    id,
    recordedAt: '2026-11-02T09:00:00Z',
    offence: 'Common assault',
    category: 'violence',
    unitId,
    oicId,
    closedAt: null,
    ...extra,
  });
const victim = (id: string, caseId: string, enhanced = false) => JSON.stringify({ type: 'victim', id, caseId, enhanced });
const contact = (id: string, victimId: string, byId: string) =>
  JSON.stringify({ type: 'contact', id, victimId, at: '2026-11-10T12:00:00Z', kind: 'update', method: 'phone', byId });

describe.each(DRIVERS)('importRecords on %s', (driver) => {
  let store: TestDb;

  beforeEach(async () => {
    store = await openTestDb(driver);
  });
  afterEach(() => store.dispose());

  it('imports a valid file and answers counts by type, with one audit entry', async () => {
    const result = await importText(store.db, await smallForceNdjson());
    expect(result).toEqual({
      ok: true,
      lines: 35,
      counts: { unit: 6, person: 7, case: 6, victim: 7, needsAssessment: 5, contact: 4 },
      conflicts: [],
    });
    const [counts] = await store.db.query<Record<string, number>>(
      `select (select count(*)::int from units) as units, (select count(*)::int from people) as people,
              (select count(*)::int from cases) as cases, (select count(*)::int from victims) as victims,
              (select count(*)::int from needs_assessments) as na, (select count(*)::int from contacts) as contacts,
              (select count(*)::int from case_allocations) as allocations`,
    );
    expect(counts).toEqual({ units: 6, people: 7, cases: 6, victims: 7, na: 5, contacts: 4, allocations: 6 });
    const audit = await store.db.query<{ action: string; details: unknown }>('select action, details from audit_log');
    expect(audit).toEqual([
      {
        action: 'records.imported',
        details: { lines: 35, counts: { unit: 6, person: 7, case: 6, victim: 7, needsAssessment: 5, contact: 4 } },
      },
    ]);
  });

  it('stores local dates of recording and contact in the policy time zone', async () => {
    await importText(store.db, await smallForceNdjson());
    // CR-2 was recorded 2026-10-01T09:12+01:00; a contact at 23:30 UTC in summer is the next local day.
    const [row] = await store.db.query<{ recorded_on: string }>(`select recorded_on::text from cases where id = 'CR-2'`);
    expect(row?.recorded_on).toBe('2026-10-01');
    await importText(
      store.db,
      JSON.stringify({
        type: 'contact',
        id: 'LATE',
        victimId: 'V-2',
        at: '2026-10-21T23:30:00Z',
        kind: 'update',
        method: 'sms',
        byId: 'P2',
      }),
    );
    const [late] = await store.db.query<{ at_on: string }>(`select at_on::text from contacts where id = 'LATE'`);
    expect(late?.at_on).toBe('2026-10-22');
  });

  it('rejects a file with bad lines, lists every one by number, and writes nothing', async () => {
    await importText(store.db, await smallForceNdjson());
    const before = await storeSnapshot(store.db);
    const lines = [
      /* 1 */ caseRecord('CR-9', 'N-T9', 'P2'),
      /* 2 */ '{"type":"victim","id":"V-9"',
      /* 3 */ JSON.stringify({ type: 'victim', id: 'V-10', enhanced: false }),
      /* 4 */ JSON.stringify({ type: 'victim', id: 'V-11', caseId: 'CR-1', enhanced: 'yes' }),
      /* 5 */ JSON.stringify({ type: 'witness', id: 'W-1' }),
      /* 6 */ caseRecord('CR-10', 'N-T1', 'P2', { recordedAt: '2026-11-02T09:00:00' }),
      /* 7 */ JSON.stringify({
        type: 'contact',
        id: 'OEL-9',
        victimId: 'V-1',
        at: '2026-11-10T12:00:00Z',
        kind: 'update',
        method: 'pigeon',
        byId: 'P2',
      }),
      /* 8 */ contact('OEL-10', 'V-404', 'P2'),
      /* 9 */ caseRecord('CR-11', 'N-T1', 'P2'),
      /* 10 */ victim('V-12', 'CR-11'),
      /* 11 */ caseRecord('CR-11', 'N-T2', 'P3'),
      /* 12 */ '',
      /* 13 */ JSON.stringify({ type: 'unit', id: 'X', name: 'Unit X', kind: 'team', parentId: null }),
      /* 14 */ contact('OEL-11', 'V-1', 'P404'),
      /* 15 */ '[1,2]',
    ];
    const result = await importText(store.db, `${lines.join('\n')}\n`);
    expect(result).toEqual({
      ok: false,
      lines: 15,
      errorCount: 12,
      errors: [
        { line: 1, message: 'case CR-9 refers to unknown unit N-T9' },
        { line: 2, message: expect.stringMatching(/^not valid JSON.*each line must be one complete JSON object$/) },
        { line: 3, message: "victim V-10: missing field 'caseId'" },
        { line: 4, message: "victim V-11: field 'enhanced' must be true or false (got string)" },
        { line: 5, message: 'unknown type "witness": expected one of unit, person, case, victim, needsAssessment, contact, decision' },
        { line: 6, message: expect.stringContaining("case CR-10: field 'recordedAt' must be an ISO 8601 date and time with an offset") },
        { line: 7, message: `contact OEL-9: field 'method' must be one of phone, email, sms, visit, letter, other (got "pigeon")` },
        { line: 8, message: 'contact OEL-10 refers to unknown victim V-404' },
        { line: 11, message: 'duplicate case id CR-11: also on line 9; send each record once' },
        { line: 13, message: expect.stringContaining("unit X: field 'parentId' is required for a team") },
        { line: 14, message: 'contact OEL-11 refers to unknown person P404 (byId)' },
        { line: 15, message: 'each line must be one JSON object with a "type" field' },
        // Line 10 refers to CR-11, defined in the same import: not an error. Line 12 is blank: skipped.
      ],
    });
    expect(await storeSnapshot(store.db)).toEqual(before);
  });

  it('reports lines that are not UTF-8 or too long, and keeps reading after them', async () => {
    const good = Buffer.from(`${unit('FORCE', 'force', null)}\n`);
    const notUtf8 = Buffer.from([0x7b, 0xff, 0xfe, 0x7d, 0x0a]);
    const tooLong = Buffer.from(
      `${JSON.stringify({ type: 'unit', id: 'L', name: 'x'.repeat(70 * 1024), kind: 'team', parentId: 'FORCE' })}\n`,
    );
    const alsoBad = Buffer.from(`${JSON.stringify({ type: 'unit', id: 'T', name: 'T', kind: 'squad', parentId: 'FORCE' })}\n`);
    // Raw bytes, not a string: a JS string would re-encode the invalid bytes.
    const bytes = Buffer.concat([good, notUtf8, tooLong, alsoBad]);
    const result = await importRecords(
      store.db,
      readNdjsonLines([bytes.subarray(0, 50), bytes.subarray(50)], { maxLineBytes: 64 * 1024 }),
      {
        now: new Date('2026-11-20T10:00:00Z'),
        timeZone: 'Europe/London',
      },
    );
    expect(result).toMatchObject({
      ok: false,
      lines: 4,
      errorCount: 3,
      errors: [
        { line: 2, message: 'line is not valid UTF-8: save the extract as UTF-8' },
        { line: 3, message: expect.stringContaining('line is longer than 65536 bytes') },
        { line: 4, message: expect.stringContaining("field 'kind' must be one of force, command, department, team") },
      ],
    });
    expect(await store.db.query('select id from units')).toEqual([]);
  });

  it('checks the unit tree: one force, no cycles', async () => {
    await importText(store.db, await smallForceNdjson());
    const before = await storeSnapshot(store.db);
    const result = await importText(
      store.db,
      [unit('FORCE-2', 'force', null), unit('A', 'command', 'B'), unit('B', 'command', 'A'), unit('N-LPA', 'command', 'N-T1')].join('\n'),
    );
    expect(result).toEqual({
      ok: false,
      lines: 4,
      errorCount: 4,
      errors: [
        {
          line: 1,
          message:
            'unit FORCE-2 is a second force besides FORCE: there must be exactly one force (make one a command or department under the other)',
        },
        { line: 2, message: 'unit A does not lead up to the force: its parentId chain loops back on itself' },
        { line: 3, message: 'unit B does not lead up to the force: its parentId chain loops back on itself' },
        { line: 4, message: 'unit N-LPA does not lead up to the force: its parentId chain loops back on itself' },
      ],
    });
    expect(await storeSnapshot(store.db)).toEqual(before);
  });

  it('names the missing force when units form a loop in an empty store', async () => {
    const result = await importText(store.db, [unit('A', 'command', 'B'), unit('B', 'department', 'A')].join('\n'));
    expect(result).toMatchObject({
      ok: false,
      errors: [
        { line: 1, message: 'unit A does not lead up to a force: no unit of kind force exists (send the force, with parentId null)' },
        { line: 2, message: 'unit B does not lead up to a force: no unit of kind force exists (send the force, with parentId null)' },
      ],
    });
  });

  it('refuses an Entra object id given to two people, but lets one move between people in one import', async () => {
    await importText(store.db, await smallForceNdjson());
    const clash = await importText(store.db, person('P8', 'N-T1', 'aad-p2'));
    expect(clash).toMatchObject({
      ok: false,
      errors: [{ line: 1, message: 'person P8 has aadObjectId aad-p2, which person P2 also has: an Entra object id maps to one person' }],
    });
    const swap = await importText(store.db, [person('P2', 'N-T1', 'aad-p3'), person('P3', 'N-T2', 'aad-p2')].join('\n'));
    expect(swap.ok).toBe(true);
    expect(await store.db.query(`select id, aad_object_id from people where id in ('P2', 'P3') order by id`)).toEqual([
      { id: 'P2', aad_object_id: 'aad-p3' },
      { id: 'P3', aad_object_id: 'aad-p2' },
    ]);
  });

  it('caps the list of errors but counts them all', async () => {
    const bad = Array.from({ length: 30 }, (_, i) => victim(`V-${i}`, 'CR-404'));
    const result = await importText(store.db, bad.join('\n'), { maxReportedErrors: 5 });
    expect(result).toMatchObject({ ok: false, lines: 30, errorCount: 30 });
    expect(result.ok === false && result.errors.map((e) => e.line)).toEqual([1, 2, 3, 4, 5]);
  });

  it('replaces records sent again, and the latest needs assessment line for a victim wins', async () => {
    await importText(store.db, await smallForceNdjson());
    const result = await importText(
      store.db,
      [
        caseRecord('CR-1', 'N-T1', 'P2', { category: 'hate', closedAt: '2026-11-19T12:00:00Z' }),
        victim('V-1', 'CR-1', true),
        JSON.stringify({ type: 'needsAssessment', victimId: 'V-1', completedAt: null }),
        JSON.stringify({ type: 'needsAssessment', victimId: 'V-1', completedAt: '2026-11-04T10:00:00Z', updateFrequencyDays: 7 }),
      ].join('\n'),
    );
    expect(result).toMatchObject({ ok: true, counts: { case: 1, victim: 1, needsAssessment: 2 } });
    expect(await store.db.query(`select category, closed_at is not null as closed from cases where id = 'CR-1'`)).toEqual([
      { category: 'hate', closed: true },
    ]);
    expect(await store.db.query(`select enhanced from victims where id = 'V-1'`)).toEqual([{ enhanced: true }]);
    expect(
      await store.db.query(`select update_frequency_days, completed_at is not null as done from needs_assessments where victim_id = 'V-1'`),
    ).toEqual([{ update_frequency_days: 7, done: true }]);
    const [counts] = await store.db.query<{ cases: number; victims: number }>(
      'select (select count(*)::int from cases) as cases, (select count(*)::int from victims) as victims',
    );
    expect(counts).toEqual({ cases: 6, victims: 7 });
    expect(await store.db.query<{ n: number }>('select count(*)::int as n from audit_log')).toEqual([{ n: 2 }]);
  });

  it('keeps allocation history: a changed unit or OIC closes the current allocation at now and opens a new one', async () => {
    await importText(store.db, await smallForceNdjson());
    const moved = new Date('2026-11-21T08:00:00Z');
    expect((await importText(store.db, caseRecord('CR-1', 'N-T2', 'P3'), { now: moved })).ok).toBe(true);
    // Sent again unchanged: no new history.
    expect((await importText(store.db, caseRecord('CR-1', 'N-T2', 'P3'), { now: new Date('2026-11-22T08:00:00Z') })).ok).toBe(true);
    const reassigned = new Date('2026-11-23T08:00:00Z');
    expect((await importText(store.db, caseRecord('CR-1', 'N-T2', 'P4'), { now: reassigned })).ok).toBe(true);
    const history = await store.db.query<{ unit_id: string; oic_id: string; valid_from: string; valid_to: string; source: string }>(
      `select unit_id, oic_id, valid_from::text, valid_to::text, source from case_allocations where case_id = 'CR-1' order by valid_from`,
    );
    expect(history.map((h) => [h.unit_id, h.oic_id, h.source])).toEqual([
      ['N-T1', 'P2', 'import'],
      ['N-T2', 'P3', 'import'],
      ['N-T2', 'P4', 'import'],
    ]);
    const bounds = await store.db.query<{ from_ok: boolean; to_ok: boolean }>(
      `select valid_from = $1::timestamptz as from_ok, valid_to = $2::timestamptz as to_ok
       from case_allocations where case_id = 'CR-1' order by valid_from`,
      [moved.toISOString(), reassigned.toISOString()],
    );
    expect(history[0]?.valid_from).toBe('-infinity');
    expect(history[2]?.valid_to).toBe('infinity');
    expect(bounds[1]).toEqual({ from_ok: true, to_ok: true });
  });

  it('treats an input of blank lines as an empty, valid import', async () => {
    expect(await importText(store.db, '\n\r\n   \n')).toEqual({
      ok: true,
      lines: 0,
      counts: { unit: 0, person: 0, case: 0, victim: 0, needsAssessment: 0, contact: 0 },
      conflicts: [],
    });
  });
});
