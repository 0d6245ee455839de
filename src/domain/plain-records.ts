import { normaliseAadObjectId } from './entra-id.js';
import { parseIsoInstant } from './instant.js';
import { CONTACT_KINDS, CONTACT_METHODS, DECISION_KINDS, MAX_ID_LENGTH, ROLES, UNIT_KINDS } from './record-fields.js';
import type { RecordOf, RecordType } from './records.js';

/**
 * The import's fast path (issue 15): a record whose every field is plainly valid is read here, in plain
 * code, at a fraction of what the zod schemas (records.ts) cost per line; a line with anything wrong or
 * doubtful answers `undefined`, and the import asks zod (records.ts parseRecord), which names every problem. So this accepts
 * only what the schemas accept, giving the same record (trimmed ids and text, nulls for absent optional
 * fields, lower-case Entra ids): tests/unit/domain/plain-records.test.ts compares the two on generated
 * records, valid and broken. The schemas stay the one definition of the format and of its messages.
 */

const MAX_TEXT_LENGTH = 1000;
const MAX_ADDRESS_LENGTH = 320;
// biome-ignore lint/suspicious/noControlCharactersInRegex: the same pattern as records.ts's address().
const ADDRESS = /^[^\s@\u0000]+@[^\s@\u0000]+$/;

/** A field that is not plainly valid: the line goes to zod. */
class NotPlain extends Error {}
const NOT_PLAIN = new NotPlain();

function trimmed(value: unknown, max: number): string {
  if (typeof value !== 'string') throw NOT_PLAIN;
  const result = value.trim();
  if (result.length < 1 || result.length > max || result.includes('\u0000')) throw NOT_PLAIN;
  return result;
}
const id = (value: unknown) => trimmed(value, MAX_ID_LENGTH);
const text = (value: unknown) => trimmed(value, MAX_TEXT_LENGTH);

function instant(value: unknown): string {
  if (typeof value !== 'string' || !parseIsoInstant(value).ok) throw NOT_PLAIN;
  return value;
}

function oneOf<T extends string>(values: readonly T[], value: unknown): T {
  if (!values.includes(value as T)) throw NOT_PLAIN;
  return value as T;
}

function bool(value: unknown): boolean {
  if (typeof value !== 'boolean') throw NOT_PLAIN;
  return value;
}

function days(value: unknown): number {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 1 || value > 366) throw NOT_PLAIN;
  return value;
}

function address(value: unknown): string {
  if (typeof value !== 'string') throw NOT_PLAIN;
  const result = value.trim();
  if (result.length > MAX_ADDRESS_LENGTH || !ADDRESS.test(result)) throw NOT_PLAIN;
  return result;
}

/** An optional field: absent or null is null, else read as `read` reads it. */
function optional<T>(read: (value: unknown) => T, value: unknown): T | null {
  return value === undefined || value === null ? null : read(value);
}

type Fields = Record<string, unknown>;

const READERS: { [K in RecordType]: (r: Fields) => Extract<RecordOf, { type: K }> } = {
  unit: (r) => {
    const unit = {
      type: 'unit' as const,
      id: id(r.id),
      name: text(r.name),
      kind: oneOf(UNIT_KINDS, r.kind),
      parentId: optional(id, r.parentId),
    };
    if ((unit.kind === 'force') !== (unit.parentId === null) || unit.parentId === unit.id) throw NOT_PLAIN;
    return unit;
  },
  person: (r) => ({
    type: 'person',
    id: id(r.id),
    name: text(r.name),
    unitId: id(r.unitId),
    role: oneOf(ROLES, r.role),
    aadObjectId: optional((value) => normaliseAadObjectId(id(value)), r.aadObjectId),
    email: optional(address, r.email),
    upn: optional(address, r.upn),
  }),
  case: (r) => {
    const record = {
      type: 'case' as const,
      id: id(r.id),
      recordedAt: instant(r.recordedAt),
      offence: text(r.offence),
      category: text(r.category),
      unitId: id(r.unitId),
      oicId: id(r.oicId),
      closedAt: optional(instant, r.closedAt),
    };
    if (record.closedAt !== null && Date.parse(record.closedAt) < Date.parse(record.recordedAt)) throw NOT_PLAIN;
    return record;
  },
  victim: (r) => ({
    type: 'victim',
    id: id(r.id),
    caseId: id(r.caseId),
    enhanced: bool(r.enhanced),
    enhancedReason: optional(text, r.enhancedReason),
  }),
  needsAssessment: (r) => ({
    type: 'needsAssessment',
    victimId: id(r.victimId),
    completedAt: optional(instant, r.completedAt),
    updateFrequencyDays: optional(days, r.updateFrequencyDays),
    referralWanted: optional(bool, r.referralWanted),
    referredAt: optional(instant, r.referredAt),
  }),
  contact: (r) => {
    const contact = {
      type: 'contact' as const,
      id: id(r.id),
      victimId: id(r.victimId),
      at: instant(r.at),
      kind: oneOf(CONTACT_KINDS, r.kind),
      method: oneOf(CONTACT_METHODS, r.method),
      byId: id(r.byId),
      decisionId: optional(id, r.decisionId),
    };
    if ((contact.kind === 'decision_update') !== (contact.decisionId !== null)) throw NOT_PLAIN;
    return contact;
  },
  decision: (r) => ({ type: 'decision', id: id(r.id), caseId: id(r.caseId), at: instant(r.at), kind: oneOf(DECISION_KINDS, r.kind) }),
};

/** The record when `value` is an object of a known type with every field plainly valid; undefined when zod must look. */
export function readPlainRecord(value: unknown): RecordOf | undefined {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return undefined;
  const type = (value as Fields).type;
  if (typeof type !== 'string' || !Object.hasOwn(READERS, type)) return undefined;
  try {
    return READERS[type as RecordType](value as Fields);
  } catch (error) {
    if (error === NOT_PLAIN) return undefined;
    throw error;
  }
}
