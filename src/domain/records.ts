import { z } from 'zod';
import { normaliseAadObjectId } from './entra-id.js';
import { CONTACT_KINDS, CONTACT_METHODS, DECISION_KINDS, MAX_ID_LENGTH, ROLES, UNIT_KINDS, id, instant, text } from './record-fields.js';
import { shortened } from './quoted-value.js';

/**
 * The NDJSON records the records system sends (records-format.md), as zod schemas.
 * Messages name the field and what to send instead, because they reach the person fixing the extract.
 * Unknown extra fields are ignored: a records system may send more than we need.
 */

export { CONTACT_KINDS, CONTACT_METHODS, DECISION_KINDS, ROLES, UNIT_KINDS, isIsoInstantWithOffset } from './record-fields.js';

export const unitRecord = z
  .object({
    type: z.literal('unit'),
    id,
    name: text,
    kind: z.enum(UNIT_KINDS),
    parentId: id
      .nullable()
      .optional()
      .transform((value) => value ?? null),
  })
  .superRefine((unit, ctx) => {
    if (unit.kind === 'force' && unit.parentId !== null) {
      ctx.addIssue({ code: 'custom', path: ['parentId'], message: 'must be null for the force: the force is the top of the tree' });
    }
    if (unit.kind !== 'force' && unit.parentId === null) {
      ctx.addIssue({
        code: 'custom',
        path: ['parentId'],
        message: `is required for a ${unit.kind}: every unit except the force sits under a parent unit`,
      });
    }
    if (unit.parentId === unit.id) {
      ctx.addIssue({ code: 'custom', path: ['parentId'], message: 'must not be the unit itself' });
    }
  });

/** An e-mail address or a user principal name: name@domain, kept as sent (compared without the case of A-Z). */
function address(message: string) {
  return (
    z
      .string()
      .trim()
      .max(320, 'must be at most 320 characters')
      // biome-ignore lint/suspicious/noControlCharactersInRegex: an address with a NUL in it is refused, as the store cannot hold one.
      .regex(/^[^\s@\u0000]+@[^\s@\u0000]+$/, message)
      .nullable()
      .optional()
      .transform((value) => value ?? null)
  );
}

export const personRecord = z.object({
  type: z.literal('person'),
  id,
  name: text,
  unitId: id,
  role: z.enum(ROLES),
  /** Entra object ids are GUIDs, whose letter case means nothing: kept in lower case (see normaliseAadObjectId). */
  aadObjectId: id
    .nullable()
    .optional()
    .transform((value) => (value == null ? null : normaliseAadObjectId(value))),
  email: address('must be an e-mail address'),
  /** The user principal name the person signs in to Teams with (records-format.md): matched like `email`. */
  upn: address('must be a user principal name, e.g. p1234@example.police.uk'),
});

export const caseRecord = z
  .object({
    type: z.literal('case'),
    id,
    recordedAt: instant,
    offence: text,
    category: text,
    unitId: id,
    oicId: id,
    closedAt: instant
      .nullable()
      .optional()
      .transform((value) => value ?? null),
  })
  .superRefine((record, ctx) => {
    if (record.closedAt !== null && Date.parse(record.closedAt) < Date.parse(record.recordedAt)) {
      ctx.addIssue({ code: 'custom', path: ['closedAt'], message: 'is before recordedAt: a case cannot close before it is recorded' });
    }
  });

export const victimRecord = z.object({
  type: z.literal('victim'),
  id,
  caseId: id,
  enhanced: z.boolean(),
  enhancedReason: text
    .nullable()
    .optional()
    .transform((value) => value ?? null),
});

export const needsAssessmentRecord = z.object({
  type: z.literal('needsAssessment'),
  victimId: id,
  completedAt: instant
    .nullable()
    .optional()
    .transform((value) => value ?? null),
  updateFrequencyDays: z
    .number()
    .int('must be a whole number of days')
    .min(1, 'must be at least 1 day')
    .max(366, 'must be at most 366 days')
    .nullable()
    .optional()
    .transform((value) => value ?? null),
  referralWanted: z
    .boolean()
    .nullable()
    .optional()
    .transform((value) => value ?? null),
  referredAt: instant
    .nullable()
    .optional()
    .transform((value) => value ?? null),
});

export const contactRecord = z
  .object({
    type: z.literal('contact'),
    id,
    victimId: id,
    at: instant,
    kind: z.enum(CONTACT_KINDS),
    method: z.enum(CONTACT_METHODS),
    byId: id,
    /** The decision a `decision_update` tells the victim about; no other kind carries one. */
    decisionId: id
      .nullable()
      .optional()
      .transform((value) => value ?? null),
  })
  .superRefine((contact, ctx) => {
    if (contact.kind === 'decision_update' && contact.decisionId === null) {
      ctx.addIssue({
        code: 'custom',
        path: ['decisionId'],
        message: 'is required for a decision_update: send the id of the decision record the victim was told about',
      });
    }
    if (contact.kind !== 'decision_update' && contact.decisionId !== null) {
      ctx.addIssue({
        code: 'custom',
        path: ['decisionId'],
        message: `must be left out for a contact of kind ${contact.kind}: only a decision_update names a decision`,
      });
    }
  });

/** A key decision on a case (Right 6): every victim of the case is owed an update about it. */
export const decisionRecord = z.object({
  type: z.literal('decision'),
  id,
  caseId: id,
  at: instant,
  kind: z.enum(DECISION_KINDS),
});

/** Every record type, discriminated on `type`. */
export const recordSchema = z.discriminatedUnion('type', [
  unitRecord.innerType(),
  personRecord,
  caseRecord.innerType(),
  victimRecord,
  needsAssessmentRecord,
  contactRecord.innerType(),
  decisionRecord,
]);

const schemaByType = {
  unit: unitRecord,
  person: personRecord,
  case: caseRecord,
  victim: victimRecord,
  needsAssessment: needsAssessmentRecord,
  contact: contactRecord,
  decision: decisionRecord,
} as const;

export type RecordType = keyof typeof schemaByType;
export const RECORD_TYPES = Object.keys(schemaByType) as RecordType[];

export type UnitRecord = z.output<typeof unitRecord>;
export type PersonRecord = z.output<typeof personRecord>;
export type CaseRecord = z.output<typeof caseRecord>;
export type VictimRecord = z.output<typeof victimRecord>;
export type NeedsAssessmentRecord = z.output<typeof needsAssessmentRecord>;
export type ContactRecord = z.output<typeof contactRecord>;
export type DecisionRecord = z.output<typeof decisionRecord>;
export type RecordOf = UnitRecord | PersonRecord | CaseRecord | VictimRecord | NeedsAssessmentRecord | ContactRecord | DecisionRecord;

/** Later record types (records-format.md): an import's counts name them only when the extract sent some. */
export type LaterRecordType = 'decision';
export const LATER_RECORD_TYPES: readonly LaterRecordType[] = ['decision'];

/** Records read of each type: every original type, and a later type once one was sent (old extracts answer as before). */
export type RecordCounts = Record<Exclude<RecordType, LaterRecordType>, number> & Partial<Record<LaterRecordType, number>>;

/** The counts of an import that read nothing yet. */
export function noRecordsCounted(): RecordCounts {
  const later: readonly RecordType[] = LATER_RECORD_TYPES;
  return Object.fromEntries(RECORD_TYPES.filter((type) => !later.includes(type)).map((type) => [type, 0])) as RecordCounts;
}

export type ParsedRecord = { ok: true; record: RecordOf } | { ok: false; message: string };

function isRecordType(value: unknown): value is RecordType {
  return typeof value === 'string' && Object.hasOwn(schemaByType, value);
}

/**
 * Validates one decoded JSON value as a record. The message names the record (type and id when known)
 * and every problem, e.g. `case CR-1: missing field 'recordedAt'; field 'unitId' must be a string (got number)`.
 */
export function parseRecord(value: unknown): ParsedRecord {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    return { ok: false, message: 'each line must be one JSON object with a "type" field' };
  }
  const type = (value as { type?: unknown }).type;
  if (type === undefined) return { ok: false, message: `missing field 'type' (one of ${RECORD_TYPES.join(', ')})` };
  if (!isRecordType(type)) {
    return {
      ok: false,
      message: `unknown type ${shortened(JSON.stringify(type) ?? String(type))}: expected one of ${RECORD_TYPES.join(', ')}`,
    };
  }
  const parsed = schemaByType[type].safeParse(value);
  if (parsed.success) return { ok: true, record: parsed.data };
  const problems = parsed.error.issues.map(describeIssue);
  return { ok: false, message: `${recordLabel(type, value)}: ${[...new Set(problems)].join('; ')}` };
}

function recordLabel(type: RecordType, value: object): string {
  const key = type === 'needsAssessment' ? 'victimId' : 'id';
  const recordId = (value as Record<string, unknown>)[key];
  const shownId = typeof recordId === 'string' && recordId.length > 0 && recordId.length <= MAX_ID_LENGTH ? ` ${recordId}` : '';
  return type === 'needsAssessment' ? `needsAssessment${shownId ? ` for victim${shownId}` : ''}` : `${type}${shownId}`;
}

function describeIssue(issue: z.ZodIssue): string {
  const field = issue.path.length > 0 ? `field '${issue.path.join('.')}'` : 'the record';
  switch (issue.code) {
    case 'invalid_type':
      if (issue.received === 'undefined') return `missing field '${issue.path.join('.')}'`;
      if (issue.received === 'float') return `${field} must be a whole number (got a fraction)`;
      return `${field} must be ${article(issue.expected)} (got ${issue.received})`;
    case 'invalid_enum_value':
      return `${field} must be one of ${issue.options.join(', ')} (got ${shortened(JSON.stringify(issue.received))})`;
    case 'invalid_literal':
      return `${field} must be ${JSON.stringify(issue.expected)}`;
    default:
      return `${field} ${issue.message}`;
  }
}

function article(expected: string): string {
  if (expected === 'boolean') return 'true or false';
  if (expected === 'integer') return 'a whole number';
  return /^[aeiou]/.test(expected) ? `an ${expected}` : `a ${expected}`;
}
