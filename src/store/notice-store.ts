import type { Db } from './db.js';

export type NoticeKind = 'allocation_conflict' | 'dip_sample_drawn' | 'dip_audit_reminder' | 'dip_audit_overdue';

/** A notice to leave: `dedupeKey` names its subject, and a second one with the same key is never stored. */
export interface NewNotice {
  personId: string;
  kind: NoticeKind;
  details: object;
  dedupeKey: string;
}

/** A short message waiting for a person (migration 010): ids and codes only, worded when it is sent. */
export interface Notice {
  id: number;
  personId: string;
  kind: NoticeKind;
  details: unknown;
  /** Tries so far, this one included. */
  attempts: number;
}

export interface NoticeClaimOptions {
  limit?: number;
  /** How long a runner holds a claimed notice before another may take it (a runner that died). */
  leaseMs?: number;
}

/** After this many tries a notice is given up (status failed, the last error kept). */
export const MAX_NOTICE_ATTEMPTS = 5;
const DEFAULT_LEASE_MS = 5 * 60_000;

interface NoticeRow {
  id: string | number;
  person_id: string;
  kind: NoticeKind;
  details: unknown;
  attempts: number;
}

/**
 * The notices table, shared by every replica: a notice is claimed with a lease before it is sent, so two
 * scheduler ticks never send it twice, and one whose runner died is taken again once the lease ends.
 */
export class NoticeStore {
  constructor(private readonly db: Db) {}

  /** Leaves the notices whose subject has none yet (another replica may have left it first); the keys left by this call. */
  async queue(notices: readonly NewNotice[], at: Date): Promise<string[]> {
    if (notices.length === 0) return [];
    const rows = await this.db.query<{ dedupe_key: string }>(
      `insert into notices (person_id, kind, details, dedupe_key, created_at)
       select person_id, kind, details::jsonb, dedupe_key, $5 from unnest($1::text[], $2::text[], $3::text[], $4::text[])
         as n(person_id, kind, details, dedupe_key)
       on conflict (dedupe_key) do nothing
       returning dedupe_key`,
      [
        notices.map((n) => n.personId),
        notices.map((n) => n.kind),
        notices.map((n) => JSON.stringify(n.details)),
        notices.map((n) => n.dedupeKey),
        at.toISOString(),
      ],
    );
    return rows.map((row) => row.dedupe_key).sort();
  }

  async claim(now: Date, options: NoticeClaimOptions = {}): Promise<Notice[]> {
    const leaseUntil = new Date(now.getTime() + (options.leaseMs ?? DEFAULT_LEASE_MS));
    const rows = await this.db.query<NoticeRow>(
      `update notices n set attempts = n.attempts + 1, lease_until = $2
       where n.id in (
         select id from notices where status = 'pending' and (lease_until is null or lease_until <= $1)
         order by id limit $3 for update skip locked
       )
       returning n.id, n.person_id, n.kind, n.details, n.attempts`,
      [now.toISOString(), leaseUntil.toISOString(), options.limit ?? 20],
    );
    return rows
      .map((row) => ({
        id: Number(row.id),
        personId: row.person_id,
        kind: row.kind,
        details: typeof row.details === 'string' ? JSON.parse(row.details) : row.details,
        attempts: row.attempts,
      }))
      .sort((a, b) => a.id - b.id);
  }

  async finish(id: number, status: 'sent' | 'no_chat', at: Date): Promise<void> {
    await this.db.query(
      `update notices set status = $2, sent_at = case when $2 = 'sent' then $3::timestamptz end, lease_until = null where id = $1`,
      [id, status, at.toISOString()],
    );
  }

  /** A send that failed: tried again once `retryAt` has passed, or given up after MAX_NOTICE_ATTEMPTS. */
  async failed(notice: Notice, error: string, retryAt: Date): Promise<'retry' | 'given_up'> {
    const givenUp = notice.attempts >= MAX_NOTICE_ATTEMPTS;
    await this.db.query(`update notices set status = $2, lease_until = $3, last_error = $4 where id = $1`, [
      notice.id,
      givenUp ? 'failed' : 'pending',
      givenUp ? null : retryAt.toISOString(),
      error.slice(0, 500),
    ]);
    return givenUp ? 'given_up' : 'retry';
  }
}
