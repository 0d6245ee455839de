import type { Db } from './db.js';

/** How many answers the store keeps (the most recently written): a force's month ends and trends, many times over. */
export const KEPT_ANSWERS_ROWS = 20_000;
/** Every this many answers written, those beyond the newest KEPT_ANSWERS_ROWS are deleted. */
const PRUNE_EVERY = 256;

/**
 * Answers for past instants kept in the store (migration 260), so a restart or another replica on the same
 * database reads a month end's figures instead of evaluating them again. Each is kept under the records' version it
 * was evaluated at; whether it still holds is the caller's question (src/service/versioned-answers.ts). When two
 * replicas keep the same answer, the one evaluated at the later version stays.
 */
export class SqlKeptAnswers {
  private written = 0;

  constructor(
    private readonly db: Db,
    private readonly maxRows = KEPT_ANSWERS_ROWS,
  ) {}

  async read(key: string): Promise<{ version: string; answer: unknown } | null> {
    const [row] = await this.db.query<{ version: string; answer: string }>(
      'select version::text as version, answer from kept_answers where key = $1',
      [key],
    );
    return row ? { version: row.version, answer: JSON.parse(row.answer) as unknown } : null;
  }

  async keep(key: string, version: string, at: Date, answer: unknown): Promise<void> {
    await this.db.query(
      `insert into kept_answers as k (key, version, at, answer, used_at) values ($1, $2::bigint, $3, $4, now())
       on conflict (key) do update set version = excluded.version, answer = excluded.answer, used_at = excluded.used_at
       where k.version <= excluded.version`,
      [key, version, at.toISOString(), JSON.stringify(answer)],
    );
    this.written += 1;
    if (this.written % PRUNE_EVERY === 0) await this.prune();
  }

  /** Deletes all but the newest `maxRows` answers. */
  async prune(): Promise<void> {
    await this.db.query(
      `delete from kept_answers where used_at < (select used_at from kept_answers order by used_at desc offset $1 limit 1)`,
      [this.maxRows - 1],
    );
  }
}
