/**
 * One force size: the application built as the product builds it (src/app.ts `createServices` on a fresh
 * store), the demo force imported through its import path, then its figures and digests timed beside the
 * hand-written SQL floors (floor-sql.ts) on the same store.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createServices, type AppServices } from '../src/app.js';
import { readConfig } from '../src/config/env.js';
import { localDateOf } from '../src/domain/calendar.js';
import { createLogger } from '../src/log/logger.js';
import { SqlComplianceQueries } from '../src/store/sql-compliance-queries.js';
import { DIGESTS_FLOOR_SQL, FIGURES_FLOOR_SQL } from './floor-sql.js';
import { benchImport, type ImportRow } from './import-floor.js';
import { benchFiguresCache, type CacheRow } from './figures-cache.js';
import { emptyPostgres } from './postgres.js';
import { percentile, timeRuns } from './timing.js';

export const SIZE_NOW = new Date('2026-11-20T10:00:00Z');
/** Timed runs of each figure, after a warm-up. */
export const RUNS = 15;

export interface SizeRow {
  size: number;
  lines: number;
  importMs: number;
  /** The same lines inserted raw (import-floor.ts). */
  importFloorMs: number;
  /** The same lines COPYed raw (import-floor.ts). */
  importCopyFloorMs: number;
  latency: Record<'team' | 'command' | 'force', { p50: number; p95: number; floorP50: number }>;
  digestsMs: number;
  digestsFloorMs: number;
  teams: number;
  rssMb: number;
  /** The figures cache beside the full evaluation (figures-cache.ts). */
  cache: CacheRow[];
}

/** The application on a fresh store: a new PGlite folder, or the PostgreSQL database emptied first. */
export async function freshServices(postgres: string | undefined, folder: string | null): Promise<AppServices> {
  if (postgres) await emptyPostgres(postgres);
  const config = readConfig({
    VCOP_DATA_DIR: folder ?? 'memory://',
    DATABASE_URL: postgres,
    VCOP_NOW: SIZE_NOW.toISOString(),
    VCOP_DEMO: '0',
    LOG_LEVEL: 'warn',
  });
  return createServices(config, createLogger({ level: config.logLevel, destination: process.stderr }));
}

export async function benchOneSize(size: number, postgres: string | undefined): Promise<SizeRow> {
  const folder = postgres ? null : await mkdtemp(join(tmpdir(), 'vcop-bench-'));
  let services: AppServices | undefined;
  try {
    services = await freshServices(postgres, folder);
    const { db, policy } = services;
    // The columns beside the floors time the full evaluation: the application's cached read side is timed
    // on its own below (figures-cache.ts), at moving instants.
    const queries = new SqlComplianceQueries(db, policy);

    const imported = await benchImport(services, size, SIZE_NOW);

    const units = await queries.listUnits();
    const team = units.find((u) => u.kind === 'team') ?? fail('no team');
    const command = units.find((u) => u.kind === 'command') ?? fail('no command');
    const force = units.find((u) => u.kind === 'force') ?? fail('no force');
    const today = localDateOf(SIZE_NOW, policy.timeZone);
    const floorParams = (unitId: string) => [
      unitId,
      SIZE_NOW.toISOString(),
      today,
      policy.updateIntervalDays,
      policy.needsAssessmentWorkingDays,
    ];

    const latency = {} as SizeRow['latency'];
    for (const [label, unit] of [
      ['team', team],
      ['command', command],
      ['force', force],
    ] as const) {
      const ours = await timeRuns(() => queries.figures(unit.id, SIZE_NOW), RUNS);
      const floor = await timeRuns(() => db.query(FIGURES_FLOOR_SQL, floorParams(unit.id)), RUNS);
      const ourFigures = await queries.figures(unit.id, SIZE_NOW);
      const [floorFigures] = await db.query<{ total: number; compliant: number }>(FIGURES_FLOOR_SQL, floorParams(unit.id));
      if (ourFigures.total !== floorFigures?.total || ourFigures.compliant !== floorFigures?.compliant) {
        throw new Error(`floor and product disagree for ${unit.id}: ${JSON.stringify({ ourFigures, floorFigures })}`);
      }
      latency[label] = { p50: percentile(ours, 50), p95: percentile(ours, 95), floorP50: percentile(floor, 50) };
    }

    const digests = await timeRuns(() => queries.allTeamDigests(SIZE_NOW), 3);
    const digestsFloor = await timeRuns(
      () => db.query(DIGESTS_FLOOR_SQL, [SIZE_NOW.toISOString(), today, policy.updateIntervalDays, policy.needsAssessmentWorkingDays]),
      3,
    );
    const cache = await benchFiguresCache(services, { team, command, force }, SIZE_NOW);
    return {
      size,
      cache,
      lines: imported.lines,
      importMs: imported.importMs,
      importFloorMs: imported.insertFloorMs,
      importCopyFloorMs: imported.copyFloorMs,
      latency,
      digestsMs: percentile(digests, 50),
      digestsFloorMs: percentile(digestsFloor, 50),
      teams: units.filter((u) => u.kind === 'team').length,
      rssMb: Math.round(process.memoryUsage().rss / 1e6),
    };
  } finally {
    await services?.db.close();
    if (folder) await rm(folder, { recursive: true, force: true });
  }
}

/** `--import-only`: the import and its floors on a fresh store, nothing else. */
export async function benchImportOnly(size: number, postgres: string | undefined): Promise<ImportRow> {
  const folder = postgres ? null : await mkdtemp(join(tmpdir(), 'vcop-bench-'));
  let services: AppServices | undefined;
  try {
    services = await freshServices(postgres, folder);
    return await benchImport(services, size, SIZE_NOW);
  } finally {
    await services?.db.close();
    if (folder) await rm(folder, { recursive: true, force: true });
  }
}

function fail(message: string): never {
  throw new Error(message);
}
