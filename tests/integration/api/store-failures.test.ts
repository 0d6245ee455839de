import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Server } from 'restify';
import { watchAppStore } from '../../../src/store/store-watch.js';
import { readConfig } from '../../../src/config/env.js';
import { fixedClock } from '../../../src/domain/clock.js';
import { apiRoutes } from '../../../src/api/routes/index.js';
import { createHttpServer } from '../../../src/api/server.js';
import { createLogger } from '../../../src/log/logger.js';
import { importRecords } from '../../../src/service/import-records.js';
import { readNdjsonLines } from '../../../src/service/ndjson-lines.js';
import type { Db } from '../../../src/store/db.js';
import type { StoreUnusableError } from '../../../src/store/store-errors.js';
import type { WatchedDb } from '../../../src/store/store-watch.js';
import { SqlComplianceQueries } from '../../../src/store/sql-compliance-queries.js';
import { rebuildWorkingCalendar } from '../../../src/store/working-calendar-store.js';
import { loadPolicy } from '../../../src/config/load-policy.js';
import { FullDiskDb } from '../../support/full-disk-db.js';
import { importText, openTestDb, smallForceNdjson, type TestDb } from '../../support/test-db.js';

/**
 * The API over a store whose disk fills up (issue 10, H5), PGlite's behaviour there played by FullDiskDb
 * (tests/reliability/full-disk.test.ts does it on a real full disk): the caller is told "the data disk is
 * full", the log says so, and liveness and readiness tell the platform the truth.
 */
const TOKEN = 'store-failures-token-0123456789';
const NOW = new Date('2026-11-20T10:00:00Z');

let store: TestDb;
let disk: FullDiskDb;
let server: Server;
let baseUrl: string;
let logLines: string[];
let unusable: StoreUnusableError[];

async function serve(db: Db, stuckAfterMs = 60_000): Promise<WatchedDb> {
  logLines = [];
  unusable = [];
  const logger = createLogger({ level: 'info', destination: { write: (line: string) => void logLines.push(line) } });
  const watched = watchAppStore(db, { storeStuckMs: stuckAfterMs }, logger, (error) => unusable.push(error));
  const { policy } = await loadPolicy({});
  const config = readConfig({ VCOP_IMPORT_IDLE_SECONDS: '5' });
  server = createHttpServer({
    logger,
    apiToken: TOKEN,
    routes: apiRoutes({
      clock: fixedClock(NOW),
      policy,
      queries: new SqlComplianceQueries(watched, policy),
      importRecords: (body) =>
        importRecords(watched, readNdjsonLines(body, { maxLineBytes: 64 * 1024 }), { now: NOW, timeZone: policy.timeZone }),
      isReady: async () => (await watched.query('select 1 as ok')).length === 1,
      storeHealth: () => watched.health(),
      maxImportBytes: config.maxImportBytes,
      importIdleMs: config.importIdleMs,
    }),
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  const address = server.address();
  baseUrl = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
  return watched;
}

const get = (path: string) => fetch(`${baseUrl}${path}`, { headers: { authorization: `Bearer ${TOKEN}` } });
const postRecords = (body: string) =>
  fetch(`${baseUrl}/v1/records`, {
    method: 'POST',
    headers: { authorization: `Bearer ${TOKEN}`, 'content-type': 'application/x-ndjson' },
    body,
  });
const newTeam = JSON.stringify({ type: 'unit', id: 'NEW-T', name: 'New team', kind: 'team', parentId: 'N-LPA' });

beforeEach(async () => {
  store = await openTestDb('pglite');
  const { calendar } = await loadPolicy({});
  await rebuildWorkingCalendar(store.db, calendar, 2016, 2031);
  await importText(store.db, await smallForceNdjson());
  disk = new FullDiskDb(store.db);
});
afterEach(async () => {
  await new Promise<void>((resolve) => server.close(() => resolve()));
  await store.dispose();
});

describe('the API when the data disk is full', () => {
  it('an import is answered 507 "the data disk is full", logged as such; the store answers on', async () => {
    await serve(disk);
    disk.fill();
    const response = await postRecords(newTeam);
    expect(response.status).toBe(507);
    expect(((await response.json()) as { error: { code: string; message: string } }).error).toMatchObject({
      code: 'disk_full',
      message: expect.stringMatching(/^The data disk is full: nothing was written/),
    });
    expect(logLines.join('')).toContain('the data disk is full');

    expect((await get('/v1/units/FORCE/compliance')).status).toBe(200);
    expect((await get('/readyz')).status).toBe(200);
    expect((await get('/healthz')).status).toBe(200);
    disk.free();
    expect((await postRecords(newTeam)).status).toBe(200);
  });

  it('a store broken by a failed log write: 507, a fatal log line, the process told to exit, and /healthz 503', async () => {
    await serve(disk);
    disk.breakLog();
    const response = await postRecords(newTeam);
    expect(response.status).toBe(507);
    expect(((await response.json()) as { error: { code: string; message: string } }).error.message).toContain('the service is restarting');
    expect(unusable).toHaveLength(1);
    const fatal = logLines.map((line) => JSON.parse(line) as { level: number; msg: string }).find((line) => line.level === 60);
    expect(fatal?.msg).toMatch(/^the data disk is full and the store stopped working/);

    const health = await get('/healthz');
    expect(health.status).toBe(503);
    expect(((await health.json()) as { store: string }).store).toContain('the data disk is full');
    expect((await get('/readyz')).status).toBe(503);
    expect((await get('/v1/units/FORCE/compliance')).status).toBe(507);
  });
});

describe('liveness and readiness when the store does not answer', () => {
  const hangingSelect = (inner: Db): Db => ({
    dialect: inner.dialect,
    query: (sql, params) => (sql.startsWith('select 1') ? new Promise<never>(() => undefined) : inner.query(sql, params)),
    exec: (sql) => inner.exec(sql),
    copyIn: (target, text) => inner.copyIn(target, text),
    ensureRoom: (bytes) => inner.ensureRoom(bytes),
    transaction: (fn) => inner.transaction(fn),
    close: () => inner.close(),
  });

  it('/readyz answers 503 within about 2 s', async () => {
    await serve(hangingSelect(store.db));
    const started = performance.now();
    const response = await get('/readyz');
    expect(response.status).toBe(503);
    expect(performance.now() - started).toBeLessThan(3500);
  });

  it('/healthz answers 503 once operations have waited past VCOP_STORE_STUCK_SECONDS with none finishing', async () => {
    await serve(hangingSelect(store.db), 300);
    expect((await get('/healthz')).status).toBe(200);
    const readiness = get('/readyz').then((response) => response.text());
    await new Promise((resolve) => setTimeout(resolve, 600));
    const response = await get('/healthz');
    expect(response.status).toBe(503);
    expect(((await response.json()) as { store: string }).store).toMatch(/^stuck: operations waiting \d+ s with none finishing/);
    await readiness;
  });
});
