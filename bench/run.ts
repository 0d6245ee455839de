/**
 * `npm run bench [-- --sizes 10000,100000,500000] [--postgres URL] [--load-only | --skip-load]
 *   [--users 200] [--seconds 60] [--think-ms 1000]`
 *
 * For each force size: import the demo force through the real import path (records/s), then figures
 * latency p50/p95 for a team, a command and the force, and the time to build every team's digest, each
 * beside a floor measured in the same run on the same store (one hand-written SQL statement, see
 * floor-sql.ts) as a ratio. Then the load section (bench/load.ts): simulated Teams users asking and
 * pressing buttons against the demo force, with errors, throughput and p50/p95/p99 latency.
 * Prints Markdown tables for the README.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { loadPolicy } from '../src/config/load-policy.js';
import { localDateOf } from '../src/domain/calendar.js';
import { demoForceNdjson } from '../src/demo/demo-force.js';
import { importRecords } from '../src/service/import-records.js';
import { readNdjsonLines } from '../src/service/ndjson-lines.js';
import { openDb } from '../src/store/connect.js';
import type { Db } from '../src/store/db.js';
import { migrate } from '../src/store/migrate.js';
import { SqlComplianceQueries } from '../src/store/sql-compliance-queries.js';
import { rebuildWorkingCalendar } from '../src/store/working-calendar-store.js';
import { DIGESTS_FLOOR_SQL, FIGURES_FLOOR_SQL, RAW_LINES_INSERT_SQL, RAW_LINES_TABLE_SQL } from './floor-sql.js';
import { formatLoadReport, runLoad } from './load.js';

const NOW = new Date('2026-11-20T10:00:00Z');
const RUNS = 15;

const { values } = parseArgs({
  options: {
    sizes: { type: 'string', default: '10000,100000,500000' },
    postgres: { type: 'string' },
    'load-only': { type: 'boolean', default: false },
    'skip-load': { type: 'boolean', default: false },
    users: { type: 'string', default: '200' },
    seconds: { type: 'string', default: '60' },
    'think-ms': { type: 'string', default: '1000' },
    'load-victims': { type: 'string', default: '3000' },
    help: { type: 'boolean', short: 'h' },
  },
});
if (values.help) {
  process.stdout.write('npm run bench -- [--sizes 10000,100000,500000] [--postgres postgres://...] [--load-only | --skip-load]\n'
    + '                   [--users 200] [--seconds 60] [--think-ms 1000] [--load-victims 3000]\n'
    + 'Builds demo forces of each size in a fresh store (PGlite in a temp folder, or the given empty PostgreSQL database),\n'
    + 'and prints import rate, figures latency and digest build time beside hand-written SQL floors.\n'
    + 'Then the load section: --users simulated Teams users for --seconds against the demo force (the app in its own\n'
    + 'process, on PGlite in memory, or on the --postgres database instead, after emptying it), each waiting up to\n'
    + '--think-ms between actions;\n'
    + 'prints errors, throughput and p50/p95/p99 latency.\n');
  process.exit(0);
}

const positive = (name: string, value: string, min = 1): number => {
  const n = Number(value);
  if (!Number.isFinite(n) || n < min) {
    process.stderr.write(`--${name} must be a number of at least ${min} (got '${value}')\n`);
    process.exit(2);
  }
  return n;
};
const load = {
  users: positive('users', values.users),
  durationMs: positive('seconds', values.seconds) * 1000,
  thinkMs: positive('think-ms', values['think-ms'], 0),
  victims: positive('load-victims', values['load-victims'], 10),
};

interface Row {
  size: number;
  lines: number;
  importMs: number;
  importFloorMs: number;
  latency: Record<'team' | 'command' | 'force', { p50: number; p95: number; floorP50: number }>;
  digestsMs: number;
  digestsFloorMs: number;
  teams: number;
  rssMb: number;
}

const { policy, calendar } = await loadPolicy({});
if (!values['load-only']) {
  const sizes = values.sizes.split(',').map((s) => Number(s.trim()));
  const rows: Row[] = [];
  for (const size of sizes) {
    rows.push(await benchOneSize(size));
    printTable(rows);
  }
}
if (!values['skip-load']) {
  const report = await runLoad({ ...load, ...(values.postgres ? { databaseUrl: values.postgres } : {}), progress: (line) => process.stderr.write(`${line}\n`) });
  process.stdout.write(formatLoadReport(report));
  if (report.errors > 0) process.exitCode = 1;
}

async function benchOneSize(size: number): Promise<Row> {
  const folder = values.postgres ? null : await mkdtemp(join(tmpdir(), 'vcop-bench-'));
  const db = await openDb({ databaseUrl: values.postgres, dataDir: folder ?? '' });
  try {
    if (values.postgres) await db.exec('drop schema public cascade; create schema public;');
    await migrate(db);
    await rebuildWorkingCalendar(db, calendar, 2015, 2035);

    const lines: string[] = [];
    const startImport = performance.now();
    const result = await importRecords(db, readNdjsonLines(withNewlines(demoForceNdjson({ victims: size, now: NOW }), lines), { maxLineBytes: 65536 }), {
      now: NOW,
      timeZone: policy.timeZone,
      onProgress: (n) => {
        if (n % 500_000 === 0) process.stderr.write(`  ${size}: ${n} lines\n`);
      },
    });
    const importMs = performance.now() - startImport;
    if (!result.ok) throw new Error(`demo import failed: ${JSON.stringify(result.errors.slice(0, 3))}`);
    const importFloorMs = await rawInsertFloor(db, lines);
    lines.length = 0;

    const queries = new SqlComplianceQueries(db, policy);
    const units = await queries.listUnits();
    const team = units.find((u) => u.kind === 'team') ?? fail('no team');
    const command = units.find((u) => u.kind === 'command') ?? fail('no command');
    const force = units.find((u) => u.kind === 'force') ?? fail('no force');
    const today = localDateOf(NOW, policy.timeZone);
    const floorParams = (unitId: string) => [unitId, NOW.toISOString(), today, policy.updateIntervalDays, policy.needsAssessmentWorkingDays];

    const latency = {} as Row['latency'];
    for (const [label, unit] of [['team', team], ['command', command], ['force', force]] as const) {
      const ours = await timeRuns(() => queries.figures(unit.id, NOW));
      const floor = await timeRuns(() => db.query(FIGURES_FLOOR_SQL, floorParams(unit.id)));
      const [ourFigures] = [await queries.figures(unit.id, NOW)];
      const [floorFigures] = await db.query<{ total: number; compliant: number }>(FIGURES_FLOOR_SQL, floorParams(unit.id));
      if (ourFigures.total !== floorFigures?.total || ourFigures.compliant !== floorFigures?.compliant) {
        throw new Error(`floor and product disagree for ${unit.id}: ${JSON.stringify({ ourFigures, floorFigures })}`);
      }
      latency[label] = { p50: percentile(ours, 50), p95: percentile(ours, 95), floorP50: percentile(floor, 50) };
    }

    const digests = await timeRuns(() => queries.allTeamDigests(NOW), 3);
    const digestsFloor = await timeRuns(() => db.query(DIGESTS_FLOOR_SQL, [NOW.toISOString(), today, policy.updateIntervalDays, policy.needsAssessmentWorkingDays]), 3);
    return {
      size,
      lines: result.lines,
      importMs,
      importFloorMs,
      latency,
      digestsMs: percentile(digests, 50),
      digestsFloorMs: percentile(digestsFloor, 50),
      teams: units.filter((u) => u.kind === 'team').length,
      rssMb: Math.round(process.memoryUsage().rss / 1e6),
    };
  } finally {
    await db.close();
    if (folder) await rm(folder, { recursive: true, force: true });
  }
}

async function* withNewlines(source: AsyncIterable<string>, keep: string[]): AsyncGenerator<string> {
  for await (const line of source) {
    keep.push(line);
    yield `${line}\n`;
  }
}

async function rawInsertFloor(db: Db, lines: readonly string[]): Promise<number> {
  await db.exec(RAW_LINES_TABLE_SQL);
  const started = performance.now();
  await db.transaction(async (tx) => {
    for (let i = 0; i < lines.length; i += 5000) await tx.query(RAW_LINES_INSERT_SQL, [lines.slice(i, i + 5000)]);
  });
  const ms = performance.now() - started;
  await db.exec('drop table bench_raw_lines');
  return ms;
}

async function timeRuns(run: () => Promise<unknown>, count = RUNS): Promise<number[]> {
  await run(); // warm caches and plans, as a long-running service would have them
  const times: number[] = [];
  for (let i = 0; i < count; i++) {
    const started = performance.now();
    await run();
    times.push(performance.now() - started);
  }
  return times;
}

function percentile(times: number[], p: number): number {
  const sorted = [...times].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] as number;
}

function fail(message: string): never {
  throw new Error(message);
}

function printTable(rows: Row[]): void {
  const ms = (n: number) => (n >= 1000 ? `${(n / 1000).toFixed(2)} s` : `${n.toFixed(1)} ms`);
  const ratio = (ours: number, floor: number) => `${(ours / floor).toFixed(2)}×`;
  const out = [
    `\nStore: ${values.postgres ? 'PostgreSQL server' : 'PGlite (file)'}; now ${NOW.toISOString()}; ${RUNS} runs after a warm-up.\n`,
    '| victims | lines | import (records/s) | import floor ratio | team p50 / p95 | ratio | command p50 / p95 | ratio | force p50 / p95 | ratio | all team digests (teams) | ratio | RSS |',
    '|---|---|---|---|---|---|---|---|---|---|---|---|---|',
    ...rows.map((r) =>
      [
        r.size.toLocaleString('en-GB'),
        r.lines.toLocaleString('en-GB'),
        `${Math.round(r.lines / (r.importMs / 1000)).toLocaleString('en-GB')} (${ms(r.importMs)})`,
        ratio(r.importMs, r.importFloorMs),
        `${ms(r.latency.team.p50)} / ${ms(r.latency.team.p95)}`,
        ratio(r.latency.team.p50, r.latency.team.floorP50),
        `${ms(r.latency.command.p50)} / ${ms(r.latency.command.p95)}`,
        ratio(r.latency.command.p50, r.latency.command.floorP50),
        `${ms(r.latency.force.p50)} / ${ms(r.latency.force.p95)}`,
        ratio(r.latency.force.p50, r.latency.force.floorP50),
        `${ms(r.digestsMs)} (${r.teams})`,
        ratio(r.digestsMs, r.digestsFloorMs),
        `${r.rssMb} MB`,
      ].join(' | ').replace(/^/, '| ').replace(/$/, ' |'),
    ),
  ];
  process.stdout.write(`${out.join('\n')}\n`);
}
