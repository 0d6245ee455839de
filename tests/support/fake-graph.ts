import http from 'node:http';
import { closeServer, listenOnLoopback } from './loopback-server.js';

/** One call made to the fake Microsoft Graph (the token endpoint or an install). */
export interface GraphCall {
  kind: 'token' | 'install' | 'other';
  method: string;
  path: string;
  /** The user in `/users/{id}/teamwork/installedApps`, decoded. */
  userKey: string | null;
  /** The form fields of a token request, or the JSON body of an install. */
  body: Record<string, unknown>;
  authorization: string | null;
  at: number;
}

/** How one install request is answered. */
export type GraphAnswer =
  | { kind: 'created' }
  /** 409: Teams already has the app for that user. */
  | { kind: 'conflict' }
  | { kind: 'throttled'; retryAfterSeconds: number }
  | { kind: 'status'; status: number; code: string };

/**
 * A stand-in for Microsoft Graph over HTTP: `POST /{tenant}/oauth2/v2.0/token` answers a token (client
 * credentials), `POST /v1.0/users/{id}/teamwork/installedApps` is answered per request by `behaviour`
 * (201, 409 already installed, 429 with Retry-After, 5xx, 403, 404...), and `onInstalled` is told of each
 * 201, so a test can then send the installationUpdate Teams would. Every call is recorded.
 */
export class FakeGraph {
  readonly calls: GraphCall[] = [];
  behaviour: (call: GraphCall, index: number) => GraphAnswer = () => ({ kind: 'created' });
  onInstalled: (userKey: string) => void = () => undefined;
  /** Answers to token requests: 200 with a token, unless set to a status. */
  tokenStatus = 200;
  private readonly server = http.createServer((req, res) => void this.handle(req, res));
  private installs = 0;
  private url = '';

  async start(): Promise<{ loginUrl: string; apiUrl: string }> {
    this.url = (await listenOnLoopback(this.server)).replace(/\/$/, '');
    return { loginUrl: this.url, apiUrl: `${this.url}/v1.0` };
  }

  /** The env that points the app at this fake. */
  env(): Record<string, string> {
    return {
      GRAPH_TENANT_ID: '11111111-2222-4333-8444-555555555555',
      GRAPH_CLIENT_ID: '66666666-7777-4888-8999-000000000000',
      GRAPH_CLIENT_SECRET: 'fake-graph-secret-value',
      GRAPH_TEAMS_APP_ID: 'aaaaaaaa-bbbb-4ccc-8ddd-eeeeeeeeeeee',
      GRAPH_LOGIN_URL: this.url,
      GRAPH_API_URL: `${this.url}/v1.0`,
    };
  }

  installsFor(userKey: string): GraphCall[] {
    return this.calls.filter((call) => call.kind === 'install' && call.userKey === userKey);
  }

  installCalls(): GraphCall[] {
    return this.calls.filter((call) => call.kind === 'install');
  }

  close(): Promise<void> {
    return closeServer(this.server);
  }

  private async handle(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const text = Buffer.concat(chunks).toString('utf8');
    const path = new URL(req.url ?? '/', 'http://fake').pathname;
    const token = /^\/[^/]+\/oauth2\/v2\.0\/token$/.test(path);
    const install = /^\/v1\.0\/users\/([^/]+)\/teamwork\/installedApps$/.exec(path);
    const call: GraphCall = {
      kind: token ? 'token' : install ? 'install' : 'other',
      method: req.method ?? '',
      path,
      userKey: install?.[1] ? decodeURIComponent(install[1]) : null,
      body: token ? Object.fromEntries(new URLSearchParams(text)) : parse(text),
      authorization: req.headers.authorization ?? null,
      at: Date.now(),
    };
    this.calls.push(call);
    if (call.kind === 'token' && req.method === 'POST') {
      if (this.tokenStatus !== 200) return json(res, this.tokenStatus, { error: 'invalid_client' });
      return json(res, 200, { token_type: 'Bearer', expires_in: 3599, access_token: 'fake-graph-access-token' });
    }
    if (call.kind !== 'install' || req.method !== 'POST') return json(res, 404, { error: { code: 'NotFound' } });
    if (call.authorization !== 'Bearer fake-graph-access-token') return json(res, 401, { error: { code: 'InvalidAuthenticationToken' } });
    const answer = this.behaviour(call, this.installs++);
    switch (answer.kind) {
      case 'created':
        res.writeHead(201);
        res.end();
        this.onInstalled(call.userKey ?? '');
        return;
      case 'conflict':
        return json(res, 409, { error: { code: 'Conflict', message: 'App is already installed.' } });
      case 'throttled':
        res.setHeader('retry-after', String(answer.retryAfterSeconds));
        return json(res, 429, { error: { code: 'TooManyRequests' } });
      case 'status':
        return json(res, answer.status, { error: { code: answer.code } });
    }
  }
}

function parse(text: string): Record<string, unknown> {
  try {
    return text ? (JSON.parse(text) as Record<string, unknown>) : {};
  } catch {
    return { unparsed: text };
  }
}

function json(res: http.ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { 'content-type': 'application/json' });
  res.end(JSON.stringify(body));
}
