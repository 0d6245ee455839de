import { randomUUID } from 'node:crypto';
import restify, { type Request, type Response, type Server } from 'restify';
import { shortened } from '../domain/quoted-value.js';
import type { Logger } from '../log/logger.js';
import { createBearerCheck } from './bearer-auth.js';
import { HttpError, errorBody } from '../http/http-error.js';
import { rememberRequestLog } from '../http/request-log.js';
import type { Route } from '../http/route.js';
import { storeFailure } from './store-failure.js';

export interface HttpServerOptions {
  logger: Logger;
  apiToken: string;
  routes: readonly Route[];
}

/**
 * The restify server shared by the API and the bot endpoint. Every request gets a request id (echoed as
 * `x-request-id`) that appears on each log line about it; errors become JSON `{error:{code,message}}`.
 */
export function createHttpServer(options: HttpServerOptions): Server {
  const server = restify.createServer({ name: 'vcop-teams-bot', handleUncaughtExceptions: false });
  // Keep idle connections longer than the proxies and clients in front of us (Azure's front ends and
  // load balancers hold them 60 s or more). With Node's default of 5 s the server closes a connection just
  // as a busy client reuses it, and that request fails with a reset instead of being answered.
  server.server.keepAliveTimeout = KEEP_ALIVE_MS;
  server.server.headersTimeout = KEEP_ALIVE_MS + 5_000;
  server.pre(restify.plugins.pre.sanitizePath());
  server.use(restify.plugins.queryParser({ mapParams: false }));
  const checkToken = createBearerCheck(options.apiToken);

  for (const route of options.routes) {
    server[route.method](route.path, async (req: Request, res: Response) => {
      const requestId = headerValue(req, 'x-request-id') ?? randomUUID();
      res.header('x-request-id', requestId);
      const log = options.logger.child({ requestId, route: `${route.method.toUpperCase()} ${route.path}` });
      rememberRequestLog(req, log);
      const started = performance.now();
      try {
        if (route.protected) checkToken(req);
        await route.handle(req, res);
      } catch (error) {
        sendError(req, res, error, log);
      }
      log.info({ status: res.statusCode, ms: Math.round(performance.now() - started) }, 'request');
    });
  }
  server.on('restifyError', (req: Request, res: Response, error: Error & { statusCode?: number }, callback: () => void) => {
    // Unknown routes and methods: keep restify's status, give our JSON shape.
    const status = error.statusCode ?? 500;
    const code = status === 404 ? 'not_found' : status === 405 ? 'method_not_allowed' : 'error';
    const message = status === 404 ? `No such route: ${req.method} ${shortened(req.path(), 200)}` : error.message;
    res.send(status, { error: { code, message } });
    callback();
  });
  return server;
}

const KEEP_ALIVE_MS = 75_000;

function sendError(req: Request, res: Response, error: unknown, log: Logger): void {
  if (res.headersSent) {
    log.error({ err: error }, 'error after the response had started');
    return;
  }
  // Refused before the body was read to its end (401, 413, 415 ...): the connection must not carry another
  // request, or the client would reuse a socket that is still draining this body and see it reset.
  if (!req.complete) res.header('connection', 'close');
  const known = error instanceof HttpError ? error : storeFailure(error);
  if (known) {
    if (known.status >= 500) log.error({ err: error }, known.message);
    res.send(known.status, errorBody(known));
    return;
  }
  log.error({ err: error }, 'unexpected error');
  res.send(500, { error: { code: 'internal', message: 'Something went wrong on our side; it has been logged.' } });
}

function headerValue(req: Request, name: string): string | undefined {
  const value = req.headers[name];
  return typeof value === 'string' && /^[\w.-]{1,100}$/.test(value) ? value : undefined;
}

/** Starts listening; resolves once the port is bound, rejects with the bind error (e.g. EADDRINUSE). */
export function listen(server: Server, port: number, host: string): Promise<void> {
  return new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => resolve());
  });
}
