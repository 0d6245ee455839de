import type { Request } from 'restify';
import type { Logger } from '../log/logger.js';

/** restify's own `req.log` is a bunyan logger; ours (pino, with the request id) is kept beside it. */
const requestLogs = new WeakMap<Request, Logger>();

/** Called once per request by the HTTP server (src/api/server.ts) before the route runs. */
export function rememberRequestLog(req: Request, log: Logger): void {
  requestLogs.set(req, log);
}

/** The request's logger (with its request id and route), for any route. */
export function requestLog(req: Request): Logger {
  const log = requestLogs.get(req);
  if (!log) throw new Error('requestLog() called outside a route registered by createHttpServer');
  return log;
}
