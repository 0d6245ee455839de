/**
 * `npm run bench [-- --sizes 10000,100000,500000] [--postgres URL] [--load-only | --skip-load | --import-only]
 *   [--users 200] [--seconds 60] [--think-ms 1000] [--turn-sizes 3000]`
 *
 * For each force size (force-size.ts): the application built by src/app.ts on a fresh store, the demo force
 * imported through its import path (records/s), then figures latency p50/p95 for a team, a command and the
 * force, and the time to build every team's digest, each beside a floor measured in the same run on the
 * same store (one hand-written SQL statement, see floor-sql.ts) as a ratio, and the figures cache beside the
 * full evaluation (figures-cache.ts). Then chat turns beside a bare echo bot (turns.ts), then the load section
 * (load.ts): simulated Teams users asking and pressing buttons against the demo force, with errors,
 * throughput and p50/p95/p99 latency. Prints Markdown tables for the README.
 */
import { benchImportOnly, benchOneSize, type SizeRow } from './force-size.js';
import { formatImportTable, type ImportRow } from './import-floor.js';
import { formatLoadReport, runLoad } from './load.js';
import { readBenchOptions } from './options.js';
import { formatCacheTable, formatSizeTable } from './size-table.js';
import { benchTurns, formatTurnsTable, type TurnsRow } from './turns.js';

const options = readBenchOptions();

if (options.importOnly) {
  const rows: ImportRow[] = [];
  for (const size of options.sizes) {
    rows.push(await benchImportOnly(size, options.postgres));
    process.stdout.write(formatImportTable(rows, options.postgres ? 'PostgreSQL server' : 'PGlite (file)'));
  }
} else if (!options.loadOnly && options.sizes.length > 0) {
  const rows: SizeRow[] = [];
  for (const size of options.sizes) {
    rows.push(await benchOneSize(size, options.postgres));
    process.stdout.write(formatSizeTable(rows, options.postgres ? 'PostgreSQL server' : 'PGlite (file)'));
    process.stdout.write(formatCacheTable(rows));
  }
}
if (!options.importOnly && !options.loadOnly && options.turnSizes.length > 0) {
  const rows: TurnsRow[] = [];
  for (const size of options.turnSizes) rows.push(await benchTurns(size, options.postgres));
  process.stdout.write(formatTurnsTable(rows));
}
if (!options.importOnly && !options.skipLoad) {
  const report = await runLoad({
    ...options.load,
    ...(options.postgres ? { databaseUrl: options.postgres } : {}),
    progress: (line) => process.stderr.write(`${line}\n`),
  });
  process.stdout.write(formatLoadReport(report));
  if (report.errors > 0) process.exitCode = 1;
}
