/**
 * One simulated Teams user in a personal chat with the bot: what they do next, and doing it as Teams
 * would (a message activity, or an Adaptive Card invoke on the last card they got), timed and judged.
 *
 * Counted as an error: a status other than 200, no answer within 30 s or a broken connection, an invoke
 * answered without a card, or a card saying something went wrong on our side. Latency is the HTTP round
 * trip of each activity.
 */
import http from 'node:http';
import { LOAD_NOW } from './app-process.js';
import { executeActions, isFailureCard, type ReplySink } from './reply-sink.js';

const TENANT = '7a1f0c2e-4b3d-4e5f-8a9b-0c1d2e3f4a5b';
const REQUEST_TIMEOUT_MS = 30_000;

export type ActionKind = 'question' | 'digest' | 'acknowledge' | 'showMore' | 'refresh';

export interface SimulatedUser {
  aadObjectId: string;
  name: string;
  conversationId: string;
  random: () => number;
}

/** Where a user's actions go, and where their timings and errors are kept. */
export interface ActContext {
  baseUrl: string;
  serviceUrl: string;
  sink: ReplySink;
  latencies: Record<ActionKind, number[]>;
  failure: (message: string) => void;
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

/** What a user does next: mostly buttons on the card they have, and questions. */
export function chooseAction(user: SimulatedUser, sink: ReplySink): ActionKind {
  const card = sink.lastCard.get(user.conversationId);
  const actions = card ? executeActions(card) : [];
  const roll = user.random();
  if (roll < 0.35) return 'question';
  if (roll < 0.45 || !card) return 'digest';
  if (roll < 0.7) return actions.some((a) => a.verb === 'acknowledgeItem') ? 'acknowledge' : 'refresh';
  if (roll < 0.85) return actions.some((a) => a.verb === 'showMore') ? 'showMore' : 'refresh';
  return 'refresh';
}

function activityFor(
  user: SimulatedUser,
  kind: ActionKind,
  serviceUrl: string,
  card: Record<string, unknown> | undefined,
): Record<string, unknown> {
  const base = {
    id: `activity-${Math.floor(user.random() * 1e12)}`,
    timestamp: LOAD_NOW,
    channelId: 'msteams',
    serviceUrl,
    from: { id: `29:${user.aadObjectId}`, name: user.name, aadObjectId: user.aadObjectId },
    recipient: { id: '28:vcop-bot', name: 'VCOP' },
    conversation: { id: user.conversationId, conversationType: 'personal', tenantId: TENANT },
    channelData: { tenant: { id: TENANT } },
    locale: 'en-GB',
  };
  const actions = card ? executeActions(card) : [];
  switch (kind) {
    case 'question':
      return { ...base, type: 'message', text: QUESTIONS[Math.floor(user.random() * QUESTIONS.length)] };
    case 'digest':
      return { ...base, type: 'message', text: 'digest' };
    case 'acknowledge':
    case 'showMore': {
      const verb = kind === 'acknowledge' ? 'acknowledgeItem' : 'showMore';
      const candidates = actions.filter((a) => a.verb === verb);
      const chosen = candidates[Math.floor(user.random() * candidates.length)]!;
      return {
        ...base,
        type: 'invoke',
        name: 'adaptiveCard/action',
        replyToId: 'digest-message',
        value: { action: { type: 'Action.Execute', verb, data: chosen.data }, trigger: 'manual' },
      };
    }
    case 'refresh': {
      const refresh = (card?.refresh as { action?: { verb?: string; data?: Record<string, unknown> } } | undefined)?.action;
      return {
        ...base,
        type: 'invoke',
        name: 'adaptiveCard/action',
        value: {
          action: { type: 'Action.Execute', verb: refresh?.verb ?? 'refreshDigest', data: refresh?.data ?? { offset: 0 } },
          trigger: 'automatic',
        },
      };
    }
  }
}

/** Sends the user's next activity, records its latency, and checks the answer. */
export async function act(context: ActContext, user: SimulatedUser, kind: ActionKind): Promise<void> {
  const { sink, failure } = context;
  const activity = activityFor(user, kind, context.serviceUrl, sink.lastCard.get(user.conversationId));
  const started = performance.now();
  let status: number;
  let text: string;
  try {
    ({ status, text } = await postJson(`${context.baseUrl}/api/messages`, JSON.stringify(activity)));
  } catch (error) {
    failure(`${kind}: no answer (${error instanceof Error ? error.message : String(error)})`);
    return;
  }
  context.latencies[kind].push(performance.now() - started);
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

export function postJson(url: string, body: string): Promise<{ status: number; text: string }> {
  return new Promise((resolve, reject) => {
    const request = http.request(
      url,
      { method: 'POST', agent, headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) } },
      (response) => {
        const chunks: Buffer[] = [];
        response.on('data', (chunk: Buffer) => chunks.push(chunk));
        response.on('end', () => resolve({ status: response.statusCode ?? 0, text: Buffer.concat(chunks).toString('utf8') }));
        response.on('error', reject);
      },
    );
    request.setTimeout(REQUEST_TIMEOUT_MS, () => request.destroy(new Error(`no answer within ${REQUEST_TIMEOUT_MS} ms`)));
    request.on('error', reject);
    request.end(body);
  });
}
