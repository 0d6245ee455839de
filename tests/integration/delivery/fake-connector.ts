import http from 'node:http';
import { closeServer, listenOnLoopback } from '../../support/loopback-server.js';

export interface ConnectorReply {
  status: number;
  headers?: Record<string, string>;
  body?: unknown;
  /** Answer only after this long; `Infinity` never answers. */
  delayMs?: number;
}

export interface ConnectorRequest {
  at: number;
  conversationId: string;
  body: Record<string, unknown>;
  answered: number | undefined;
}

/**
 * A stand-in for the Bot Connector service: records each POST to
 * `/v3/conversations/{id}/activities[/{replyToId}]` and answers from a script, then 201 with an id.
 */
export class FakeConnector {
  readonly requests: ConnectorRequest[] = [];
  private readonly script: ConnectorReply[] = [];
  private readonly server = http.createServer((req, res) => this.handle(req, res));
  private readonly timers = new Set<NodeJS.Timeout>();

  async start(): Promise<string> {
    return listenOnLoopback(this.server);
  }

  /** The next requests get these replies, in order; after them every request succeeds. */
  answer(...replies: ConnectorReply[]): this {
    this.script.push(...replies);
    return this;
  }

  /** Requests that ended in 201 (delivered). */
  delivered(): ConnectorRequest[] {
    return this.requests.filter((request) => request.answered === 201);
  }

  async close(): Promise<void> {
    for (const timer of this.timers) clearTimeout(timer);
    await closeServer(this.server);
  }

  private handle(req: http.IncomingMessage, res: http.ServerResponse): void {
    const match = /^\/v3\/conversations\/([^/]+)\/activities(\/[^/]+)?$/.exec(req.url ?? '');
    let raw = '';
    req.on('data', (chunk: Buffer) => (raw += chunk.toString('utf8')));
    req.on('end', () => {
      if (req.method !== 'POST' || !match?.[1]) {
        res.writeHead(404).end();
        return;
      }
      const request: ConnectorRequest = {
        at: Date.now(),
        conversationId: decodeURIComponent(match[1]),
        body: JSON.parse(raw) as Record<string, unknown>,
        answered: undefined,
      };
      this.requests.push(request);
      const reply = this.script.shift() ?? { status: 201, body: { id: `activity-${this.requests.length}` } };
      const send = () => {
        request.answered = reply.status;
        res.writeHead(reply.status, { 'content-type': 'application/json', ...reply.headers });
        res.end(JSON.stringify(reply.body ?? {}));
      };
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
}
