import { HttpError } from '../api/http-error.js';
import { parseInstant } from '../api/instant-params.js';
import type { Route } from '../api/route.js';
import type { AllocationStore } from '../store/allocation-store.js';

const PAGE_SIZE = 1000;

/**
 * `GET /v1/allocations/changes?since=ISO`: reassignments made in Teams after `since`, oldest first, for
 * the records system to apply. A full page means more may follow: ask again with `since` = `next`.
 */
export function allocationChangesRoute(allocations: Pick<AllocationStore, 'changesSince'>): Route {
  return {
    method: 'get',
    path: '/v1/allocations/changes',
    protected: true,
    async handle(req, res) {
      const since = (req.query as Record<string, unknown> | undefined)?.since;
      if (typeof since !== 'string') {
        throw new HttpError(400, 'bad_request', 'Give ?since= as an ISO 8601 instant, e.g. ?since=2026-11-20T00:00:00Z (the `next` of your last call).');
      }
      const changes = await allocations.changesSince(parseInstant(since, 'since'), PAGE_SIZE);
      const last = changes.at(-1);
      res.send(200, { changes, next: last ? last.at : since, complete: changes.length < PAGE_SIZE });
    },
  };
}
