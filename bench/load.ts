/**
 * Load: many simulated Teams users against the application on this machine, as Teams would drive it.
 *
 * The application runs as its own process (`src/main.ts`, local mode: no Bot Framework token, PGlite in
 * memory or a PostgreSQL server, the demo force seeded, a fixed clock), so the load generator does not
 * share its event loop.
 * Each simulated user is one Teams user of the demo force in a personal chat with the bot, in a closed
 * loop: ask something (a POST of a message activity: the bot answers with a typing indicator and a card,
 * both posted to the conversation's serviceUrl before the POST is answered), or press a button on the
 * last card it got (Acknowledge, Show more, the Universal Actions refresh: invokes answered in the
 * response), then think for a moment. Replies go to a Bot Connector stand-in served here.
 *
 * Counted as an error: a status other than 200, no answer within 30 s or a broken connection, an invoke answered without a card,
 * or a card saying something went wrong on our side. Latency is the HTTP round trip of each activity.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { openSync, closeSync, readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { demoForceRecords, seededRandom } from '../src/demo/demo-force.js';

const ROOT = fileURLToPath(new URL('../', import.meta.url));
const NOW = '2026-11-20T07:30:00Z';
const TENANT = '7a1f0c2e-4b3d-4e5f-8a9b-0c1d2e3f4a5b';
const REQUEST_TIMEOUT_MS = 30_000;

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

export type ActionKind = 'question' | 'digest' | 'acknowledge' | 'showMore' | 'refresh';

export interface LatencySummary {
  count: number;
  p50: number;
  p95: number;
  p99: number;
  max: number;
}

export interface LoadReport {
  users: number;
  durationMs: number;
  thinkMs: number;
  victims: number;
  store: 'PGlite in memory' | 'PostgreSQL server';
  requests: number;
  errors: number;
  /** The first few errors, for a person to read. */
  errorSamples: string[];
  throughputPerSecond: number;
  overall: LatencySummary;
  byKind: Record<ActionKind, LatencySummary>;
  /** Replies the bot posted to the connector stand-in during the run. */
  repliesPosted: number;
  appRssMb: number | null;
}

const QUESTIONS = [
  'help',
  'my items',
  "my team's compliance this month",
  'which teams are below target?',
  'needs assessments for North LPA in October',
  'trend for CID over the last 6 months',
  'who has the most overdue updates in my team?',
  'compliance for the force last month',
];

/** The Bot Connector stand-in: answers every post at once and keeps the last card each conversation got. */
class ReplySink {
  readonly lastCard = new Map<string, Record<string, unknown>>();
  /** Failure cards the bot posted (a turn that failed on our side). */
  readonly failures: string[] = [];
  posted = 0;
  private readonly server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const match = /^\/v3\/conversations\/([^/]+)\/activities/.exec(req.url ?? '');
      if (match?.[1]) {
        this.posted++;
        const conversationId = decodeURIComponent(match[1]);
        const activity = JSON.parse(Buffer.concat(chunks).toString('utf8') || '{}') as { attachments?: { content?: Record<string, unknown> }[] };
        const card = activity.attachments?.[0]?.content;
        if (card) {
          if (isFailureCard(card)) this.failures.push(`${conversationId}: ${JSON.stringify(card).slice(0, 200)}`);
          else this.lastCard.set(conversationId, card);
        }
      }
      res.writeHead(req.method === 'PUT' ? 200 : 201, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ id: `activity-${this.posted}` }));
    });
  });

  async start(): Promise<string> {
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}/`;
  }

  async close(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }
}

function isFailureCard(card: unknown): boolean {
  return JSON.stringify(card).includes('Something went wrong on our side');
}

/** Every Action.Execute in a card, anywhere in it. */
function executeActions(card: unknown): { verb: string; data: Record<string, unknown> }[] {
  const found: { verb: string; data: Record<string, unknown> }[] = [];
  const walk = (node: unknown) => {
    if (Array.isArray(node)) node.forEach(walk);
    else if (node && typeof node === 'object') {
      const record = node as Record<string, unknown>;
      if (record.type === 'Action.Execute' && typeof record.verb === 'string') found.push({ verb: record.verb, data: (record.data ?? {}) as Record<string, unknown> });
      Object.values(record).forEach(walk);
    }
  };
  walk(card);
  return found;
}

interface SimulatedUser {
  aadObjectId: string;
  name: string;
  conversationId: string;
  random: () => number;
}

/** The application as a child process on a free port; resolves once it answers /readyz. */
async function startApplication(victims: number, logFile: string, databaseUrl: string | undefined): Promise<{ child: ChildProcess; baseUrl: string; close(): Promise<void> }> {
  if (databaseUrl) {
    // An empty database, so the application seeds the same demo force the simulated users are drawn from.
    const client = new pg.Client({ connectionString: databaseUrl });
    await client.connect();
    await client.query('drop schema public cascade; create schema public');
    await client.end();
  }
  const port = await freePort();
  const cwd = await mkdtemp(join(tmpdir(), 'vcop-load-')); // no .env of the developer's is read
  const log = openSync(logFile, 'a');
  const child = spawn(process.execPath, ['--import', import.meta.resolve('tsx'), join(ROOT, 'src/main.ts')], {
    cwd,
    env: {
      PATH: process.env.PATH ?? '',
      HOME: cwd,
      PORT: String(port),
      HOST: '127.0.0.1',
      LOG_LEVEL: 'info',
      VCOP_DATA_DIR: 'memory://',
      ...(databaseUrl ? { DATABASE_URL: databaseUrl } : {}),
      VCOP_DEMO: '1',
      VCOP_DEMO_VICTIMS: String(victims),
      VCOP_SCHEDULER: '0',
      VCOP_NOW: NOW,
      VCOP_API_TOKEN: 'load-test-token-0123456789abcdef',
    },
    stdio: ['ignore', log, log],
  });
  closeSync(log);
  const baseUrl = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 300_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`the application exited (${child.exitCode}) before it was ready; see ${logFile}:\n${readFileSync(logFile, 'utf8').slice(-2000)}`);
    const ready = await fetch(`${baseUrl}/readyz`).then((r) => r.ok, () => false);
    if (ready) break;
    if (Date.now() > deadline) throw new Error(`the application was not ready within 5 minutes; see ${logFile}`);
    await sleep(250);
  }
  return {
    child,
    baseUrl,
    async close() {
      if (child.exitCode === null) {
        child.kill('SIGTERM');
        await new Promise((resolve) => child.once('exit', resolve));
      }
      await rm(cwd, { recursive: true, force: true });
    },
  };
}

function rssOf(pid: number | undefined): number | null {
  if (!pid) return null;
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    const kb = Number(/VmRSS:\s+(\d+)/.exec(status)?.[1]);
    return Number.isFinite(kb) ? Math.round(kb / 1024) : null;
  } catch {
    return null;
  }
}

export async function runLoad(options: LoadOptions): Promise<LoadReport> {
  const progress = options.progress ?? (() => undefined);
  const sink = new ReplySink();
  const serviceUrl = await sink.start();
  const logFile = join(tmpdir(), `vcop-load-${process.pid}-${Date.now()}.log`);
  progress(`starting the application (demo force of ${options.victims} victims); its log: ${logFile}`);
  const app = await startApplication(options.victims, logFile, options.databaseUrl);
  try {
    // The demo force is deterministic: the same people the application seeded, with their Entra ids.
    const people = [...demoForceRecords({ victims: options.victims, now: new Date(NOW) })]
      .filter((r) => r.type === 'person' && typeof r.aadObjectId === 'string' && r.role !== 'admin')
      .map((r) => ({ aadObjectId: r.aadObjectId as string, name: r.name as string }));
    const random = seededRandom(options.seed ?? 20261124);
    const users: SimulatedUser[] = Array.from({ length: options.users }, (_, i) => {
      const person = people[i % people.length]!;
      return { aadObjectId: person.aadObjectId, name: person.name, conversationId: `a:load-${i}`, random: seededRandom(Math.floor(random() * 2 ** 31)) };
    });

    const latencies: Record<ActionKind, number[]> = { question: [], digest: [], acknowledge: [], showMore: [], refresh: [] };
    const errorSamples: string[] = [];
    let errors = 0;
    const failure = (message: string) => {
      errors++;
      if (errorSamples.length < 10) errorSamples.push(message);
    };

    // Everyone starts with their digest, as after the morning run.
    progress(`${options.users} users open their digest`);
    const warmUp: Record<ActionKind, number[]> = { question: [], digest: [], acknowledge: [], showMore: [], refresh: [] };
    await Promise.all(users.map((user) => act(app.baseUrl, serviceUrl, sink, user, 'digest', warmUp, failure)));
    progress(`${options.users} users asking and pressing buttons for ${Math.round(options.durationMs / 1000)} s`);
    const started = performance.now();
    const deadline = started + options.durationMs;
    let lastReport = started;
    await Promise.all(
      users.map(async (user) => {
        // Users start over the first think time, not all in the same millisecond.
        await sleep(user.random() * Math.max(options.thinkMs, 1000));
        while (performance.now() < deadline) {
          await act(app.baseUrl, serviceUrl, sink, user, chooseAction(user, sink), latencies, failure);
          if (performance.now() - lastReport > 10_000) {
            lastReport = performance.now();
            progress(`  ${Math.round((lastReport - started) / 1000)} s: ${Object.values(latencies).reduce((n, l) => n + l.length, 0)} requests, ${errors} errors`);
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
      byKind: Object.fromEntries(Object.entries(latencies).map(([kind, values]) => [kind, summarise(values)])) as Record<ActionKind, LatencySummary>,
      repliesPosted: sink.posted,
      appRssMb: rssOf(app.child.pid),
    };
  } finally {
    await app.close();
    await sink.close();
  }
}

/** What a user does next: mostly buttons on the card they have, and questions. */
function chooseAction(user: SimulatedUser, sink: ReplySink): ActionKind {
  const card = sink.lastCard.get(user.conversationId);
  const actions = card ? executeActions(card) : [];
  const roll = user.random();
  if (roll < 0.35) return 'question';
  if (roll < 0.45 || !card) return 'digest';
  if (roll < 0.7) return actions.some((a) => a.verb === 'acknowledgeItem') ? 'acknowledge' : 'refresh';
  if (roll < 0.85) return actions.some((a) => a.verb === 'showMore') ? 'showMore' : 'refresh';
  return 'refresh';
}

async function act(
  baseUrl: string,
  serviceUrl: string,
  sink: ReplySink,
  user: SimulatedUser,
  kind: ActionKind,
  latencies: Record<ActionKind, number[]>,
  failure: (message: string) => void,
): Promise<void> {
  const base = {
    id: `activity-${Math.floor(user.random() * 1e12)}`,
    timestamp: NOW,
    channelId: 'msteams',
    serviceUrl,
    from: { id: `29:${user.aadObjectId}`, name: user.name, aadObjectId: user.aadObjectId },
    recipient: { id: '28:vcop-bot', name: 'VCOP' },
    conversation: { id: user.conversationId, conversationType: 'personal', tenantId: TENANT },
    channelData: { tenant: { id: TENANT } },
    locale: 'en-GB',
  };
  const card = sink.lastCard.get(user.conversationId);
  const actions = card ? executeActions(card) : [];
  let activity: Record<string, unknown>;
  switch (kind) {
    case 'question':
      activity = { ...base, type: 'message', text: QUESTIONS[Math.floor(user.random() * QUESTIONS.length)] };
      break;
    case 'digest':
      activity = { ...base, type: 'message', text: 'digest' };
      break;
    case 'acknowledge':
    case 'showMore': {
      const verb = kind === 'acknowledge' ? 'acknowledgeItem' : 'showMore';
      const candidates = actions.filter((a) => a.verb === verb);
      const chosen = candidates[Math.floor(user.random() * candidates.length)]!;
      activity = { ...base, type: 'invoke', name: 'adaptiveCard/action', replyToId: 'digest-message', value: { action: { type: 'Action.Execute', verb, data: chosen.data }, trigger: 'manual' } };
      break;
    }
    case 'refresh': {
      const refresh = (card?.refresh as { action?: { verb?: string; data?: Record<string, unknown> } } | undefined)?.action;
      activity = {
        ...base,
        type: 'invoke',
        name: 'adaptiveCard/action',
        value: { action: { type: 'Action.Execute', verb: refresh?.verb ?? 'refreshDigest', data: refresh?.data ?? { offset: 0 } }, trigger: 'automatic' },
      };
      break;
    }
  }
  const started = performance.now();
  let status: number;
  let text: string;
  try {
    ({ status, text } = await postJson(`${baseUrl}/api/messages`, JSON.stringify(activity)));
  } catch (error) {
    failure(`${kind}: no answer (${error instanceof Error ? error.message : String(error)})`);
    return;
  }
  latencies[kind].push(performance.now() - started);
  if (status !== 200) {
    failure(`${kind}: HTTP ${status} ${text.slice(0, 200)}`);
    return;
  }
  if (activity.type === 'invoke') {
    const body = JSON.parse(text) as { statusCode?: number; type?: string; value?: Record<string, unknown> };
    if (body.statusCode !== 200 || body.type !== 'application/vnd.microsoft.card.adaptive' || !body.value) {
      failure(`${kind}: not a card response: ${text.slice(0, 200)}`);
      return;
    }
    if (isFailureCard(body.value)) {
      failure(`${kind}: failure card: ${text.slice(0, 200)}`);
      return;
    }
    // The card the press answered with replaces the one the user sees.
    sink.lastCard.set(user.conversationId, body.value);
  }
}

/**
 * Keep-alive connections to the application, as the Bot Connector service holds them: an idle one is
 * dropped after 30 s, well inside the 75 s the application keeps it (src/api/server.ts).
 */
const agent = new http.Agent({ keepAlive: true, maxSockets: Infinity, timeout: 30_000 });

function postJson(url: string, body: string): Promise<{ status: number; text: string }> {
  return new Promise((resolve, reject) => {
    const request = http.request(url, { method: 'POST', agent, headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) } }, (response) => {
      const chunks: Buffer[] = [];
      response.on('data', (chunk: Buffer) => chunks.push(chunk));
      response.on('end', () => resolve({ status: response.statusCode ?? 0, text: Buffer.concat(chunks).toString('utf8') }));
      response.on('error', reject);
    });
    request.setTimeout(REQUEST_TIMEOUT_MS, () => request.destroy(new Error(`no answer within ${REQUEST_TIMEOUT_MS} ms`)));
    request.on('error', reject);
    request.end(body);
  });
}

function summarise(values: number[]): LatencySummary {
  const sorted = [...values].sort((a, b) => a - b);
  const at = (p: number) => (sorted.length === 0 ? 0 : Math.round(sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]! * 10) / 10);
  return { count: sorted.length, p50: at(50), p95: at(95), p99: at(99), max: at(100) };
}

export function formatLoadReport(report: LoadReport): string {
  const ms = (n: number) => `${n.toFixed(n >= 100 ? 0 : 1)} ms`;
  const row = (label: string, s: LatencySummary) => `| ${label} | ${s.count.toLocaleString('en-GB')} | ${ms(s.p50)} | ${ms(s.p95)} | ${ms(s.p99)} | ${ms(s.max)} |`;
  return [
    '',
    `Load: ${report.users} simulated Teams users for ${(report.durationMs / 1000).toFixed(0)} s (think time 0-${report.thinkMs} ms) against the demo force (${report.victims.toLocaleString('en-GB')} victims), app in its own process (local mode, ${report.store}).`,
    `${report.requests.toLocaleString('en-GB')} activities, ${report.errors} errors, ${report.throughputPerSecond} activities/s, ${report.repliesPosted.toLocaleString('en-GB')} replies posted${report.appRssMb === null ? '' : `, app RSS ${report.appRssMb} MB`}.`,
    '',
    '| activity | count | p50 | p95 | p99 | max |',
    '|---|---|---|---|---|---|',
    row('all', report.overall),
    row('question (message)', report.byKind.question),
    row('"digest" (message)', report.byKind.digest),
    row('Acknowledge (invoke)', report.byKind.acknowledge),
    row('Show more (invoke)', report.byKind.showMore),
    row('refresh (invoke)', report.byKind.refresh),
    ...(report.errorSamples.length > 0 ? ['', 'First errors:', ...report.errorSamples.map((e) => `  - ${e}`)] : []),
    '',
  ].join('\n');
}

async function freePort(): Promise<number> {
  const server = http.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
