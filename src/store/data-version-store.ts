import type { Db } from './db.js';

/**
 * The store's data versions (migrations 210 and 250): each moves at the commit of any transaction that wrote
 * one of its tables: `version` the records, `actionsVersion` the acknowledgements (and the items they refer to),
 * `linksVersion` the Teams users linked by address. Read by the figures cache (src/service/cached-compliance-queries.ts).
 */
export class SqlDataVersion {
  constructor(private readonly db: Db) {}

  /**
   * The version now and, from the same row, an instant at or after every finite instant any record carries,
   * in epoch milliseconds rounded up (instants are stored to the microsecond); null when there are none.
   * Every instant the evaluation compares t with is one of these: at or after it, the answer no longer
   * depends on t beyond its local date. One primary-key read.
   */
  async current(): Promise<{ version: string; actionsVersion: string; linksVersion: string; lastEventMs: number | null }> {
    const [row] = await this.db.query<{ version: string; actions: string; links: string; last_event_ms: string | null }>(
      `select version::text as version, actions_version::text as actions, links_version::text as links,
         ceil(extract(epoch from last_event_at) * 1000)::bigint::text as last_event_ms
       from data_version`,
    );
    if (!row) throw new Error('data_version has no row: the store was not migrated (migration 210)');
    return {
      version: row.version,
      actionsVersion: row.actions,
      linksVersion: row.links,
      lastEventMs: row.last_event_ms === null ? null : Number(row.last_event_ms),
    };
  }

  /**
   * How far back the records' changes after version `from`, up to `to`, reach (migration 260): the earliest instant
   * any of them can alter an answer for, in epoch milliseconds rounded down; Infinity when there were none, and
   * -Infinity when one reaches all of time or a version in between left no row (the store was migrated since).
   */
  async reachSince(from: string, to: string): Promise<number> {
    const expected = BigInt(to) - BigInt(from);
    if (expected <= 0n) return Number.POSITIVE_INFINITY;
    const [row] = await this.db.query<{ changes: string; earliest: string }>(
      `select count(*)::text as changes,
         case when min(earliest_at) is null or min(earliest_at) = 'infinity' then 'infinity'
           when min(earliest_at) = '-infinity' then '-infinity'
           else floor(extract(epoch from min(earliest_at)) * 1000)::bigint::text end as earliest
       from record_changes where version > $1::bigint and version <= $2::bigint`,
      [from, to],
    );
    if (!row || BigInt(row.changes) !== expected || row.earliest === '-infinity') return Number.NEGATIVE_INFINITY;
    return row.earliest === 'infinity' ? Number.POSITIVE_INFINITY : Number(row.earliest);
  }
}
