/**
 * `npm run bench [-- --sizes 10000,100000,500000] [--postgres URL] [--load-only | --skip-load]
 *   [--users 200] [--seconds 60] [--think-ms 1000]`
 *
 * For each force size (force-size.ts): the application built by src/app.ts on a fresh store, the demo force
 * imported through its import path (records/s), then figures latency p50/p95 for a team, a command and the
 * force, and the time to build every team's digest, each beside a floor measured in the same run on the
 * same store (one hand-written SQL statement, see floor-sql.ts) as a ratio. Then the load section
 * (load.ts): simulated Teams users asking and pressing buttons against the demo force, with errors,
 * throughput and p50/p95/p99 latency. Prints Markdown tables for the README.
 */
import { benchOneSize, type SizeRow } from './force-size.js';
import { formatLoadReport, runLoad } from './load.js';
import { readBenchOptions } from './options.js';
import { formatSizeTable } from './size-table.js';

const options = readBenchOptions();

if (!options.loadOnly) {
  const rows: SizeRow[] = [];
  for (const size of options.sizes) {
    rows.push(await benchOneSize(size, options.postgres));
    process.stdout.write(formatSizeTable(rows, options.postgres ? 'PostgreSQL server' : 'PGlite (file)'));
  }
}
if (!options.skipLoad) {
  const report = await runLoad({
    ...options.load,
    ...(options.postgres ? { databaseUrl: options.postgres } : {}),
    progress: (line) => process.stderr.write(`${line}\n`),
  });
  process.stdout.write(formatLoadReport(report));
  if (report.errors > 0) process.exitCode = 1;
}
