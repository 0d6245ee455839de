import type { Db } from '../../src/store/db.js';

/**
 * A Db over a real one that behaves as PGlite 0.5.16 was seen to behave on a full disk (measured on a
 * 120 MB tmpfs, see tests/reliability/full-disk.test.ts for the real thing):
 * - `fill()`: every statement that writes fails with PostgreSQL's `53100 disk_full` ("could not extend
 *   file ...: No space left on device"); reads still answer, and the store recovers once space is freed;
 * - `breakLog()`: the next write fails with the error for the write-ahead log, and from then on every
 *   statement fails, reads included ("cannot drop active portal"): the instance is unusable for good.
 */
export class FullDiskDb implements Db {
  readonly dialect: Db['dialect'];
  private state: 'ok' | 'full' | 'log-fails' | 'broken' = 'ok';
  /** Statements the real store was given. */
  passedOn = 0;

  constructor(private readonly inner: Db) {
    this.dialect = inner.dialect;
  }

  fill(): void {
    this.state = 'full';
  }

  breakLog(): void {
    this.state = 'log-fails';
  }

  free(): void {
    if (this.state !== 'broken') this.state = 'ok';
  }

  query<Row = Record<string, unknown>>(sql: string, params?: readonly unknown[]): Promise<Row[]> {
    return this.run(sql, () => this.inner.query<Row>(sql, params));
  }

  exec(sql: string): Promise<void> {
    return this.run(sql, () => this.inner.exec(sql));
  }

  /** A write, as `copy <target> from stdin`. */
  copyIn(target: string, text: string): Promise<void> {
    return this.run(`copy ${target} from stdin`, () => this.inner.copyIn(target, text));
  }

  /** The real store's answer: this double fills no real disk (disk-room.ts is tested on its own). */
  ensureRoom(bytes: number): Promise<void> {
    return this.inner.ensureRoom(bytes);
  }

  transaction<T>(fn: (tx: Db) => Promise<T>): Promise<T> {
    if (this.state === 'broken') return Promise.reject(pgliteError('24000', 'cannot drop active portal ""'));
    return this.inner.transaction((tx) => fn(this.within(tx)));
  }

  close(): Promise<void> {
    return this.inner.close();
  }

  private within(tx: Db): Db {
    const db: Db = {
      dialect: tx.dialect,
      query: (sql, params) => this.run(sql, () => tx.query(sql, params)),
      exec: (sql) => this.run(sql, () => tx.exec(sql)),
      copyIn: (target, text) => this.run(`copy ${target} from stdin`, () => tx.copyIn(target, text)),
      ensureRoom: (bytes) => tx.ensureRoom(bytes),
      transaction: (fn) => fn(db),
      close: () => tx.close(),
    };
    return db;
  }

  private async run<T>(sql: string, statement: () => Promise<T>): Promise<T> {
    if (this.state === 'broken') throw pgliteError('24000', 'cannot drop active portal ""');
    if (WRITES.test(sql)) {
      if (this.state === 'full') throw pgliteError('53100', 'could not extend file "base/5/16466": No space left on device');
      if (this.state === 'log-fails') {
        this.state = 'broken';
        throw pgliteError('53100', 'could not write to file "pg_wal/xlogtemp.42": No space left on device');
      }
    }
    this.passedOn++;
    return statement();
  }
}

const WRITES = /^\s*(insert|update|delete|create|copy|with\b[\s\S]*\binsert\b)/i;

/** Shaped like PGlite's DatabaseError (pg-protocol): a message and a SQLSTATE code. */
function pgliteError(code: string, message: string): Error {
  return Object.assign(new Error(message), { name: 'DatabaseError', code, severity: 'ERROR' });
}
