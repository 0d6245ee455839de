import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { storeSnapshot } from '../../support/store-snapshot.js';
import { DRIVERS, importText, openTestDb, smallForceNdjson, type TestDb } from '../../support/test-db.js';

/** The later record types of records-format.md on top of the small force (cases CR-1..CR-6, victims V-1..). */
const json = (record: Record<string, unknown>) => JSON.stringify(record);
const decision = (id: string, caseId: string, kind = 'charge', at = '2026-11-05T16:00:00Z') =>
  json({ type: 'decision', id, caseId, at, kind });
const contact = (id: string, victimId: string, kind: string, extra: Record<string, unknown> = {}) =>
  json({ type: 'contact', id, victimId, at: '2026-11-06T10:00:00Z', kind, method: 'phone', byId: 'P2', ...extra });

describe.each(DRIVERS)('importing the later record types on %s', (driver) => {
  let store: TestDb;

  beforeEach(async () => {
    store = await openTestDb(driver);
    await importText(store.db, await smallForceNdjson());
  });
  afterEach(() => store.dispose());

  it('imports decisions, written acknowledgements and decision updates, counted by type, local dates stored', async () => {
    const lines = [
      contact('OEL-549', 'V-1', 'written_acknowledgement', { at: '2026-11-02T11:05:00Z', method: 'sms' }),
      decision('DEC-77', 'CR-1', 'charge', '2026-10-24T23:30:00Z'),
      contact('OEL-560', 'V-1', 'decision_update', { decisionId: 'DEC-77' }),
    ];
    const result = await importText(store.db, lines.join('\n'));
    expect(result).toEqual({
      ok: true,
      lines: 3,
      counts: { unit: 0, person: 0, case: 0, victim: 0, needsAssessment: 0, contact: 2, decision: 1 },
      conflicts: [],
    });
    const decisions = await store.db.query('select id, case_id, at_on::text as at_on, kind from decisions');
    // 23:30 UTC on 24 October 2026 is 00:30 on the 25th in London (BST until 01:00 UTC that day).
    expect(decisions).toEqual([{ id: 'DEC-77', case_id: 'CR-1', at_on: '2026-10-25', kind: 'charge' }]);
    const contacts = await store.db.query(`select id, kind, decision_id from contacts where id in ('OEL-549', 'OEL-560') order by id`);
    expect(contacts).toEqual([
      { id: 'OEL-549', kind: 'written_acknowledgement', decision_id: null },
      { id: 'OEL-560', kind: 'decision_update', decision_id: 'DEC-77' },
    ]);
  });

  it('rejects bad later records line by line, each saying what to fix, and writes nothing', async () => {
    const before = await storeSnapshot(store.db);
    const lines = [
      /* 1 */ decision('DEC-1', 'CR-404'),
      /* 2 */ decision('DEC-2', 'CR-1', 'caution'),
      /* 3 */ contact('OEL-90', 'V-1', 'decision_update'),
      /* 4 */ contact('OEL-91', 'V-1', 'update', { decisionId: 'DEC-3' }),
      /* 5 */ contact('OEL-92', 'V-1', 'decision_update', { decisionId: 'DEC-404' }),
      /* 6 */ decision('DEC-3', 'CR-2'),
      /* 7 */ contact('OEL-93', 'V-1', 'decision_update', { decisionId: 'DEC-3' }),
      /* 8 */ decision('DEC-3', 'CR-1'),
      /* 9 */ json({ type: 'decision', id: 'DEC-4', caseId: 'CR-1', kind: 'arrest' }),
    ];
    const result = await importText(store.db, lines.join('\n'));
    expect(result).toEqual({
      ok: false,
      lines: 9,
      errorCount: 7,
      errors: [
        { line: 1, message: 'decision DEC-1 refers to unknown case CR-404' },
        {
          line: 2,
          message:
            "decision DEC-2: field 'kind' must be one of arrest, interview_under_caution, released_on_bail, released_under_investigation, " +
            'bail_changed, charge, out_of_court_disposal, no_further_action, not_investigated, other (got "caution")',
        },
        {
          line: 3,
          message:
            "contact OEL-90: field 'decisionId' is required for a decision_update: send the id of the decision record the victim was told about",
        },
        {
          line: 4,
          message:
            "contact OEL-91: field 'decisionId' must be left out for a contact of kind update: only a decision_update names a decision",
        },
        { line: 5, message: 'contact OEL-92 refers to unknown decision DEC-404 (decisionId)' },
        // DEC-3 is sent twice: the duplicate is the error, and the contact is judged against the latest line's case (CR-1, V-1's).
        { line: 8, message: 'duplicate decision id DEC-3: also on line 6; send each record once' },
        { line: 9, message: "decision DEC-4: missing field 'at'" },
        // Line 7 names DEC-3, which its latest line puts on V-1's case: not an error on its own.
      ],
    });
    expect(await storeSnapshot(store.db)).toEqual(before);
  });

  it("refuses a decision update about a decision on another case than the victim's", async () => {
    await importText(store.db, decision('DEC-5', 'CR-2'));
    const result = await importText(store.db, contact('OEL-94', 'V-1', 'decision_update', { decisionId: 'DEC-5' }));
    expect(result).toEqual({
      ok: false,
      lines: 1,
      errorCount: 1,
      errors: [
        {
          line: 1,
          message:
            "contact OEL-94 tells victim V-1 of decision DEC-5, which is on case CR-2, not the victim's case CR-1: name a decision of case CR-1",
        },
      ],
    });
  });
});
