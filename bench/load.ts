/**
 * Load: many simulated Teams users against the application on this machine, as Teams would drive it.
 *
 * The application runs as its own process (load/app-process.ts). Each simulated user (load/simulated-user.ts)
 * is one Teams user of the demo force in a personal chat with the bot, in a closed loop: ask something (a
 * POST of a message activity: the bot answers with a typing indicator and a card, both posted to the
 * conversation's serviceUrl before the POST is answered), or press a button on the last card it got
 * (Acknowledge, Show more, the Universal Actions refresh: invokes answered in the response), then think for
 * a moment. Replies go to the tests' fake Bot Connector, served here (load/reply-sink.ts); the figures are
 * summarised in load/report.ts.
 */
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { demoForceRecords, seededRandom } from '../src/demo/demo-force.js';
import { LOAD_NOW, rssOf, startApplication } from './load/app-process.js';
import { ReplySink } from './load/reply-sink.js';
import { summarise, type LatencySummary, type LoadReport } from './load/report.js';
import { act, chooseAction, type ActContext, type ActionKind, type SimulatedUser } from './load/simulated-user.js';
import { sleep } from './timing.js';

export { formatLoadReport, type LatencySummary, type LoadReport } from './load/report.js';
export type { ActionKind } from './load/simulated-user.js';

export interface LoadOptions {
  users: number;
  durationMs: number;
  /** Each user waits a random time up to this between two actions (0: as fast as answers come). */
  thinkMs: number;
  /** Size of the demo force (VCOP_DEMO_VICTIMS). */
  victims: number;
  /** A PostgreSQL database for the application (its public schema is emptied first); PGlite in memory when absent. */
  databaseUrl?: string;
  seed?: number;
  progress?: (line: string) => void;
}

const noLatencies = (): Record<ActionKind, number[]> => ({ question: [], digest: [], acknowledge: [], showMore: [], refresh: [] });

/** The simulated users: the people the application seeded (the demo force is deterministic), with their Entra ids. */
function simulatedUsers(options: LoadOptions): SimulatedUser[] {
  const people = [...demoForceRecords({ victims: options.victims, now: new Date(LOAD_NOW) })]
    .filter((r) => r.type === 'person' && typeof r.aadObjectId === 'string' && r.role !== 'admin')
    .map((r) => ({ aadObjectId: r.aadObjectId as string, name: r.name as string }));
  const random = seededRandom(options.seed ?? 20261124);
  return Array.from({ length: options.users }, (_, i) => {
    const person = people[i % people.length]!;
    return {
      aadObjectId: person.aadObjectId,
      name: person.name,
      conversationId: `a:load-${i}`,
      random: seededRandom(Math.floor(random() * 2 ** 31)),
    };
  });
}

export async function runLoad(options: LoadOptions): Promise<LoadReport> {
  const progress = options.progress ?? (() => undefined);
  const sink = new ReplySink();
  const serviceUrl = await sink.start();
  const logFile = join(tmpdir(), `vcop-load-${process.pid}-${Date.now()}.log`);
  progress(`starting the application (demo force of ${options.victims} victims); its log: ${logFile}`);
  const app = await startApplication(options.victims, logFile, options.databaseUrl);
  try {
    const users = simulatedUsers(options);
    const latencies = noLatencies();
    const errorSamples: string[] = [];
    let errors = 0;
    const failure = (message: string) => {
      errors++;
      if (errorSamples.length < 10) errorSamples.push(message);
    };
    const context: ActContext = { baseUrl: app.baseUrl, serviceUrl, sink, latencies, failure };

    // Everyone starts with their digest, as after the morning run.
    progress(`${options.users} users open their digest`);
    const warmUp: ActContext = { ...context, latencies: noLatencies() };
    await Promise.all(users.map((user) => act(warmUp, user, 'digest')));
    progress(`${options.users} users asking and pressing buttons for ${Math.round(options.durationMs / 1000)} s`);
    const started = performance.now();
    const deadline = started + options.durationMs;
    let lastReport = started;
    await Promise.all(
      users.map(async (user) => {
        // Users start over the first think time, not all in the same millisecond.
        await sleep(user.random() * Math.max(options.thinkMs, 1000));
        while (performance.now() < deadline) {
          await act(context, user, chooseAction(user, sink));
          if (performance.now() - lastReport > 10_000) {
            lastReport = performance.now();
            progress(
              `  ${Math.round((lastReport - started) / 1000)} s: ${Object.values(latencies).reduce((n, l) => n + l.length, 0)} requests, ${errors} errors`,
            );
          }
          if (options.thinkMs > 0) await sleep(user.random() * options.thinkMs);
        }
      }),
    );
    const elapsedMs = performance.now() - started;
    for (const message of sink.failures) failure(`failure card posted: ${message}`);
    const all = Object.values(latencies).flat();
    return {
      users: options.users,
      durationMs: Math.round(elapsedMs),
      thinkMs: options.thinkMs,
      victims: options.victims,
      store: options.databaseUrl ? 'PostgreSQL server' : 'PGlite in memory',
      requests: all.length,
      errors,
      errorSamples,
      throughputPerSecond: Math.round((all.length / (elapsedMs / 1000)) * 10) / 10,
      overall: summarise(all),
      byKind: Object.fromEntries(Object.entries(latencies).map(([kind, values]) => [kind, summarise(values)])) as Record<
        ActionKind,
        LatencySummary
      >,
      repliesPosted: sink.posted,
      appRssMb: rssOf(app.child.pid),
    };
  } finally {
    await app.close();
    await sink.close();
  }
}
