import http from 'node:http';
import { closeServer, listenOnLoopback } from './loopback-server.js';

/** One call the bot made to the Bot Connector API. */
export interface ConnectorCall {
  method: string;
  path: string;
  conversationId: string | null;
  /** The activity id in the path: the replied-to activity (POST) or the one updated (PUT). */
  activityId: string | null;
  /** The user id of a member lookup (`GET .../members/{userId}`). */
  memberId: string | null;
  body: Record<string, unknown>;
  /** When it arrived (ms since the epoch). */
  at: number;
  /** The status it was answered with; undefined while held (a hang, a delay). */
  answered: number | undefined;
}

/** A POST of an activity to a conversation: a message sent. */
export type ConnectorPost = ConnectorCall & { conversationId: string };

/** A scripted answer to one POST of an activity. */
export interface ConnectorReply {
  status: number;
  headers?: Record<string, string>;
  body?: unknown;
  /** Answer only after this long; `Infinity` never answers (until the connector closes). */
  delayMs?: number;
}

/** How the connector answers a POST of an activity, decided per request by `behaviour`. */
export type ConnectorBehaviour =
  | { kind: 'ok' }
  /** `code`: the error code in the body (e.g. BotNotInConversationRoster); ServiceError by default. */
  | { kind: 'status'; status: number; retryAfterSeconds?: number; code?: string }
  /** Holds the request and never answers (until the connector closes). */
  | { kind: 'hang' };

export interface FakeConnectorOptions {
  /**
   * Keep every call in `calls` (the default: tests read them). The benchmark's load run (bench/load/reply-sink.ts)
   * posts tens of thousands of cards: it keeps none and reads each call as it arrives, through `onCall`.
   */
  keepCalls?: boolean;
}

/**
 * The one stand-in for the Bot Connector service at an activity's `serviceUrl`, for every test that talks
 * to Teams over HTTP: records every call and answers as the connector does (`POST .../activities[/{replyToId}]`
 * -> 201 `{id}`, `PUT` -> 200 `{id}`, `POST /v3/conversations` -> 201 with a new conversation id, a member
 * lookup -> 200 with the member scripted by `member()`, else only the id asked for). Anything else is 404 and
 * recorded too, so a test sees calls it did not expect.
 * A POST of an activity can be scripted instead: the next replies in order (`answer`), or a `behaviour`
 * decided per request (healthy, throttling with Retry-After, failing with 5xx, hanging).
 */
export class FakeConnector {
  readonly calls: ConnectorCall[] = [];
  /** Decides how each member lookup is answered (`ok`: the scripted member). */
  memberBehaviour: (lookup: ConnectorCall) => ConnectorBehaviour = () => ({ kind: 'ok' });
  private readonly members = new Map<string, Record<string, unknown>>();
  /** Decides how each POST of an activity is answered, when no scripted reply is waiting. */
  behaviour: (post: ConnectorPost, index: number) => ConnectorBehaviour = () => ({ kind: 'ok' });
  /** Sees every call as it arrives, before it is answered. */
  onCall: (call: ConnectorCall) => void = () => undefined;
  private readonly script: ConnectorReply[] = [];
  private readonly server = http.createServer((req, res) => this.handle(req, res));
  private readonly timers = new Set<NodeJS.Timeout>();
  private readonly waiters = new Set<() => void>();
  private counter = 0;
  private postsSeen = 0;

  constructor(private readonly options: FakeConnectorOptions = {}) {}

  /** Starts listening; answers the serviceUrl to put on activities. */
  async start(): Promise<string> {
    return listenOnLoopback(this.server);
  }

  async close(): Promise<void> {
    for (const timer of this.timers) clearTimeout(timer);
    await closeServer(this.server);
  }

  /** The next POSTs of an activity get these replies, in order; after them `behaviour` decides again. */
  answer(...replies: ConnectorReply[]): this {
    this.script.push(...replies);
    return this;
  }

  /**
   * What a member lookup of `userId` (an activity's `from.id`) answers, as the Connector's TeamsChannelAccount:
   * e.g. `{ aadObjectId, userPrincipalName, email }`. In every conversation.
   */
  member(userId: string, account: Record<string, unknown>): this {
    this.members.set(userId, { id: userId, ...account });
    return this;
  }

  /** Every member lookup (`GET /v3/conversations/{id}/members/{userId}`), in the order they arrived. */
  memberLookups(): ConnectorCall[] {
    return this.calls.filter((call) => call.method === 'GET' && call.memberId !== null);
  }

  /** Every POST of an activity, in the order they arrived. */
  get posts(): ConnectorPost[] {
    return this.calls.filter(isPost);
  }

  /** The same as `posts` (the delivery tests' word). */
  get requests(): ConnectorPost[] {
    return this.posts;
  }

  /** POSTs that were answered 201: messages delivered. */
  delivered(): ConnectorPost[] {
    return this.posts.filter((post) => post.answered === 201);
  }

  /** Messages delivered, counted by conversation. */
  deliveredBy(): Record<string, number> {
    const counts: Record<string, number> = {};
    for (const post of this.delivered()) counts[post.conversationId] = (counts[post.conversationId] ?? 0) + 1;
    return counts;
  }

  /** Activities the bot sent (POSTed) to a conversation, in order. */
  sentTo(conversationId: string): Record<string, unknown>[] {
    return this.posts.filter((post) => post.conversationId === conversationId).map((post) => post.body);
  }

  /** Messages edited in place (PUT). */
  updatesIn(conversationId: string): ConnectorCall[] {
    return this.calls.filter((c) => c.method === 'PUT' && c.conversationId === conversationId);
  }

  /** The calls made from now on, for a test that looks at what one request caused. */
  mark(): () => ConnectorCall[] {
    const start = this.calls.length;
    return () => this.calls.slice(start);
  }

  /** Resolves once `predicate` holds for the calls recorded; rejects after `timeoutMs`. */
  async waitFor(predicate: (calls: readonly ConnectorCall[]) => boolean, timeoutMs = 5000): Promise<void> {
    if (predicate(this.calls)) return;
    await new Promise<void>((resolve, reject) => {
      const check = () => {
        if (!predicate(this.calls)) return;
        clearTimeout(timer);
        this.waiters.delete(check);
        resolve();
      };
      const timer = setTimeout(() => {
        this.waiters.delete(check);
        reject(new Error(`FakeConnector: the expected call did not arrive within ${timeoutMs} ms (${this.calls.length} calls recorded)`));
      }, timeoutMs);
      this.waiters.add(check);
    });
  }

  private handle(req: http.IncomingMessage, res: http.ServerResponse): void {
    let raw = '';
    req.on('data', (chunk: Buffer) => {
      raw += chunk.toString('utf8');
    });
    req.on('end', () => {
      const path = (req.url ?? '').split('?')[0] ?? '';
      const match = /^\/v3\/conversations(?:\/([^/]+)(?:\/activities(?:\/([^/]+))?|\/members(?:\/([^/]+))?)?)?$/.exec(path);
      const call: ConnectorCall = {
        method: req.method ?? 'GET',
        path,
        conversationId: match?.[1] ? decodeURIComponent(match[1]) : null,
        activityId: match?.[2] ? decodeURIComponent(match[2]) : null,
        memberId: match?.[3] ? decodeURIComponent(match[3]) : null,
        body: raw ? (JSON.parse(raw) as Record<string, unknown>) : {},
        at: Date.now(),
        answered: undefined,
      };
      if (this.options.keepCalls !== false) this.calls.push(call);
      if (isPost(call)) this.postsSeen++;
      this.onCall(call);
      const reply = this.replyTo(call, match !== null);
      const send = () => {
        call.answered = reply.status;
        res.writeHead(reply.status, { 'content-type': 'application/json', ...reply.headers });
        res.end(JSON.stringify(reply.body ?? {}));
        for (const waiter of [...this.waiters]) waiter();
      };
      for (const waiter of [...this.waiters]) waiter();
      if (reply.delayMs === Infinity) return;
      if (!reply.delayMs) {
        send();
        return;
      }
      const timer = setTimeout(() => {
        this.timers.delete(timer);
        send();
      }, reply.delayMs);
      this.timers.add(timer);
    });
  }

  private replyTo(call: ConnectorCall, known: boolean): ConnectorReply {
    if (!known) return { status: 404, body: { error: { code: 'NotFound', message: `no such route ${call.path}` } } };
    if (call.memberId !== null && call.method === 'GET') return this.memberReply(call, call.memberId);
    if (call.path.includes('/members') && call.method === 'GET') return { status: 200, body: [] };
    if (call.conversationId === null && call.method === 'POST') return { status: 201, body: { id: `conversation-${++this.counter}` } };
    if (call.method === 'PUT') return { status: 200, body: { id: call.activityId } };
    if (!isPost(call)) return { status: 405, body: { error: { code: 'MethodNotAllowed', message: call.method } } };
    const id = `activity-${++this.counter}`;
    const scripted = this.script.shift();
    if (scripted) return scripted;
    const behaviour = this.behaviour(call, this.postsSeen - 1);
    switch (behaviour.kind) {
      case 'ok':
        return { status: 201, body: { id } };
      case 'hang':
        return { status: 0, delayMs: Infinity };
      case 'status':
        return failure(behaviour);
    }
  }

  private memberReply(call: ConnectorCall, userId: string): ConnectorReply {
    const behaviour = this.memberBehaviour(call);
    switch (behaviour.kind) {
      case 'ok':
        return { status: 200, body: this.members.get(userId) ?? { id: userId } };
      case 'hang':
        return { status: 0, delayMs: Infinity };
      case 'status':
        return failure(behaviour);
    }
  }
}

function failure(behaviour: Extract<ConnectorBehaviour, { kind: 'status' }>): ConnectorReply {
  return {
    status: behaviour.status,
    ...(behaviour.retryAfterSeconds !== undefined ? { headers: { 'retry-after': String(behaviour.retryAfterSeconds) } } : {}),
    body: { error: { code: behaviour.code ?? 'ServiceError', message: `HTTP ${behaviour.status}` } },
  };
}

function isPost(call: ConnectorCall): call is ConnectorPost {
  return call.method === 'POST' && call.conversationId !== null && call.path.includes('/activities');
}
