import type { Db } from './db.js';

/**
 * The feed of reassignments made in Teams, as the records system reads it: paged by a position given in
 * commit order (migration 130), never by the application clock.
 *
 * Why a counter row and not a sequence or `at`: `at` comes from the clock of whichever replica made the
 * change, before its transaction commits, and a sequence number is taken before commit too: a change
 * with a lower number (or an earlier `at`) can become visible after one with a higher number, and a
 * reader that has already moved past it never sees it. `takeFeedPosition` increments one counter row in
 * the recording transaction; the row lock it takes is held until that transaction ends, so the next
 * writer gets its number only after the previous one has committed (PostgreSQL releases row locks after
 * the commit is visible). Positions are therefore visible in the order they were given, with no hole
 * that fills later: a rolled-back writer hands its number back with the rollback. PGlite runs one
 * transaction at a time, so the same holds there with no waiting at all. The cost is that writers of the
 * feed take turns for the few statements between the increment and commit (a reassignment is a human
 * action, a few a minute at most).
 */
export async function takeFeedPosition(tx: Db): Promise<number> {
  const [row] = await tx.query<{ value: string | number }>('update allocation_feed_counter set value = value + 1 returning value');
  if (!row) throw new Error('allocation_feed_counter has no row: the store was not migrated (migration 130)');
  return Number(row.value);
}

/** Where a reader is in the feed: after a position it was given, or (a first call) after an instant. */
export type FeedCursor = { kind: 'position'; after: number } | { kind: 'instant'; after: Date };

export interface FeedPage<Row> {
  rows: Row[];
  /** The position to ask after next time: the last row's when the page is full, else the horizon read. */
  next: number;
  /** Fewer rows than asked for: nothing more was visible when the page was read. */
  complete: boolean;
}

/**
 * One page of `allocation_changes` after the cursor, in position order. The horizon (the highest
 * position visible) is read first and the page is limited to it: everything at or below it is already
 * committed, and anything committed meanwhile has a higher position, so it is on the next page.
 */
export async function readFeedPage<Row extends { position: number | string }>(
  db: Db,
  columns: string,
  cursor: FeedCursor,
  limit: number,
): Promise<FeedPage<Row>> {
  const [horizonRow] = await db.query<{ horizon: string | number }>('select coalesce(max(position), 0) as horizon from allocation_changes');
  const horizon = Number(horizonRow?.horizon ?? 0);
  const after = cursor.kind === 'position' ? cursor.after : 0;
  const pageSize = Math.max(1, limit);
  const rows = await db.query<Row>(
    `select ${columns} from allocation_changes
     where position > $1 and position <= $2 ${cursor.kind === 'instant' ? 'and at > $4' : ''}
     order by position limit $3`,
    cursor.kind === 'instant' ? [after, horizon, pageSize, cursor.after] : [after, horizon, pageSize],
  );
  const complete = rows.length < pageSize;
  const last = rows.at(-1);
  // A cursor beyond the horizon (the store was restored from a backup) comes back to it: changes made
  // after the restore reuse those positions, and the reader gets them rather than skipping them.
  const next = complete ? horizon : Number(last?.position);
  return { rows, next, complete };
}
