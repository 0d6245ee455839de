import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoForceRecords } from '../../../src/demo/demo-force.js';
import { importRecords } from '../../../src/service/import-records.js';
import { readNdjsonLines } from '../../../src/service/ndjson-lines.js';
import { openDb } from '../../../src/store/connect.js';
import type { Db } from '../../../src/store/db.js';
import { migrate } from '../../../src/store/migrate.js';
import { storeSnapshot, type StoreSnapshot } from '../../support/store-snapshot.js';

/**
 * Generated bad input: take a valid extract (the next night's records of a force already stored), break
 * some of its lines in the ways real extracts break, and check that the import is refused, names
 * every broken line, and leaves the store row-for-row as it was. `npm run test:reliability` runs
 * 3,000 cases instead of 300.
 */
const NOW = new Date('2026-11-20T10:00:00Z');
const MAX_LINE_BYTES = 4096;
const FUZZ_RUNS = Number(process.env.VCOP_FUZZ_RUNS ?? 300);

type Mutation = (line: string, context: { lineNumber: number; firstLineOfSameId: number | null }) => string | Buffer;

const MUTATIONS: Record<string, Mutation> = {
  'bad JSON': (line) => line.slice(0, Math.max(1, Math.floor(line.length / 2))),
  'trailing garbage': (line) => `${line} ,`,
  'not an object': () => '[1,2,3]',
  'unknown type': (line) => line.replace(/"type":"\w+"/, '"type":"vehicle"'),
  'missing id': (line) => line.replace(/"id":"[^"]*",?/, '').replace(/"victimId":"[^"]*",?/, ''),
  'wrong type for a field': (line) =>
    line.includes('"enhanced"') ? line.replace(/"enhanced":(true|false)/, '"enhanced":"yes"') : line.replace(/"type":"(\w+)"/, '"type":42'),
  'timestamp without offset': (line) =>
    /"(recordedAt|at|completedAt)":"/.test(line) ? line.replace(/(\d{2}:\d{2}:\d{2})(Z|[+-]\d{2}:\d{2})"/, '$1"') : '{}',
  'unknown reference': (line) =>
    /"(unitId|caseId|victimId|oicId|parentId)":"/.test(line)
      ? line.replace(/"(unitId|caseId|victimId|oicId)":"[^"]*"/, '"$1":"NO-SUCH-ID"')
      : '{"type":"victim","id":"V-X","caseId":"NO-SUCH-CASE","enhanced":false}',
  'invalid UTF-8': (line) => Buffer.concat([Buffer.from(line.slice(0, 10)), Buffer.from([0xc3, 0x28, 0xff]), Buffer.from(line.slice(10))]),
  'huge line': (line) => `${line.slice(0, -1)},"padding":"${'x'.repeat(MAX_LINE_BYTES)}"}`,
  'empty object': () => '{}',
  null: () => 'null',
};

describe('import under generated malformed input', () => {
  let db: Db;
  let baseLines: string[];
  let snapshot: StoreSnapshot;

  beforeAll(async () => {
    db = await openDb({ dataDir: 'memory://' });
    await migrate(db);
    const records = [...demoForceRecords({ victims: 60, now: NOW, seed: 7 })];
    const stored = await importRecords(db, lines(records.map((r) => JSON.stringify(r))), { now: NOW, timeZone: 'Europe/London' });
    expect(stored.ok).toBe(true);
    // The next extract: the same records again (upserts) - a valid file to break.
    baseLines = records.map((r) => JSON.stringify(r));
    snapshot = await storeRows(db);
  });
  afterAll(() => db.close());

  it(`refuses every broken extract, names every broken line and writes nothing (${FUZZ_RUNS} cases)`, async () => {
    const mutationNames = Object.keys(MUTATIONS);
    let tried = 0;
    await fc.assert(
      fc.asyncProperty(
        fc.uniqueArray(fc.nat({ max: baseLines.length - 1 }), { minLength: 1, maxLength: 4 }),
        fc.array(fc.constantFrom(...mutationNames), { minLength: 4, maxLength: 4 }),
        async (positions, kinds) => {
          tried += 1;
          const file: (string | Buffer)[] = [...baseLines];
          positions.forEach((position, i) => {
            const mutation = MUTATIONS[kinds[i] as string] as Mutation;
            file[position] = mutation(baseLines[position] as string, { lineNumber: position + 1, firstLineOfSameId: null });
          });
          // A mutation that left every line as it was makes a good extract, not a broken one: not this test's subject
          // (importing it would be a successful import, which moves the store's data version).
          const changed = positions.filter((p) => String(file[p]) !== baseLines[p]).map((p) => p + 1);
          if (changed.length === 0) return;
          const result = await importRecords(db, readNdjsonLines(chunks(file), { maxLineBytes: MAX_LINE_BYTES }), {
            now: NOW,
            timeZone: 'Europe/London',
          });
          expect(result.ok).toBe(false);
          if (result.ok) return;
          const reported = new Set(result.errors.map((e) => e.line));
          for (const line of changed) expect(reported, `line ${line} (${kinds.join(', ')}) was not reported`).toContain(line);
          for (const error of result.errors) expect(error.message.length).toBeGreaterThan(10);
        },
      ),
      { numRuns: FUZZ_RUNS, seed: 20261122, endOnFailure: true },
    );
    expect(tried).toBe(FUZZ_RUNS);
    expect(await storeRows(db)).toEqual(snapshot);
  }, 600_000);

  it('names both lines of an id sent twice in one extract', async () => {
    const unitLine = baseLines.findIndex((l) => l.includes('"type":"unit"') && l.includes('"N-T1"'));
    const file = [...baseLines, baseLines[unitLine] as string];
    const result = await importRecords(db, lines(file), { now: NOW, timeZone: 'Europe/London' });
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.errors.map((e) => e.line)).toContain(file.length);
    expect(await storeRows(db)).toEqual(snapshot);
  });
});

async function* lines(texts: string[]): AsyncGenerator<{ lineNumber: number; text: string }> {
  let lineNumber = 0;
  for (const text of texts) yield { lineNumber: ++lineNumber, text };
}

/** Split at awkward places, as a network would. */
async function* chunks(file: (string | Buffer)[]): AsyncGenerator<Buffer> {
  const whole = Buffer.concat(file.map((l) => Buffer.concat([Buffer.isBuffer(l) ? l : Buffer.from(l), Buffer.from('\n')])));
  for (let i = 0; i < whole.length; i += 1531) yield whole.subarray(i, i + 1531);
}

/**
 * audit_log is left out: a generated "mutation" that happens to leave its line valid makes a valid
 * import, which rightly adds its audit entry.
 */
const storeRows = (db: Db) => storeSnapshot(db, { except: ['audit_log'] });
