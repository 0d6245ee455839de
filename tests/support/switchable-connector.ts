import http from 'node:http';
import { closeServer, listenOnLoopback } from './loopback-server.js';

/** How the connector answers each POST, decided per request. */
export type ConnectorBehaviour =
  | { kind: 'ok' }
  | { kind: 'status'; status: number; retryAfterSeconds?: number }
  /** Holds the request and never answers (until the connector closes). */
  | { kind: 'hang' };

export interface ConnectorPost {
  conversationId: string;
  at: number;
  /** The status it was answered with; undefined while held (a hang). */
  answered: number | undefined;
}

/**
 * A Bot Connector stand-in whose behaviour a test switches at will (or decides per request): healthy,
 * throttling with Retry-After, failing with 5xx, or hanging. Only requests answered 201 delivered a message.
 */
export class SwitchableConnector {
  readonly posts: ConnectorPost[] = [];
  behaviour: (post: ConnectorPost, index: number) => ConnectorBehaviour = () => ({ kind: 'ok' });
  private readonly server = http.createServer((req, res) => this.handle(req, res));

  async start(): Promise<string> {
    return listenOnLoopback(this.server);
  }

  async close(): Promise<void> {
    await closeServer(this.server);
  }

  /** Messages delivered (answered 201), by conversation. */
  deliveredBy(): Record<string, number> {
    const counts: Record<string, number> = {};
    for (const post of this.posts) if (post.answered === 201) counts[post.conversationId] = (counts[post.conversationId] ?? 0) + 1;
    return counts;
  }

  private handle(req: http.IncomingMessage, res: http.ServerResponse): void {
    req.resume();
    req.on('end', () => {
      const match = /^\/v3\/conversations\/([^/]+)\/activities/.exec(req.url ?? '');
      if (req.method !== 'POST' || !match?.[1]) {
        res.writeHead(404).end();
        return;
      }
      const post: ConnectorPost = { conversationId: decodeURIComponent(match[1]), at: Date.now(), answered: undefined };
      const index = this.posts.push(post) - 1;
      const behaviour = this.behaviour(post, index);
      if (behaviour.kind === 'hang') return;
      const status = behaviour.kind === 'ok' ? 201 : behaviour.status;
      post.answered = status;
      const headers: Record<string, string> = { 'content-type': 'application/json' };
      if (behaviour.kind === 'status' && behaviour.retryAfterSeconds !== undefined)
        headers['retry-after'] = String(behaviour.retryAfterSeconds);
      res.writeHead(status, headers);
      res.end(
        JSON.stringify(status === 201 ? { id: `activity-${index}` } : { error: { code: 'ServiceError', message: `HTTP ${status}` } }),
      );
    });
  }
}
