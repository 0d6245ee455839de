import type { ApiDeps } from '../api-deps.js';
import type { Route } from '../../http/route.js';

/**
 * Liveness: the process answers, and its store is not wedged. 503 once the store is unusable (PGlite
 * after a failed write-ahead-log write: only a new process can open it) or operations have waited longer
 * than VCOP_STORE_STUCK_SECONDS with none finishing, so the platform restarts the process.
 */
export function healthRoute(deps: Pick<ApiDeps, 'storeHealth'>): Route {
  return {
    method: 'get',
    path: '/healthz',
    protected: false,
    async handle(_req, res) {
      const health = deps.storeHealth();
      if (health.state === 'ok') {
        res.send(200, { status: 'ok' });
        return;
      }
      const store =
        health.state === 'stuck' ? `stuck: operations waiting ${Math.round(health.waitingMs / 1000)} s with none finishing` : health.reason;
      res.send(503, { status: 'unhealthy', store });
    },
  };
}

/** How long readiness waits for the store's answer. */
export const READY_TIMEOUT_MS = 2000;

/** Readiness: the store answers within READY_TIMEOUT_MS, so a load balancer may send traffic. */
export function readinessRoute(deps: Pick<ApiDeps, 'isReady'>): Route {
  return {
    method: 'get',
    path: '/readyz',
    protected: false,
    async handle(_req, res) {
      let timer: NodeJS.Timeout | undefined;
      const late = new Promise<boolean>((resolve) => (timer = setTimeout(() => resolve(false), READY_TIMEOUT_MS)));
      const ready = await Promise.race([deps.isReady().catch(() => false), late]);
      clearTimeout(timer);
      res.send(ready ? 200 : 503, { status: ready ? 'ready' : 'not ready' });
    },
  };
}
