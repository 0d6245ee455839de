/**
 * `npm run playground`: the bot in local mode on the demo force, with the Microsoft 365 Agents Playground
 * (@microsoft/m365agentsplayground, a Teams-like web client) pointed at it and its user mapped to a demo
 * person by `aadObjectId`. Ctrl-C stops both.
 *
 *   npm run playground -- [--as P1043] [--port 3978] [--playground-port 56150] [--data-dir ./data/playground]
 *
 * The playground is a devDependency; the end-to-end test (tests/e2e/playground.test.ts) runs this script.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { createInterface } from 'node:readline';
import { pathToFileURL } from 'node:url';
import { Command, CommanderError, InvalidArgumentError, Option } from 'commander';
import { createServices, startApp, type AppServices, type RunningApp } from '../src/app.js';
import { ConfigError, readConfig, type AppConfig } from '../src/config/env.js';
import { createLogger } from '../src/log/logger.js';
import { botExtensions } from '../src/bot/extension.js';

/** The version whose config format, CLI options and page structure this script and its test rely on. */
export const PLAYGROUND_VERSION = '0.2.28';
export const PLAYGROUND_PACKAGE = '@microsoft/m365agentsplayground';

/** Stable ids of the mock tenant and bot (any strings do; the bot ignores them in local mode). */
const TENANT_ID = '00000000-0000-4000-8000-00000000a11d';
const BOT_ID = '00000000-0000-4000-8000-00000000b0b0';
/** The playground's config schema (0.1.1) wants exactly five users besides the current one. */
const OTHER_USERS = 5;

export interface PlaygroundCli {
  /** cli.js of the installed package. */
  path: string;
  version: string;
}

/** The installed playground's CLI, or null when the devDependency is not installed. */
export function findPlaygroundCli(): PlaygroundCli | null {
  const require = createRequire(import.meta.url);
  let packageJson: string;
  try {
    packageJson = require.resolve(`${PLAYGROUND_PACKAGE}/package.json`);
  } catch {
    return null;
  }
  const { version } = JSON.parse(readFileSync(packageJson, 'utf8')) as { version: string };
  return { path: join(dirname(packageJson), 'cli.js'), version };
}

/** A person as the playground's mock directory shows them. */
export interface PlaygroundPerson {
  id: string;
  name: string;
  aadObjectId: string;
  email: string | null;
}

export interface PlaygroundConfigInput {
  /** The playground's user: every message and button press carries this person's aadObjectId. */
  user: PlaygroundPerson;
  /** Others in the group chat and the team (the first five are used). */
  colleagues: readonly PlaygroundPerson[];
  /** The mock team's name, e.g. the user's own team. */
  teamName: string;
}

/**
 * The playground's `.m365agentsplayground.yml` (config schema 0.1.1, bundled in its dist/index.js):
 * tenant, bot, the current user, exactly five other users, the personal chat, one group chat and one team
 * with one channel besides General. Throws when there are fewer than five colleagues with an aadObjectId.
 */
export function playgroundConfig(input: PlaygroundConfigInput): Record<string, unknown> {
  const others = input.colleagues.filter((c) => c.id !== input.user.id).slice(0, OTHER_USERS);
  if (others.length < OTHER_USERS) {
    throw new Error(`the playground needs ${OTHER_USERS} other people with an aadObjectId in the store; found ${others.length}`);
  }
  return {
    version: '0.1.1',
    tenantId: TENANT_ID,
    bot: { id: BOT_ID, name: 'VCOP Compliance' },
    currentUser: playgroundUser(input.user),
    users: others.map(playgroundUser),
    // Per person, so a stored conversation never belongs to someone else when --as changes.
    personalChat: { id: `playground-personal-${input.user.id}` },
    groupChat: { id: `playground-group-${input.user.id}`, name: `${input.teamName} chat` },
    team: {
      id: `playground-team-${input.user.id}`,
      name: input.teamName.slice(0, 256),
      aadGroupId: '00000000-0000-4000-8000-00000000c0de',
      channels: [{ id: `playground-channel-${input.user.id}`, name: 'Digests' }],
    },
  };
}

function playgroundUser(person: PlaygroundPerson): Record<string, string> {
  // Demo names are "PS 1043 Singh": the surname is the last word.
  const words = person.name.trim().split(/\s+/);
  const surname = words.length > 1 ? (words.at(-1) as string) : person.name;
  const givenName = words.length > 1 ? words.slice(0, -1).join(' ') : person.name;
  const email = person.email ?? `${person.id.toLowerCase()}@example.invalid`;
  return {
    id: `user-${person.id}`,
    name: person.name.slice(0, 256),
    userPrincipleName: email, // sic: the playground's schema spells it so
    aadObjectId: person.aadObjectId,
    givenName: givenName.slice(0, 256),
    surname: surname.slice(0, 256),
    email,
  };
}

/** YAML for the config: every scalar is a JSON string, which YAML reads as a double-quoted scalar. */
export function toYaml(value: unknown, indent = ''): string {
  if (Array.isArray(value)) {
    return value
      .map((item) => {
        const body = toYaml(item, `${indent}  `).trimStart();
        return `${indent}- ${body}`;
      })
      .join('');
  }
  if (value !== null && typeof value === 'object') {
    return Object.entries(value as Record<string, unknown>)
      .map(([key, child]) =>
        child !== null && typeof child === 'object'
          ? `${indent}${key}:\n${toYaml(child, `${indent}  `)}`
          : `${indent}${key}: ${JSON.stringify(String(child))}\n`,
      )
      .join('');
  }
  return `${indent}${JSON.stringify(String(value))}\n`;
}

interface PlaygroundOptions {
  as?: string;
  port: number;
  playgroundPort: number;
  dataDir: string;
  workDir: string;
  now?: string;
  open: boolean;
  list?: boolean;
}

class PlaygroundError extends Error {
  constructor(message: string, readonly exitCode = 1) {
    super(message);
  }
}

function portNumber(value: string): number {
  const port = Number(value);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new InvalidArgumentError('must be a port number (0 picks a free one)');
  return port;
}

function program(): Command {
  return new Command('npm run playground --')
    .description(
      'Starts the bot in local mode (no Bot Framework token check) on the demo force, and the Microsoft 365 Agents '
        + "Playground against it with the playground's user mapped to a demo person by aadObjectId. Ctrl-C stops both. "
        + 'The store is its own PGlite folder: DATABASE_URL and MicrosoftApp* are ignored, and .env is not read.',
    )
    .addOption(new Option('--as <personId>', 'who you are in the playground, e.g. P1043 (default: the first supervisor, P1007 on the demo force)').env('VCOP_PLAYGROUND_AS'))
    .addOption(new Option('--port <port>', 'the bot\'s port on 127.0.0.1 (0 picks a free one)').argParser(portNumber).default(3978))
    .addOption(new Option('--playground-port <port>', 'the playground\'s port (it takes a free one if busy)').argParser(portNumber).default(56150))
    .addOption(new Option('--data-dir <dir>', 'PGlite folder of the playground\'s store; memory:// for a throwaway one').default('./data/playground'))
    .addOption(new Option('--work-dir <dir>', 'where the playground\'s config (.m365agentsplayground.yml) and log go').default('./devTools/playground'))
    .addOption(new Option('--now <instant>', 'fix "now", e.g. 2026-11-20T07:30:00Z (default: VCOP_NOW, else the real time)'))
    .option('--no-open', 'do not open a browser (TEAMSAPPTESTER_BROWSER=none does the same)')
    .option('--list', 'list the people you can be (--as) and exit')
    .addHelpText(
      'after',
      '\nEnvironment: VCOP_API_TOKEN (else one is generated and printed), VCOP_DEMO_VICTIMS (default 3000),\n'
        + 'VCOP_SCHEDULER (default 1: morning digests arrive in the playground too), VCOP_DIGEST_DEFAULT_TIME,\n'
        + 'VCOP_POLICY_FILE, VCOP_BANK_HOLIDAYS_FILE, LOG_LEVEL (default warn).\n'
        + '\nThen open the printed URL and type "digest", "my team\'s compliance this month" or "help".\n',
    )
    .showHelpAfterError('(npm run playground -- --help shows the options)')
    .exitOverride();
}

function botConfig(options: PlaygroundOptions): AppConfig {
  const ignored = ['DATABASE_URL', 'MicrosoftAppId', 'MicrosoftAppPassword', 'MicrosoftAppTenantId', 'MicrosoftAppType'].filter((key) => process.env[key]);
  if (ignored.length > 0) process.stderr.write(`playground: ignoring ${ignored.join(', ')}: the playground runs the bot in local mode on its own PGlite store\n`);
  let config;
  try {
    config = readConfig({
      ...process.env,
      PORT: String(options.port),
      HOST: '127.0.0.1',
      LOG_LEVEL: process.env.LOG_LEVEL || 'warn',
      VCOP_DATA_DIR: options.dataDir,
      VCOP_DEMO: '1',
      ...(options.now ? { VCOP_NOW: options.now } : {}),
      DATABASE_URL: undefined,
      MicrosoftAppId: undefined,
      MicrosoftAppPassword: undefined,
      MicrosoftAppTenantId: undefined,
      MicrosoftAppType: undefined,
    });
  } catch (error) {
    if (error instanceof ConfigError) throw new PlaygroundError(options.now ? error.message.replace('VCOP_NOW:', '--now (VCOP_NOW):') : error.message, 2);
    throw error;
  }
  return config;
}

async function startBot(options: PlaygroundOptions): Promise<RunningApp> {
  const config = botConfig(options);
  try {
    return await startApp(config, createLogger({ level: config.logLevel }), botExtensions(config));
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EADDRINUSE') {
      throw new PlaygroundError(`port ${options.port} is in use (is \`npm start\` running?): choose another with --port, or --port 0`, 2);
    }
    throw error;
  }
}

interface PersonRow {
  id: string;
  name: string;
  role: string;
  unit_id: string;
  unit_name: string;
  aad_object_id: string;
  email: string | null;
}

async function peopleWithTeamsIds(services: AppServices): Promise<PersonRow[]> {
  return services.db.query<PersonRow>(
    `select p.id, p.name, p.role, p.unit_id, u.name as unit_name, p.aad_object_id, p.email
       from people p join units u on u.id = p.unit_id
      where p.aad_object_id is not null
      order by p.id`,
  );
}

function describe(row: Pick<PersonRow, 'id' | 'name' | 'role' | 'unit_name'>): string {
  return `${row.name} (${row.id}, ${row.role}, ${row.unit_name})`;
}

function listPeople(rows: readonly PersonRow[]): string {
  const leads = rows.filter((row) => row.role !== 'officer');
  const officers = rows.filter((row) => row.role === 'officer');
  const lines = leads.map((row) => `  ${row.id.padEnd(8)} ${row.role.padEnd(10)} ${row.name}, ${row.unit_name}`);
  if (officers.length > 0) lines.push(`  ... and ${officers.length} officers, e.g. ${officers.slice(0, 3).map((row) => row.id).join(', ')}`);
  return `${lines.join('\n')}\n`;
}

/** The person to be: --as, else the first supervisor; with five colleagues, own team first. */
function choosePeople(rows: readonly PersonRow[], as: string | undefined): { user: PersonRow; colleagues: PersonRow[] } {
  const user = as ? rows.find((row) => row.id === as) : rows.find((row) => row.role === 'supervisor');
  if (!user) {
    const why = as ? `No person '${as}' with a Teams id (aadObjectId) in the store.` : 'The store has no supervisor with a Teams id (aadObjectId).';
    throw new PlaygroundError(`${why} People you can be (--as):\n${listPeople(rows)}`, 2);
  }
  const colleagues = [...rows.filter((row) => row.id !== user.id && row.unit_id === user.unit_id), ...rows.filter((row) => row.unit_id !== user.unit_id)];
  return { user, colleagues };
}

function asPlaygroundPerson(row: PersonRow): PlaygroundPerson {
  return { id: row.id, name: row.name, aadObjectId: row.aad_object_id, email: row.email };
}

interface RunningPlayground {
  child: ChildProcess;
  /** The port it listens on, once it says so ("Listening on <port>"). */
  listening: Promise<number>;
  /** Resolves with the exit code (or signal) once the process has exited. */
  exited: Promise<string>;
}

/** Starts the playground's CLI; `listening` resolves with its port. */
function spawnPlayground(cli: PlaygroundCli, options: PlaygroundOptions, endpoint: string, configPath: string): RunningPlayground {
  const child = spawn(process.execPath, [cli.path, '-e', endpoint, '-c', 'msteams', '-p', String(options.playgroundPort), '--dt'], {
    cwd: options.workDir,
    env: {
      ...process.env,
      M365_AGENTS_PLAYGROUND_CONFIG_PATH: configPath,
      M365_AGENTS_PLAYGROUND_LOGFILE: resolve(options.workDir, 'm365agentsplayground.log'),
      // --dt stops the playground's telemetry events, but its Application Insights SDK still starts and
      // "statsbeat" probes Azure's metadata service (169.254.169.254) and resolves *.applicationinsights.azure.com.
      APPLICATION_INSIGHTS_NO_STATSBEAT: 'true',
      ...(options.open ? {} : { TEAMSAPPTESTER_BROWSER: 'none' }),
    },
    stdio: ['ignore', 'pipe', 'pipe'],
    // Its own process group: a Ctrl-C in the terminal reaches this script only, which stops the
    // playground first and then the bot (rather than the playground dying under it).
    detached: true,
  });
  // Last resort (an unexpected crash of this script): never leave the playground running.
  const killOnExit = () => child.kill('SIGTERM');
  process.once('exit', killOnExit);
  const exited = new Promise<string>((resolveExit) => {
    child.once('exit', (code, signal) => {
      process.removeListener('exit', killOnExit);
      resolveExit(signal ?? `exit code ${code}`);
    });
  });
  child.stderr?.on('data', (chunk: Buffer) => process.stderr.write(prefixLines(chunk.toString('utf8'))));
  const listening = new Promise<number>((resolvePort, reject) => {
    const timer = setTimeout(() => reject(new PlaygroundError('the playground did not start listening within 60 s')), 60_000);
    const lines = createInterface({ input: child.stdout as NodeJS.ReadableStream });
    let found = false;
    lines.on('line', (line) => {
      const listening = /^Listening on (\d+)/.exec(line);
      if (listening && !found) {
        found = true;
        clearTimeout(timer);
        resolvePort(Number(listening[1]));
        return;
      }
      if (line.trim() && !/^Listening on/.test(line) && !/is being launched/.test(line)) process.stdout.write(prefixLines(`${line}\n`));
    });
    void exited.then((how) => {
      clearTimeout(timer);
      if (!found) reject(new PlaygroundError(`the playground stopped before it listened (${how}); see its log in ${options.workDir}`));
    });
  });
  return { child, listening, exited };
}

function prefixLines(text: string): string {
  return text.replace(/^(?=.)/gm, '[playground] ');
}

async function stopPlayground(playground: RunningPlayground): Promise<void> {
  if (playground.child.exitCode === null && playground.child.signalCode === null) {
    playground.child.kill('SIGTERM');
    const timer = setTimeout(() => playground.child.kill('SIGKILL'), 5_000);
    await playground.exited;
    clearTimeout(timer);
  }
}

async function run(argv: string[]): Promise<void> {
  const command = program();
  command.parse(argv, { from: 'user' });
  const options = command.opts<PlaygroundOptions>();

  const cli = findPlaygroundCli();
  if (!cli) {
    throw new PlaygroundError(`${PLAYGROUND_PACKAGE} is not installed: it is a devDependency, so run \`npm install\` (not --omit=dev).`);
  }
  if (cli.version !== PLAYGROUND_VERSION) {
    process.stderr.write(`playground: ${PLAYGROUND_PACKAGE} ${cli.version} is installed; this script was written for ${PLAYGROUND_VERSION}\n`);
  }

  if (options.list) {
    const config = botConfig(options);
    const services = await createServices(config, createLogger({ level: config.logLevel }));
    try {
      process.stdout.write(`People you can be in the playground (--as <id>):\n${listPeople(await peopleWithTeamsIds(services))}`);
    } finally {
      await services.db.close();
    }
    return;
  }

  const app = await startBot(options);
  let playground: RunningPlayground | undefined;
  let user: PersonRow;
  let playgroundPort: number;
  let stopping: Promise<void> | undefined;
  const stop = (why: string, exitCode: number) =>
    (stopping ??= (async () => {
      process.stdout.write(`\nStopping (${why}): the playground, then the bot...\n`);
      if (playground) await stopPlayground(playground);
      await app.close();
      process.stdout.write('Stopped.\n');
      process.exit(exitCode);
    })());
  process.once('SIGINT', () => void stop('Ctrl-C', 0));
  process.once('SIGTERM', () => void stop('SIGTERM', 0));
  process.once('SIGHUP', () => void stop('the terminal closed', 0));

  try {
    const chosen = choosePeople(await peopleWithTeamsIds(app.services), options.as);
    user = chosen.user;
    mkdirSync(options.workDir, { recursive: true });
    const configPath = resolve(options.workDir, '.m365agentsplayground.yml');
    const config = playgroundConfig({ user: asPlaygroundPerson(user), colleagues: chosen.colleagues.map(asPlaygroundPerson), teamName: user.unit_name });
    writeFileSync(
      configPath,
      `# Written by scripts/playground.ts (npm run playground); rewritten at every start.\n${toYaml(config)}`,
    );

    const endpoint = `http://127.0.0.1:${app.port}/api/messages`;
    playground = spawnPlayground(cli, options, endpoint, configPath);
    playgroundPort = await playground.listening;
    void playground.exited.then((how) => {
      if (!stopping) {
        process.stderr.write(`playground: the playground stopped (${how}); see ${options.workDir}/m365agentsplayground.log\n`);
        void stop('the playground stopped', 1);
      }
    });
  } catch (error) {
    if (stopping) return stopping;
    if (playground) await stopPlayground(playground);
    await app.close();
    throw error;
  }

  const token = app.services.config.apiToken ? '$VCOP_API_TOKEN' : app.services.apiToken;
  process.stdout.write(
    `\nMicrosoft 365 Agents Playground ${cli.version}\n`
      + `  Playground: http://localhost:${playgroundPort}/\n`
      + `  You are:    ${describe(user)}, Teams aadObjectId ${user.aad_object_id}\n`
      + `  Bot:        http://127.0.0.1:${app.port}/api/messages (local mode, no token check)\n`
      + `  Store:      ${options.dataDir} (PGlite, demo force), now ${app.services.clock.now().toISOString()}\n`
      + `  API:        curl -H "Authorization: Bearer ${token}" http://127.0.0.1:${app.port}/v1/units/${user.unit_id}/compliance\n`
      + `Open the playground URL and type "digest", "my team's compliance this month" or "help". Ctrl-C stops both.\n`,
  );
}

if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) {
  run(process.argv.slice(2)).catch((error: unknown) => {
    if (error instanceof CommanderError) process.exit(error.exitCode === 0 ? 0 : 2);
    if (error instanceof PlaygroundError) {
      process.stderr.write(`playground: ${error.message}\n`);
      process.exit(error.exitCode);
    }
    process.stderr.write(`playground: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    process.exit(1);
  });
}
