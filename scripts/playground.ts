/**
 * `npm run playground`: the bot in local mode on the demo force, with the Microsoft 365 Agents Playground
 * (@microsoft/m365agentsplayground, a Teams-like web client) pointed at it and its user mapped to a demo
 * person by `aadObjectId`. Ctrl-C stops both.
 *
 *   npm run playground -- [--as P1043] [--port 3978] [--playground-port 56150] [--data-dir ./data/playground]
 *
 * Its parts, one job each, are in scripts/playground/: the options, the installed playground, the bot, the
 * people you can be, the config file and the playground's process. The playground is a devDependency; the
 * end-to-end test (tests/e2e/playground.test.ts) runs this script.
 */
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { CommanderError } from 'commander';
import { createServices, type RunningApp } from '../src/app.js';
import { createLogger } from '../src/log/logger.js';
import { botConfig, startBot } from './playground/bot.js';
import { findPlaygroundCli, PLAYGROUND_PACKAGE, PLAYGROUND_VERSION, type PlaygroundCli } from './playground/cli-package.js';
import { playgroundConfig, writePlaygroundConfig } from './playground/config-file.js';
import { parsePlaygroundOptions, type PlaygroundOptions } from './playground/options.js';
import { asPlaygroundPerson, choosePeople, describePerson, listPeople, peopleWithTeamsIds, type TeamsMember } from './playground/people.js';
import { PlaygroundError } from './playground/playground-error.js';
import { spawnPlayground, stopPlayground, type RunningPlayground } from './playground/playground-process.js';

function installedPlayground(): PlaygroundCli {
  const cli = findPlaygroundCli();
  if (!cli) {
    throw new PlaygroundError(`${PLAYGROUND_PACKAGE} is not installed: it is a devDependency, so run \`npm install\` (not --omit=dev).`);
  }
  if (cli.version !== PLAYGROUND_VERSION) {
    process.stderr.write(
      `playground: ${PLAYGROUND_PACKAGE} ${cli.version} is installed; this script was written for ${PLAYGROUND_VERSION}\n`,
    );
  }
  return cli;
}

/** --list: the people you can be, from the store the playground would use. */
async function printPeople(options: PlaygroundOptions): Promise<void> {
  const config = botConfig(options);
  const services = await createServices(config, createLogger({ level: config.logLevel }));
  try {
    process.stdout.write(`People you can be in the playground (--as <id>):\n${listPeople(await peopleWithTeamsIds(services))}`);
  } finally {
    await services.db.close();
  }
}

async function run(argv: string[]): Promise<void> {
  const options = parsePlaygroundOptions(argv);
  const cli = installedPlayground();
  if (options.list) return printPeople(options);

  const app = await startBot(options);
  let playground: RunningPlayground | undefined;
  let user: TeamsMember;
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
    const config = playgroundConfig({
      user: asPlaygroundPerson(user),
      colleagues: chosen.colleagues.map(asPlaygroundPerson),
      teamName: user.unitName,
    });
    const configPath = writePlaygroundConfig(options.workDir, config);

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
  printWelcome(cli, options, app, user, playgroundPort);
}

function printWelcome(cli: PlaygroundCli, options: PlaygroundOptions, app: RunningApp, user: TeamsMember, playgroundPort: number): void {
  const token = app.services.config.apiToken ? '$VCOP_API_TOKEN' : app.services.apiToken;
  process.stdout.write(
    `\nMicrosoft 365 Agents Playground ${cli.version}\n` +
      `  Playground: http://localhost:${playgroundPort}/\n` +
      `  You are:    ${describePerson(user)}, Teams aadObjectId ${user.aadObjectId}\n` +
      `  Bot:        http://127.0.0.1:${app.port}/api/messages (local mode, no token check)\n` +
      `  Store:      ${options.dataDir} (PGlite, demo force), now ${app.services.clock.now().toISOString()}\n` +
      `  API:        curl -H "Authorization: Bearer ${token}" http://127.0.0.1:${app.port}/v1/units/${user.unitId}/compliance\n` +
      `Open the playground URL and type "digest", "my team's compliance this month" or "help". Ctrl-C stops both.\n`,
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
