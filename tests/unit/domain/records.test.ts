import { describe, expect, it } from 'vitest';
import { isIsoInstantWithOffset, parseRecord } from '../../../src/domain/records.js';

describe('record schemas', () => {
  it('accepts every example of records-format.md', () => {
    const examples = [
      { type: 'unit', id: 'FORCE', name: 'Example Constabulary', kind: 'force', parentId: null },
      { type: 'unit', id: 'N-LPA', name: 'North LPA', kind: 'command', parentId: 'FORCE' },
      {
        type: 'person',
        id: 'P1234',
        name: 'PS 1234 Smith',
        unitId: 'N-T3',
        role: 'supervisor',
        aadObjectId: '6f1c...',
        email: 'p1234@example.police.uk',
      },
      {
        type: 'case',
        id: 'CR-26-004512',
        recordedAt: '2026-10-01T09:12:00+01:00',
        offence: 'Assault occasioning ABH',
        category: 'violence',
        unitId: 'N-T3',
        oicId: 'P2345',
        closedAt: null,
      },
      { type: 'victim', id: 'V-88120', caseId: 'CR-26-004512', enhanced: true, enhancedReason: 'vulnerable' },
      {
        type: 'needsAssessment',
        victimId: 'V-88120',
        completedAt: '2026-10-01T10:00:00+01:00',
        updateFrequencyDays: 14,
        referralWanted: true,
        referredAt: '2026-10-02T09:00:00+01:00',
      },
      {
        type: 'contact',
        id: 'OEL-551',
        victimId: 'V-88120',
        at: '2026-10-20T15:30:00+01:00',
        kind: 'update',
        method: 'phone',
        byId: 'P2345',
      },
    ];
    for (const example of examples) expect(parseRecord(example), example.type).toMatchObject({ ok: true });
  });

  it('requires an offset on timestamps and a real calendar date', () => {
    expect(isIsoInstantWithOffset('2026-10-01T09:12:00+01:00')).toBe(true);
    expect(isIsoInstantWithOffset('2026-10-01T08:12:00.123Z')).toBe(true);
    expect(isIsoInstantWithOffset('2026-10-01T09:12:00')).toBe(false);
    expect(isIsoInstantWithOffset('2026-02-29T09:12:00Z')).toBe(false);
    expect(isIsoInstantWithOffset('2026-10-01 09:12:00Z')).toBe(false);
    expect(isIsoInstantWithOffset('2026-10-01T24:00:00Z')).toBe(false);
  });

  it('names the record and every problem in words a person can act on', () => {
    expect(
      parseRecord({ type: 'case', id: 'CR-1', recordedAt: '2026-11-02T09:00:00Z', offence: 'x', category: 'violence', unitId: 7 }),
    ).toEqual({
      ok: false,
      message: "case CR-1: field 'unitId' must be a string (got number); missing field 'oicId'",
    });
    expect(
      parseRecord({
        type: 'case',
        id: 'CR-1',
        recordedAt: '2026-11-02T09:00:00Z',
        offence: 'x',
        category: 'violence',
        unitId: 'T',
        oicId: 'P',
        closedAt: '2026-11-01T09:00:00Z',
      }),
    ).toEqual({
      ok: false,
      message: "case CR-1: field 'closedAt' is before recordedAt: a case cannot close before it is recorded",
    });
    expect(parseRecord({ type: 'unit', id: 'FORCE', name: 'F', kind: 'force', parentId: 'X' })).toEqual({
      ok: false,
      message: "unit FORCE: field 'parentId' must be null for the force: the force is the top of the tree",
    });
    expect(parseRecord({ id: 'x' })).toEqual({
      ok: false,
      message: "missing field 'type' (one of unit, person, case, victim, needsAssessment, contact, decision)",
    });
    expect(parseRecord({ type: 'needsAssessment', victimId: 'V-1', updateFrequencyDays: 2.5 })).toEqual({
      ok: false,
      message: "needsAssessment for victim V-1: field 'updateFrequencyDays' must be a whole number (got a fraction)",
    });
  });

  it('accepts the later record types of records-format.md, and a decision_update only with the decision it tells', () => {
    const examples = [
      {
        type: 'contact',
        id: 'OEL-549',
        victimId: 'V-88120',
        at: '2026-10-01T11:05:00+01:00',
        kind: 'written_acknowledgement',
        method: 'sms',
        byId: 'P2345',
      },
      { type: 'decision', id: 'DEC-77', caseId: 'CR-26-004512', at: '2026-10-05T16:00:00+01:00', kind: 'charge' },
      {
        type: 'contact',
        id: 'OEL-560',
        victimId: 'V-88120',
        at: '2026-10-06T10:00:00+01:00',
        kind: 'decision_update',
        decisionId: 'DEC-77',
        method: 'phone',
        byId: 'P2345',
      },
    ];
    for (const example of examples) expect(parseRecord(example), example.id).toMatchObject({ ok: true });
    const [, , told] = examples;
    expect(parseRecord({ ...told, decisionId: undefined })).toEqual({
      ok: false,
      message:
        "contact OEL-560: field 'decisionId' is required for a decision_update: send the id of the decision record the victim was told about",
    });
    expect(parseRecord({ type: 'decision', id: 'DEC-1', caseId: 'CR-1', at: '2026-10-05T16:00:00', kind: 'charge' })).toMatchObject({
      ok: false,
      message: expect.stringContaining("decision DEC-1: field 'at' must be an ISO 8601 date and time with an offset"),
    });
  });
});
