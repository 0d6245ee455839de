import type { DigestRunResult } from '../../service/send-daily-digests.js';
import type { Route } from '../../http/route.js';

/**
 * `POST /v1/digests/run`: sends today's digests that are due and not yet sent, now, and answers the
 * counts. Safe to call at any time and from any replica: the ledger keeps every digest to one send.
 */
export function digestsRunRoute(runNow: () => Promise<DigestRunResult>): Route {
  return {
    method: 'post',
    path: '/v1/digests/run',
    protected: true,
    async handle(_req, res) {
      res.send(200, await runNow());
    },
  };
}
