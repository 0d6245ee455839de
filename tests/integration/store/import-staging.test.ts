import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createServices } from '../../../src/app.js';
import { readConfig } from '../../../src/config/env.js';
import { createLogger } from '../../../src/log/logger.js';
import { demoForceNdjson } from '../../../src/demo/demo-force.js';
import { importRecords, type ImportResult } from '../../../src/service/import-records.js';
import { readNdjsonLines } from '../../../src/service/ndjson-lines.js';
import { openDb } from '../../../src/store/connect.js';
import type { Db } from '../../../src/store/db.js';
import { dropLeftoverStaging, ImportStaging } from '../../../src/store/import-staging.js';
import { migrate } from '../../../src/store/migrate.js';
import { DRIVERS, importText, openTestDb, SMALL_FORCE_NOW, smallForceNdjson, TIME_ZONE, type TestDb } from '../../support/test-db.js';
import { storeSnapshot } from '../../support/store-snapshot.js';

/**
 * An import stages its lines in statements of its own (issue 10, H3): the store is free between two
 * batches, so other work goes on while a large or slow file arrives, and only the merge is one
 * transaction. Its staging tables never outlive it.
 */
const stagingTables = async (db: Db) =>
  (
    await db.query<{ name: string }>(
      `select tablename as name from pg_tables where schemaname = current_schema() and tablename like 'import\\_%'`,
    )
  ).map((r) => r.name);

/** Rejects when `work` has not settled within `ms`: a query stuck behind the import fails the test rather than hanging it. */
function within<T>(ms: number, work: Promise<T>, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what} did not answer within ${ms} ms`)), ms);
  });
  return Promise.race([work, late]).finally(() => clearTimeout(timer));
}

const unit = (id: string, parentId: string | null, kind = parentId ? 'team' : 'force') =>
  JSON.stringify({ type: 'unit', id, name: `Unit ${id}`, kind, parentId });

function linesOf(text: string): AsyncIterable<Buffer> {
  return (async function* () {
    yield Buffer.from(text);
  })();
}

describe.each(DRIVERS)('import staging on %s', (driver) => {
  let store: TestDb;

  beforeEach(async () => {
    store = await openTestDb(driver);
  });
  afterEach(() => store.dispose());

  it('answers another query while a large import is staging its lines', async () => {
    await importText(store.db, await smallForceNdjson());
    const waits: number[] = [];
    let staged = 0;
    // The demo force of 2,000 victims is ~13,000 lines: several batches of 5,000 are written before it ends.
    async function* extractWithQueriesBetween(): AsyncGenerator<string> {
      for await (const line of demoForceNdjson({ victims: 2000, now: SMALL_FORCE_NOW })) {
        staged += 1;
        if (staged % 4000 === 0) {
          // The import is mid-file, waiting for its next line: the store must be free.
          const started = performance.now();
          const [row] = await within(5000, store.db.query<{ n: number }>('select count(*)::int as n from units'), 'a query during staging');
          waits.push(performance.now() - started);
          expect(row?.n).toBeGreaterThan(0);
        }
        yield `${line}\n`;
      }
    }
    const result = await importRecords(store.db, readNdjsonLines(extractWithQueriesBetween(), { maxLineBytes: 64 * 1024 }), {
      now: SMALL_FORCE_NOW,
      timeZone: TIME_ZONE,
    });
    expect(result.ok).toBe(true);
    expect(waits.length).toBeGreaterThanOrEqual(3);
    expect(await stagingTables(store.db)).toEqual([]);
  }, 60_000);

  it('drops its staging tables whatever the outcome: committed, rejected, or a body that failed mid-way', async () => {
    expect((await importText(store.db, await smallForceNdjson())).ok).toBe(true);
    expect(await stagingTables(store.db)).toEqual([]);

    expect((await importText(store.db, '{"type":"unit","id":"X"}\n')).ok).toBe(false);
    expect(await stagingTables(store.db)).toEqual([]);

    const before = await storeSnapshot(store.db);
    async function* cutOff(): AsyncGenerator<Buffer> {
      yield Buffer.from(`${unit('NEW-T', 'N-LPA')}\n`);
      throw new Error('the client went away');
    }
    const failed = importRecords(store.db, readNdjsonLines(cutOff(), { maxLineBytes: 1024 }), {
      now: SMALL_FORCE_NOW,
      timeZone: TIME_ZONE,
    });
    await expect(failed).rejects.toThrow('the client went away');
    expect(await stagingTables(store.db)).toEqual([]);
    expect(await storeSnapshot(store.db)).toEqual(before);
  });

  it('checks the unit tree again in the merge: two imports that each pass alone cannot make a loop together', async () => {
    await importText(store.db, [unit('FORCE', null), unit('A', 'FORCE', 'command'), unit('B', 'FORCE', 'command')].join('\n'));
    // Each import alone is valid; A under B and B under A together would leave both cut off from the force.
    // The second checks its lines before the first merges, and merges after it.
    const gate = new MergeGate(store.db);
    const first = importRecords(gate.held, readNdjsonLines(linesOf(unit('A', 'B', 'command')), { maxLineBytes: 1024 }), {
      now: SMALL_FORCE_NOW,
      timeZone: TIME_ZONE,
    });
    const second = importRecords(gate.releasing, readNdjsonLines(linesOf(unit('B', 'A', 'command')), { maxLineBytes: 1024 }), {
      now: SMALL_FORCE_NOW,
      timeZone: TIME_ZONE,
    });
    const results: ImportResult[] = await Promise.all([first, second]);
    expect(results[0]).toMatchObject({ ok: true });
    expect(results[1]).toMatchObject({ ok: false, errors: [{ line: 1, message: expect.stringContaining('loops back on itself') }] });
    const parents = await store.db.query<{ id: string; parent_id: string }>(
      `select id, parent_id from units where id in ('A', 'B') order by id`,
    );
    expect(parents).toEqual([
      { id: 'A', parent_id: 'B' },
      { id: 'B', parent_id: 'FORCE' },
    ]);
  });

  it('drops staging left by imports that never finished: all on PGlite, on PostgreSQL only a day old', async () => {
    const day = 24 * 60 * 60 * 1000;
    const old = await ImportStaging.create(store.db, Date.now() - 2 * day);
    const recent = await ImportStaging.create(store.db);
    await dropLeftoverStaging(store.db, { olderThanMs: day });
    const left = await stagingTables(store.db);
    expect(left.some((name) => name.startsWith(old.id))).toBe(false);
    expect(left.some((name) => name.startsWith(recent.id))).toBe(driver === 'postgres');
    await recent.drop();
  });
});

describe('a start after a crash mid-import', () => {
  it('drops the staging tables the crashed import left in the data folder', async () => {
    const folder = await mkdtemp(join(tmpdir(), 'vcop-staging-'));
    try {
      const dataDir = join(folder, 'data');
      const crashed = await openDb({ dataDir });
      await migrate(crashed);
      const staging = await ImportStaging.create(crashed);
      await crashed.exec(`insert into ${staging.table('unit')} (line, id, name, kind, parent_id) values (1, 'U', 'U', 'team', 'FORCE')`);
      await crashed.close(); // the process died here: nothing dropped the tables

      const logLines: string[] = [];
      const logger = createLogger({ level: 'info', destination: { write: (line: string) => void logLines.push(line) } });
      const services = await createServices(readConfig({ VCOP_DATA_DIR: dataDir, VCOP_DEMO: '0', LOG_LEVEL: 'info' }), logger);
      try {
        expect(await stagingTables(services.db)).toEqual([]);
        expect(logLines.join('')).toContain('dropped the staging tables of imports that did not finish');
      } finally {
        await services.db.close();
      }
    } finally {
      await rm(folder, { recursive: true, force: true });
    }
  }, 60_000);
});

/**
 * Two views of one store: the `held` one's merge waits until the `releasing` one asks to merge (so both
 * have checked their lines), and the `releasing` one's merge then waits for the held one's to end.
 */
class MergeGate {
  readonly held: Db;
  readonly releasing: Db;

  constructor(db: Db) {
    let asked!: () => void;
    const heldAsked = new Promise<void>((resolve) => (asked = resolve));
    let release!: () => void;
    const released = new Promise<void>((resolve) => (release = resolve));
    let heldDone: Promise<unknown> = Promise.resolve();
    this.held = {
      ...bound(db),
      transaction: (fn) => {
        const merge = released.then(() => db.transaction(fn));
        heldDone = merge.catch(() => undefined);
        asked();
        return merge;
      },
    };
    this.releasing = {
      ...bound(db),
      transaction: async (fn) => {
        await heldAsked;
        release();
        await heldDone;
        return db.transaction(fn);
      },
    };
  }
}

function bound(db: Db): Db {
  return {
    dialect: db.dialect,
    query: (sql, params) => db.query(sql, params),
    exec: (sql) => db.exec(sql),
    copyIn: (target, text) => db.copyIn(target, text),
    ensureRoom: (bytes) => db.ensureRoom(bytes),
    transaction: (fn) => db.transaction(fn),
    close: () => db.close(),
  };
}
