/** `npm run bench -- ...`: its options and help. A wrong number stops the run (exit 2) saying which. */
import { parseArgs } from 'node:util';

export interface BenchOptions {
  sizes: number[];
  postgres: string | undefined;
  loadOnly: boolean;
  skipLoad: boolean;
  /** Only the import and its floors at each size (import-floor.ts): no figures, turns or load. */
  importOnly: boolean;
  /** Force sizes of the chat-turn section (turns.ts); empty: skipped. */
  turnSizes: number[];
  load: { users: number; durationMs: number; thinkMs: number; victims: number };
}

const HELP =
  'npm run bench -- [--sizes 10000,100000,500000 | --sizes none] [--postgres postgres://...]\n' +
  '                   [--load-only | --skip-load | --import-only]\n' +
  '                   [--users 200] [--seconds 60] [--think-ms 1000] [--load-victims 3000] [--turn-sizes 3000 | --turn-sizes none]\n' +
  'Builds demo forces of each size in a fresh store (PGlite in a temp folder, or the given empty PostgreSQL database),\n' +
  'and prints import rate, figures latency and digest build time beside hand-written SQL floors.\n' +
  '--import-only: only the import at each size, beside the same lines inserted raw and COPYed raw (the floors).\n' +
  'Then the load section: --users simulated Teams users for --seconds against the demo force (the app in its own\n' +
  'process, on PGlite in memory, or on the --postgres database instead, after emptying it), each waiting up to\n' +
  '--think-ms between actions;\n' +
  'prints errors, throughput and p50/p95/p99 latency.\n' +
  'The chat-turn section (before the load): for each --turn-sizes force, questions, a digest and a button press one at a time,\n' +
  'beside a bare botbuilder echo bot on the same machine, as a ratio.\n';

/** The options of this process's command line; prints the help and exits on --help. */
export function readBenchOptions(): BenchOptions {
  const { values } = parseArgs({
    options: {
      sizes: { type: 'string', default: '10000,100000,500000' },
      postgres: { type: 'string' },
      'load-only': { type: 'boolean', default: false },
      'skip-load': { type: 'boolean', default: false },
      'import-only': { type: 'boolean', default: false },
      users: { type: 'string', default: '200' },
      seconds: { type: 'string', default: '60' },
      'think-ms': { type: 'string', default: '1000' },
      'load-victims': { type: 'string', default: '3000' },
      'turn-sizes': { type: 'string', default: '3000' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help) {
    process.stdout.write(HELP);
    process.exit(0);
  }
  return {
    sizes: values.sizes === 'none' ? [] : values.sizes.split(',').map((s) => Number(s.trim())),
    postgres: values.postgres,
    loadOnly: values['load-only'],
    skipLoad: values['skip-load'],
    importOnly: values['import-only'],
    turnSizes: values['turn-sizes'] === 'none' ? [] : values['turn-sizes'].split(',').map((s) => atLeast('turn-sizes', s.trim(), 10)),
    load: {
      users: atLeast('users', values.users),
      durationMs: atLeast('seconds', values.seconds) * 1000,
      thinkMs: atLeast('think-ms', values['think-ms'], 0),
      victims: atLeast('load-victims', values['load-victims'], 10),
    },
  };
}

function atLeast(name: string, value: string, min = 1): number {
  const n = Number(value);
  if (!Number.isFinite(n) || n < min) {
    process.stderr.write(`--${name} must be a number of at least ${min} (got '${value}')\n`);
    process.exit(2);
  }
  return n;
}
