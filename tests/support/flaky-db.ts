import type { Db } from '../../src/store/db.js';

/** How statements fail: before running (the database never saw it) or after (it ran, but the answer was lost). */
export type FailureMode = 'before' | 'after';

export class InjectedDbFault extends Error {
  constructor(readonly statement: number) {
    super(`injected database fault at statement ${statement}: connection terminated unexpectedly`);
    this.name = 'InjectedDbFault';
  }
}

/**
 * A Db that passes every statement to the real one, counting them (inside transactions too), and makes
 * the statements numbered `from` .. `from + count - 1` fail: the store going away for a moment in the
 * middle of a run, at exactly the point a test chooses.
 */
export class FlakyDb implements Db {
  readonly dialect: Db['dialect'];
  /** Statements issued so far (failed ones included). */
  statements = 0;
  /** Statements that were made to fail. */
  injected = 0;
  private plan: { from: number; count: number; mode: FailureMode } | null = null;
  private matching: { pattern: RegExp; left: number; mode: FailureMode } | null = null;

  constructor(private readonly inner: Db) {
    this.dialect = inner.dialect;
  }

  /** Statements from the `from`-th (0-based, counted from now on) fail, `count` of them. */
  failFrom(from: number, count: number, mode: FailureMode): void {
    this.plan = { from: this.statements + from, count, mode };
  }

  /** The next `count` statements whose SQL matches `pattern` fail. */
  failMatching(pattern: RegExp, count: number, mode: FailureMode): void {
    this.matching = { pattern, left: count, mode };
  }

  heal(): void {
    this.plan = null;
    this.matching = null;
  }

  query<Row = Record<string, unknown>>(sql: string, params?: readonly unknown[]): Promise<Row[]> {
    return this.run(this.inner, sql, (db) => db.query<Row>(sql, params));
  }

  exec(sql: string): Promise<void> {
    return this.run(this.inner, sql, (db) => db.exec(sql));
  }

  /** Counted as the statement `copy <target> from stdin` (what a pattern is matched against). */
  copyIn(target: string, text: string): Promise<void> {
    return this.run(this.inner, `copy ${target} from stdin`, (db) => db.copyIn(target, text));
  }

  /** Not a statement: asks the disk, not the store. */
  ensureRoom(bytes: number): Promise<void> {
    return this.inner.ensureRoom(bytes);
  }

  transaction<T>(fn: (tx: Db) => Promise<T>): Promise<T> {
    return this.inner.transaction((tx) => fn(this.within(tx)));
  }

  close(): Promise<void> {
    return this.inner.close();
  }

  private within(tx: Db): Db {
    const db: Db = {
      dialect: tx.dialect,
      query: (sql, params) => this.run(tx, sql, (inner) => inner.query(sql, params)),
      exec: (sql) => this.run(tx, sql, (inner) => inner.exec(sql)),
      copyIn: (target, text) => this.run(tx, `copy ${target} from stdin`, (inner) => inner.copyIn(target, text)),
      ensureRoom: (bytes) => tx.ensureRoom(bytes),
      transaction: (fn) => fn(db),
      close: () => tx.close(),
    };
    return db;
  }

  private async run<T>(db: Db, sql: string, statement: (db: Db) => Promise<T>): Promise<T> {
    const number = this.statements++;
    let mode: FailureMode | null =
      this.plan !== null && number >= this.plan.from && number < this.plan.from + this.plan.count ? this.plan.mode : null;
    if (!mode && this.matching && this.matching.left > 0 && this.matching.pattern.test(sql)) {
      this.matching.left--;
      mode = this.matching.mode;
    }
    const fails = mode !== null;
    if (mode === 'before') {
      this.injected++;
      throw new InjectedDbFault(number);
    }
    const result = await statement(db);
    if (fails) {
      this.injected++;
      throw new InjectedDbFault(number);
    }
    return result;
  }
}
