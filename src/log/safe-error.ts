/**
 * What of an error goes into the logs. Database drivers hang the failed statement's data on their errors:
 * PGlite adds `query` and `params` (a whole staging batch of names and e-mail addresses, a note's text),
 * and PostgreSQL's `detail` and `where` quote the row or the parameter ("Failing row contains (...)").
 * So an error is logged by an allow-list: its type, message, code and stack, the few fields of a database
 * error that name the schema and never the data (constraint, table, column ...), and its cause the same way.
 */

export interface SafeError {
  type: string;
  message: string;
  code?: string | number;
  stack?: string;
  status?: number;
  severity?: string;
  constraint?: string;
  table?: string;
  column?: string;
  schema?: string;
  dataType?: string;
  routine?: string;
  cause?: SafeError;
  errors?: SafeError[];
}

/** Fields of a database error that name parts of the schema, never the values in a row. */
const SCHEMA_FIELDS = ['severity', 'constraint', 'table', 'column', 'schema', 'dataType', 'routine'] as const;

const MAX_DEPTH = 5;
const MAX_MESSAGE_CHARS = 2000;
const MAX_NESTED_ERRORS = 10;

/**
 * PostgreSQL quotes a rejected value in some messages (`invalid input syntax for type integer: "..."`,
 * `value "..." is out of range`), and quotes names of the schema in others (`relation "people"`,
 * `constraint "people_pkey"`). A quoted string after one of these words is a name and is kept; any other
 * is replaced by "…".
 */
const SCHEMA_WORDS = [
  'relation',
  'column',
  'constraint',
  'table',
  'type',
  'function',
  'schema',
  'index',
  'encoding',
  'operator',
  'sequence',
  'database',
  'role',
  'extension',
  'trigger',
  'view',
  'cursor',
  'savepoint',
  'statement',
  'portal',
  'collation',
  'domain',
  'tablespace',
  'aggregate',
  'procedure',
  'policy',
  'attribute',
  'parameter',
];
const QUOTED = /"(?:[^"]|"")*"/g;
const ENDS_WITH_SCHEMA_WORD = new RegExp(`\\b(?:${SCHEMA_WORDS.join('|')}) $`, 'i');

/** Quoted strings are taken left to right, so the closing quote of a name never starts a "value". */
function withoutQuotedValues(message: string): string {
  return message.replace(QUOTED, (quoted, offset: number) =>
    ENDS_WITH_SCHEMA_WORD.test(message.slice(Math.max(0, offset - 30), offset)) ? quoted : '"…"',
  );
}

export function safeError(error: unknown, depth = 0): SafeError {
  if (typeof error !== 'object' || error === null) {
    return { type: typeof error, message: typeof error === 'string' ? clip(error) : '(a thrown value that is not an Error)' };
  }
  const e = error as Record<string, unknown>;
  // PGlite's error class has a minified name: a database error is called what it is.
  const type = isDatabaseError(e)
    ? 'DatabaseError'
    : error instanceof Error
      ? error.constructor.name || error.name
      : typeof e.type === 'string'
        ? e.type
        : 'Object';
  const name = typeof e.name === 'string' ? e.name : type;
  const fromDatabase = comesFromDatabase(error, 0);
  const rawMessage = typeof e.message === 'string' ? e.message : '';
  const message = clip(fromDatabase ? withoutQuotedValues(rawMessage) : rawMessage);
  const safe: SafeError = { type, message };
  if (typeof e.code === 'string' || typeof e.code === 'number') safe.code = e.code;
  if (typeof e.stack === 'string') safe.stack = stackOf(e.stack, name, message);
  const status = typeof e.status === 'number' ? e.status : typeof e.statusCode === 'number' ? e.statusCode : undefined;
  if (status !== undefined) safe.status = status;
  if (isDatabaseError(e)) {
    for (const field of SCHEMA_FIELDS) {
      const value = e[field];
      if (typeof value === 'string') safe[field] = clip(value);
    }
  }
  if (depth < MAX_DEPTH) {
    if (e.cause !== undefined) safe.cause = safeError(e.cause, depth + 1);
    if (Array.isArray(e.errors)) safe.errors = e.errors.slice(0, MAX_NESTED_ERRORS).map((inner) => safeError(inner, depth + 1));
  }
  return safe;
}

/**
 * pino's `formatters.log`: every Error in a logged object (under `err` or any other key, one level of
 * nesting or a few) is replaced by its safe form before anything is written.
 */
export function withSafeErrors(logged: Record<string, unknown>): Record<string, unknown> {
  return replaceErrors(logged, 0) as Record<string, unknown>;
}

function replaceErrors(value: unknown, depth: number): unknown {
  if (typeof value !== 'object' || value === null) return value;
  if (value instanceof Error) return safeError(value);
  if (depth >= 3 || Array.isArray(value) || Object.getPrototypeOf(value) !== Object.prototype) return value;
  let copy: Record<string, unknown> | undefined;
  for (const [key, inner] of Object.entries(value)) {
    const replaced = key === 'err' && typeof inner === 'object' && inner !== null ? safeError(inner) : replaceErrors(inner, depth + 1);
    if (replaced !== inner) {
      copy ??= { ...value };
      copy[key] = replaced;
    }
  }
  return copy ?? value;
}

/** A PostgreSQL error (from pg or PGlite): a severity and a five-character SQLSTATE. */
function isDatabaseError(e: Record<string, unknown>): boolean {
  return typeof e.severity === 'string' && typeof e.code === 'string' && /^[0-9A-Z]{5}$/.test(e.code);
}

/** A database error, or one that wraps one (its message then often repeats the database's). */
function comesFromDatabase(error: unknown, depth: number): boolean {
  if (typeof error !== 'object' || error === null || depth > MAX_DEPTH) return false;
  const e = error as Record<string, unknown>;
  return isDatabaseError(e) || comesFromDatabase(e.cause, depth + 1);
}

/** The stack's frames under the (safe) message: engines start a stack with the original message. */
function stackOf(stack: string, name: string, message: string): string {
  const frames = stack.split('\n').filter((line) => /^\s+at /.test(line));
  return [`${name}: ${message}`, ...frames].join('\n');
}

function clip(text: string): string {
  return text.length <= MAX_MESSAGE_CHARS ? text : `${text.slice(0, MAX_MESSAGE_CHARS)}…`;
}
