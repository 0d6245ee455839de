import http from 'node:http';
import { closeServer, listenOnLoopback } from './loopback-server.js';

/** One call the bot made to the Bot Connector API. */
export interface ConnectorCall {
  method: string;
  path: string;
  conversationId: string | null;
  /** The activity id in the path: the replied-to activity (POST) or the one updated (PUT). */
  activityId: string | null;
  body: Record<string, unknown>;
}

/**
 * A stand-in for the Bot Connector service at the activity's `serviceUrl`: records every call and
 * answers as the connector does (`POST .../activities[/{replyToId}]` -> 201 `{id}`, `PUT` -> 200 `{id}`,
 * `POST /v3/conversations` -> 201 with a new conversation id). Anything else is 404 and recorded too,
 * so a test sees calls it did not expect.
 */
export class FakeConnector {
  readonly calls: ConnectorCall[] = [];
  private readonly server = http.createServer((req, res) => this.handle(req, res));
  private counter = 0;
  private readonly waiters = new Set<() => void>();

  /** Starts listening; answers the serviceUrl to put on activities. */
  async start(): Promise<string> {
    return listenOnLoopback(this.server);
  }

  async close(): Promise<void> {
    await closeServer(this.server);
  }

  /** Activities the bot sent (POSTed) to a conversation, in order. */
  sentTo(conversationId: string): Record<string, unknown>[] {
    return this.calls
      .filter((c) => c.method === 'POST' && c.conversationId === conversationId && c.path.includes('/activities'))
      .map((c) => c.body);
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
    req.on('data', (chunk: Buffer) => (raw += chunk.toString('utf8')));
    req.on('end', () => {
      const path = (req.url ?? '').split('?')[0] ?? '';
      const match = /^\/v3\/conversations(?:\/([^/]+)(?:\/activities(?:\/([^/]+))?|\/members)?)?$/.exec(path);
      const call: ConnectorCall = {
        method: req.method ?? 'GET',
        path,
        conversationId: match?.[1] ? decodeURIComponent(match[1]) : null,
        activityId: match?.[2] ? decodeURIComponent(match[2]) : null,
        body: raw ? (JSON.parse(raw) as Record<string, unknown>) : {},
      };
      this.calls.push(call);
      const answer = this.answerFor(call, match !== null);
      res.writeHead(answer.status, { 'content-type': 'application/json' });
      res.end(JSON.stringify(answer.body));
      for (const waiter of [...this.waiters]) waiter();
    });
  }

  private answerFor(call: ConnectorCall, known: boolean): { status: number; body: unknown } {
    if (!known) return { status: 404, body: { error: { code: 'NotFound', message: `no such route ${call.path}` } } };
    if (call.path.endsWith('/members') && call.method === 'GET') return { status: 200, body: [] };
    if (call.conversationId === null && call.method === 'POST') return { status: 201, body: { id: `conversation-${++this.counter}` } };
    if (call.method === 'PUT') return { status: 200, body: { id: call.activityId } };
    if (call.method === 'POST') return { status: 201, body: { id: `activity-${++this.counter}` } };
    return { status: 405, body: { error: { code: 'MethodNotAllowed', message: call.method } } };
  }
}
