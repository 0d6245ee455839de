/**
 * Chat turns beside the chat floor (issue 15): one user at a time, each turn's HTTP round trip to
 * /api/messages (the bot's reply posted to the connector stand-in included), for the application and for a
 * bare botbuilder echo bot (echo-bot.ts) in the same run, both in processes of their own on this machine.
 * Turns: a team, a command and a force question (the force's for last month: a past month end), the digest
 * and a button press (the digest card's refresh). The ratio is each turn's p50 to the echo turn's p50.
 */
import { spawn } from 'node:child_process';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { demoForceRecords } from '../src/demo/demo-force.js';
import { LOAD_NOW, startApplication } from './load/app-process.js';
import { isFailureCard, ReplySink } from './load/reply-sink.js';
import { postJson } from './load/simulated-user.js';
import { percentile } from './timing.js';

const TURNS = 30;
const TENANT = '7a1f0c2e-4b3d-4e5f-8a9b-0c1d2e3f4a5b';

export type TurnKind = 'team question' | 'command question' | 'force question' | 'digest' | 'button press';

export interface TurnsRow {
  victims: number;
  echo: { p50: number; p95: number };
  turns: { kind: TurnKind; p50: number; p95: number }[];
}

interface Person {
  aadObjectId: string;
  name: string;
}

function activity(person: Person, conversationId: string, serviceUrl: string, rest: Record<string, unknown>): string {
  return JSON.stringify({
    id: `turn-${Math.random().toString(36).slice(2)}`,
    timestamp: LOAD_NOW,
    channelId: 'msteams',
    serviceUrl,
    from: { id: `29:${person.aadObjectId}`, name: person.name, aadObjectId: person.aadObjectId },
    recipient: { id: '28:vcop-bot', name: 'VCOP' },
    conversation: { id: conversationId, conversationType: 'personal', tenantId: TENANT },
    channelData: { tenant: { id: TENANT } },
    locale: 'en-GB',
    ...rest,
  });
}

/** `TURNS` round trips after one warm-up; throws on anything but a 200. */
async function time(url: string, body: () => string): Promise<{ p50: number; p95: number }> {
  const times: number[] = [];
  for (let i = 0; i <= TURNS; i++) {
    const started = performance.now();
    const { status, text } = await postJson(url, body());
    if (status !== 200) throw new Error(`HTTP ${status} from ${url}: ${text.slice(0, 200)}`);
    if (isFailureCard(text)) throw new Error(`a failure card from ${url}: ${text.slice(0, 200)}`);
    if (i > 0) times.push(performance.now() - started);
  }
  return { p50: percentile(times, 50), p95: percentile(times, 95) };
}

async function startEchoBot(): Promise<{ url: string; close(): void }> {
  const port = 20_000 + Math.floor(Math.random() * 20_000);
  const script = fileURLToPath(new URL('./echo-bot.ts', import.meta.url));
  const child = spawn(process.execPath, ['--import', import.meta.resolve('tsx'), script], {
    env: { PATH: process.env.PATH ?? '', PORT: String(port) },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  await new Promise<void>((resolve, reject) => {
    child.stdout.on('data', (chunk: Buffer) => chunk.toString().includes('ready') && resolve());
    child.once('exit', (code) => reject(new Error(`the echo bot exited (${code}) before it listened`)));
  });
  return { url: `http://127.0.0.1:${port}/api/messages`, close: () => child.kill('SIGTERM') };
}

export async function benchTurns(victims: number, databaseUrl?: string): Promise<TurnsRow> {
  const people = [...demoForceRecords({ victims, now: new Date(LOAD_NOW) })].filter((r) => r.type === 'person');
  const first = (role: string, unitId?: string) => {
    const found = people.find((r) => r.role === role && (unitId === undefined || r.unitId === unitId));
    if (!found) throw new Error(`the demo force has no ${role}`);
    return { aadObjectId: found.aadObjectId as string, name: found.name as string };
  };
  const sergeant = first('supervisor');
  const inspector = first('inspector', 'N-LPA');
  const superintendent = first('senior');
  const sink = new ReplySink();
  const serviceUrl = await sink.start();
  const echo = await startEchoBot();
  const app = await startApplication(victims, join(tmpdir(), `vcop-turns-${process.pid}.log`), databaseUrl);
  try {
    const messages = `${app.baseUrl}/api/messages`;
    const ask = (person: Person, conversation: string, text: string) => () =>
      activity(person, conversation, serviceUrl, { type: 'message', text });
    const echoTurn = await time(echo.url, ask(sergeant, 'a:echo', 'hello'));
    const turns: TurnsRow['turns'] = [];
    const add = async (kind: TurnKind, url: string, body: () => string) => turns.push({ kind, ...(await time(url, body)) });
    await add('team question', messages, ask(sergeant, 'a:turns-team', "my team's compliance this month"));
    await add('command question', messages, ask(inspector, 'a:turns-command', 'compliance for North LPA'));
    await add('force question', messages, ask(superintendent, 'a:turns-force', 'compliance for the force last month'));
    await add('digest', messages, ask(sergeant, 'a:turns-digest', 'digest'));
    const card = sink.lastCard.get('a:turns-digest');
    const refresh = (card?.refresh as { action?: { verb?: string; data?: Record<string, unknown> } } | undefined)?.action;
    if (!refresh?.verb) throw new Error('the digest card has no refresh action to press');
    const press = { type: 'Action.Execute', verb: refresh.verb, data: refresh.data ?? {} };
    await add('button press', messages, () =>
      activity(sergeant, 'a:turns-digest', serviceUrl, {
        type: 'invoke',
        name: 'adaptiveCard/action',
        value: { action: press, trigger: 'manual' },
      }),
    );
    if (sink.failures.length > 0) throw new Error(`failure cards posted: ${sink.failures.slice(0, 2).join('; ')}`);
    return { victims, echo: echoTurn, turns };
  } finally {
    echo.close();
    await app.close();
    await sink.close();
  }
}

export function formatTurnsTable(rows: readonly TurnsRow[]): string {
  const ms = (n: number) => `${n.toFixed(1)} ms`;
  const kinds = rows[0]?.turns.map((t) => t.kind) ?? [];
  const out = [
    `\nChat turns, one user at a time (${TURNS} after a warm-up): p50 / p95, and p50 as a multiple of a bare botbuilder echo turn's.\n`,
    `| victims | echo turn | ${kinds.join(' | ')} |`,
    `|---|---|${kinds.map(() => '---|').join('')}`,
    ...rows.map(
      (r) =>
        `| ${r.victims.toLocaleString('en-GB')} | ${ms(r.echo.p50)} / ${ms(r.echo.p95)} | ` +
        `${r.turns.map((t) => `${ms(t.p50)} / ${ms(t.p95)} (${(t.p50 / r.echo.p50).toFixed(1)}×)`).join(' | ')} |`,
    ),
  ];
  return `${out.join('\n')}\n`;
}
