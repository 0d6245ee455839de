import type { Db } from './db.js';

/**
 * The store's data version (migration 210): it moves at the commit of any transaction that wrote a table the
 * compliance figures are read from. Read by the figures cache (src/service/cached-compliance-queries.ts).
 */
export class SqlDataVersion {
  constructor(private readonly db: Db) {}

  /** The version now: one primary-key read. */
  async current(): Promise<string> {
    const [row] = await this.db.query<{ version: string }>('select version::text as version from data_version');
    if (!row) throw new Error('data_version has no row: the store was not migrated (migration 210)');
    return row.version;
  }

  /**
   * The version and, from the same statement (one snapshot), the latest finite instant any record carries,
   * in epoch milliseconds rounded up (instants are stored to the microsecond); null when there are none.
   * Every instant the evaluation compares t with is one of these: at or after it, the answer no longer
   * depends on t beyond its local date.
   */
  async currentWithHorizon(): Promise<{ version: string; lastEventMs: number | null }> {
    const latest = (column: string, table: string) => `(select max(${column}) from ${table} where isfinite(${column}))`;
    const [row] = await this.db.query<{ version: string; last_event_ms: string | null }>(
      `select d.version::text as version, ceil(extract(epoch from greatest(
         ${latest('recorded_at', 'cases')}, ${latest('closed_at', 'cases')},
         ${latest('valid_from', 'case_allocations')}, ${latest('valid_to', 'case_allocations')},
         ${latest('at', 'contacts')}, ${latest('at', 'decisions')},
         ${latest('completed_at', 'needs_assessments')}, ${latest('referred_at', 'needs_assessments')},
         ${latest('at', 'acknowledgements')})) * 1000)::bigint::text as last_event_ms
       from data_version d`,
    );
    if (!row) throw new Error('data_version has no row: the store was not migrated (migration 210)');
    return { version: row.version, lastEventMs: row.last_event_ms === null ? null : Number(row.last_event_ms) };
  }
}
