/** `npm run playground -- ...`: its options, and the help that lists them. */
import { Command, InvalidArgumentError, Option } from 'commander';

export interface PlaygroundOptions {
  as?: string;
  port: number;
  playgroundPort: number;
  dataDir: string;
  workDir: string;
  now?: string;
  open: boolean;
  list?: boolean;
}

function portNumber(value: string): number {
  const port = Number(value);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new InvalidArgumentError('must be a port number (0 picks a free one)');
  return port;
}

function program(): Command {
  return new Command('npm run playground --')
    .description(
      'Starts the bot in local mode (no Bot Framework token check) on the demo force, and the Microsoft 365 Agents ' +
        "Playground against it with the playground's user mapped to a demo person by aadObjectId. Ctrl-C stops both. " +
        'The store is its own PGlite folder: DATABASE_URL and MicrosoftApp* are ignored, and .env is not read.',
    )
    .addOption(
      new Option(
        '--as <personId>',
        'who you are in the playground, e.g. P1043 (default: the first supervisor, P1007 on the demo force)',
      ).env('VCOP_PLAYGROUND_AS'),
    )
    .addOption(new Option('--port <port>', "the bot's port on 127.0.0.1 (0 picks a free one)").argParser(portNumber).default(3978))
    .addOption(
      new Option('--playground-port <port>', "the playground's port (it takes a free one if busy)").argParser(portNumber).default(56150),
    )
    .addOption(
      new Option('--data-dir <dir>', "PGlite folder of the playground's store; memory:// for a throwaway one").default('./data/playground'),
    )
    .addOption(
      new Option('--work-dir <dir>', "where the playground's config (.m365agentsplayground.yml) and log go").default(
        './devTools/playground',
      ),
    )
    .addOption(new Option('--now <instant>', 'fix "now", e.g. 2026-11-20T07:30:00Z (default: VCOP_NOW, else the real time)'))
    .option('--no-open', 'do not open a browser (TEAMSAPPTESTER_BROWSER=none does the same)')
    .option('--list', 'list the people you can be (--as) and exit')
    .addHelpText(
      'after',
      '\nEnvironment: VCOP_API_TOKEN (else one is generated and printed), VCOP_DEMO_VICTIMS (default 3000),\n' +
        'VCOP_SCHEDULER (default 1: morning digests arrive in the playground too), VCOP_DIGEST_DEFAULT_TIME,\n' +
        'VCOP_POLICY_FILE, VCOP_BANK_HOLIDAYS_FILE, LOG_LEVEL (default warn).\n' +
        '\nThen open the printed URL and type "digest", "my team\'s compliance this month" or "help".\n',
    )
    .showHelpAfterError('(npm run playground -- --help shows the options)')
    .exitOverride();
}

/** The options; throws a CommanderError after printing the help (--help) or what is wrong. */
export function parsePlaygroundOptions(argv: string[]): PlaygroundOptions {
  const command = program();
  command.parse(argv, { from: 'user' });
  return command.opts<PlaygroundOptions>();
}
