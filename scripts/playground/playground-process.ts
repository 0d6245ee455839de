/** The playground's CLI as a child process: started against the bot's endpoint, stopped before the bot. */
import { spawn, type ChildProcess } from 'node:child_process';
import { resolve } from 'node:path';
import { createInterface } from 'node:readline';
import type { PlaygroundCli } from './cli-package.js';
import { PlaygroundError } from './playground-error.js';

export interface PlaygroundProcessOptions {
  playgroundPort: number;
  workDir: string;
  open: boolean;
}

export interface RunningPlayground {
  child: ChildProcess;
  /** The port it listens on, once it says so ("Listening on <port>"). */
  listening: Promise<number>;
  /** Resolves with the exit code (or signal) once the process has exited. */
  exited: Promise<string>;
}

/** Starts the playground's CLI; `listening` resolves with its port. */
export function spawnPlayground(
  cli: PlaygroundCli,
  options: PlaygroundProcessOptions,
  endpoint: string,
  configPath: string,
): RunningPlayground {
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

/** SIGTERM, then SIGKILL after 5 s; resolves once it has exited. */
export async function stopPlayground(playground: RunningPlayground): Promise<void> {
  if (playground.child.exitCode === null && playground.child.signalCode === null) {
    playground.child.kill('SIGTERM');
    const timer = setTimeout(() => playground.child.kill('SIGKILL'), 5_000);
    await playground.exited;
    clearTimeout(timer);
  }
}
