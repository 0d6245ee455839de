import { createWriteStream } from 'node:fs';
import { once } from 'node:events';
import type { Command } from 'commander';
import { demoForceRecords } from '../../demo/demo-force.js';
import { CliError } from '../cli-context.js';

export function registerDemoDataCommand(program: Command): void {
  program
    .command('demo-data')
    .description('Write the deterministic demo force as NDJSON (the same generator as npm start and the benchmark).')
    .option('--victims <n>', 'number of victims', '3000')
    .option('--now <instant>', 'the instant the data is generated relative to (default: now)')
    .option('--seed <n>', 'random seed', '20261120')
    .option('-o, --out <file>', 'write to a file instead of stdout')
    .action(async (options: { victims: string; now?: string; seed: string; out?: string }) => {
      const victims = Number(options.victims);
      if (!Number.isInteger(victims) || victims < 1) throw new CliError('--victims must be a positive whole number.', 2);
      const now = options.now ? new Date(options.now) : new Date();
      if (Number.isNaN(now.getTime())) throw new CliError('--now must be an ISO 8601 instant, e.g. 2026-11-20T10:00:00Z.', 2);
      const out = options.out ? createWriteStream(options.out) : process.stdout;
      for (const record of demoForceRecords({ victims, now, seed: Number(options.seed) })) {
        if (!out.write(`${JSON.stringify(record)}\n`)) await once(out, 'drain');
      }
      if (options.out) await new Promise<void>((resolve) => out.end(resolve));
    });
}
