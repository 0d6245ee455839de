import type { ApiDeps } from '../api-deps.js';
import type { Route } from '../../http/route.js';

/** Liveness: the process answers. */
export function healthRoute(): Route {
  return {
    method: 'get',
    path: '/healthz',
    protected: false,
    async handle(_req, res) {
      res.send(200, { status: 'ok' });
    },
  };
}

/** Readiness: the store answers, so a load balancer may send traffic. */
export function readinessRoute(deps: Pick<ApiDeps, 'isReady'>): Route {
  return {
    method: 'get',
    path: '/readyz',
    protected: false,
    async handle(_req, res) {
      const ready = await deps.isReady().catch(() => false);
      res.send(ready ? 200 : 503, { status: ready ? 'ready' : 'not ready' });
    },
  };
}
