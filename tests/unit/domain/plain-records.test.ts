import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { demoForceNdjson } from '../../../src/demo/demo-force.js';
import { readPlainRecord } from '../../../src/domain/plain-records.js';
import {
  caseRecord,
  contactRecord,
  decisionRecord,
  needsAssessmentRecord,
  personRecord,
  type RecordType,
  unitRecord,
  victimRecord,
} from '../../../src/domain/records.js';

/**
 * The import's fast path may only accept what the zod schemas accept, and must give the same record:
 * compared on generated records whose fields are drawn from valid values, values zod trims, and broken
 * ones (wrong types, empty, too long, NUL, bad instants, unknown kinds, missing).
 */
const SCHEMAS = {
  unit: unitRecord,
  person: personRecord,
  case: caseRecord,
  victim: victimRecord,
  needsAssessment: needsAssessmentRecord,
  contact: contactRecord,
  decision: decisionRecord,
} as const;

const anyValue = fc.oneof(
  fc.constant(undefined),
  fc.constant(null),
  fc.integer(),
  fc.double(),
  fc.boolean(),
  fc.constant({}),
  fc.constant([]),
);
/** Mostly one of the good values (some of which zod trims), sometimes a broken one. */
const mostly = (good: readonly unknown[], broken: readonly unknown[]) =>
  fc.oneof(
    { arbitrary: fc.constantFrom(...good), weight: 6 },
    { arbitrary: fc.constantFrom(...broken), weight: 1 },
    { arbitrary: anyValue, weight: 1 },
  );
const idLike = fc.oneof(
  {
    arbitrary: mostly(
      ['U-1', 'P-1', ' CR-1 ', '\tV-1\n', 'x'.repeat(200), ` ${'x'.repeat(200)} `, 'AbC-ÉÎ'],
      ['', '   ', 'a\u0000b', 'x'.repeat(201)],
    ),
    weight: 9,
  },
  { arbitrary: fc.string({ maxLength: 12 }), weight: 1 },
);
const textLike = fc.oneof({ arbitrary: idLike, weight: 4 }, fc.constantFrom('y'.repeat(1000), 'y'.repeat(1001), ' Burglary '));
const instantLike = mostly(
  ['2026-10-01T09:12:00+01:00', '2026-10-25T01:30:00Z', '2026-11-20T10:00:00.123456Z', '0001-01-01T01:30:00+01:00'],
  [
    '2026-10-01T09:12:00+0100',
    '2026-02-29T10:00:00Z',
    '2026-10-01T24:00:00Z',
    ' 2026-10-01T09:12:00Z',
    '2026-10-01',
    '2026-10-01T09:12:00+16:00',
  ],
);
const kindLike = (kinds: readonly string[]) => mostly(kinds, ['Update', ' team', '']);
const addressLike = mostly(['pc1@example.police.uk', ' pc1@example.police.uk '], ['no-at', 'a@b@c', 'a b@c', `${'a'.repeat(320)}@b`]);
const daysLike = mostly([1, 28, 366], [0, 367, 2.5, -1]);
const boolLike = mostly([true, false], ['true', 0]);

const FIELDS: { [K in RecordType]: Record<string, fc.Arbitrary<unknown>> } = {
  unit: { id: idLike, name: textLike, kind: kindLike(['force', 'command', 'department', 'team']), parentId: idLike },
  person: {
    id: idLike,
    name: textLike,
    unitId: idLike,
    role: kindLike(['officer', 'supervisor', 'admin']),
    aadObjectId: idLike,
    email: addressLike,
    upn: addressLike,
  },
  case: {
    id: idLike,
    recordedAt: instantLike,
    offence: textLike,
    category: textLike,
    unitId: idLike,
    oicId: idLike,
    closedAt: instantLike,
  },
  victim: { id: idLike, caseId: idLike, enhanced: boolLike, enhancedReason: textLike },
  needsAssessment: {
    victimId: idLike,
    completedAt: instantLike,
    updateFrequencyDays: daysLike,
    referralWanted: boolLike,
    referredAt: instantLike,
  },
  contact: {
    id: idLike,
    victimId: idLike,
    at: instantLike,
    kind: kindLike(['update', 'agreement', 'written_acknowledgement', 'decision_update']),
    method: kindLike(['phone', 'email', 'visit']),
    byId: idLike,
    decisionId: idLike,
  },
  decision: { id: idLike, caseId: idLike, at: instantLike, kind: kindLike(['arrest', 'charge', 'other']) },
};

/** A record of `type` with each field generated (left out when undefined), and maybe a field the format does not know. */
const recordOf = (type: RecordType) =>
  fc.tuple(fc.record(FIELDS[type]), anyValue).map(([fields, extra]) => {
    const record: Record<string, unknown> = { type };
    for (const [key, value] of Object.entries({ ...fields, extra })) if (value !== undefined) record[key] = value;
    return record;
  });

describe('the fast path of reading a record', () => {
  it.each(Object.keys(SCHEMAS) as RecordType[])('accepts a %s only when zod does, and gives the same record', (type) => {
    let accepted = 0;
    fc.assert(
      fc.property(recordOf(type), (value) => {
        const plain = readPlainRecord(value);
        if (plain === undefined) return;
        accepted += 1;
        const parsed = SCHEMAS[type].safeParse(value);
        expect(parsed.success).toBe(true);
        expect(plain).toStrictEqual(parsed.data);
      }),
      { numRuns: 3000 },
    );
    // The generators reach valid records often enough for the comparison to mean something.
    expect(accepted).toBeGreaterThan(0);
  });

  it('leaves to zod anything that is not an object of a known type', () => {
    for (const value of [null, [], 'unit', 7, {}, { type: 'toString' }, { type: 'Unit', id: 'U-1' }, { type: ['unit'] }]) {
      expect(readPlainRecord(value)).toBeUndefined();
    }
  });

  it('reads every line of the demo force without zod (the common case is the fast one)', async () => {
    let lines = 0;
    for await (const line of demoForceNdjson({ victims: 200, now: new Date('2026-11-20T10:00:00Z') })) {
      const value = JSON.parse(line) as { type: RecordType };
      expect(readPlainRecord(value)).toStrictEqual(SCHEMAS[value.type].parse(value));
      lines += 1;
    }
    expect(lines).toBeGreaterThan(1000);
  });
});
