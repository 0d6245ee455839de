import { HttpError } from '../../http/http-error.js';
import { parseInstant } from '../instant-params.js';
import type { Route } from '../../http/route.js';
import type { FeedCursor } from '../../store/allocation-feed.js';
import type { AllocationStore } from '../../store/allocation-store.js';

const PAGE_SIZE = 1000;
const CURSOR = /^feed\.(\d{1,15})$/;

/** `next` as the caller sees it: opaque, only ever handed back as `since`. */
export function feedCursorText(position: number): string {
  return `feed.${position}`;
}

/** `since` is a `next` from an earlier call, or (a first call) an ISO 8601 instant. */
export function parseFeedCursor(since: string): FeedCursor {
  const position = CURSOR.exec(since);
  if (position) return { kind: 'position', after: Number(position[1]) };
  try {
    return { kind: 'instant', after: parseInstant(since, 'since') };
  } catch {
    throw new HttpError(
      400,
      'bad_since',
      `since '${since.length > 80 ? `${since.slice(0, 80)}…` : since}' is neither the \`next\` of an ` +
        `earlier call nor an ISO 8601 instant with an offset: start with e.g. ?since=2026-11-20T00:00:00Z, ` +
        `then pass back each answer's \`next\` unchanged.`,
    );
  }
}

/**
 * `GET /v1/allocations/changes?since=`: reassignments made in Teams after `since`, in the order they
 * were committed, for the records system to apply. The first call gives an instant; every later call
 * passes back the previous answer's `next` (opaque) and gets exactly the changes committed after the
 * previous page, whatever the replicas' clocks said. `complete` false means more are waiting: ask again.
 */
export function allocationChangesRoute(allocations: Pick<AllocationStore, 'changesAfter'>): Route {
  return {
    method: 'get',
    path: '/v1/allocations/changes',
    protected: true,
    async handle(req, res) {
      const since = (req.query as Record<string, unknown> | undefined)?.since;
      if (typeof since !== 'string') {
        throw new HttpError(
          400,
          'bad_request',
          'Give ?since= as an ISO 8601 instant, e.g. ?since=2026-11-20T00:00:00Z, or the `next` of your last call.',
        );
      }
      const page = await allocations.changesAfter(parseFeedCursor(since), PAGE_SIZE);
      res.send(200, { changes: page.changes, next: feedCursorText(page.next), complete: page.complete });
    },
  };
}
