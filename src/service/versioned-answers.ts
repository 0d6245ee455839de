import { createHash } from 'node:crypto';
import { localDateOf } from '../domain/calendar.js';

/**
 * The store's data versions (src/store/data-version-store.ts, migrations 210 and 250), each moving at the commit
 * of any write to its tables: `version` the records (every figure, digest and people list reads them),
 * `actionsVersion` the acknowledgements and the items they refer to (promise counts only), `linksVersion` the
 * Teams users linked by address (the people directory only). With them, from the same row, an instant at or
 * after every one the records and acknowledgements carry (epoch ms).
 */
export interface DataVersionSource {
  current(): Promise<Horizon>;
  /**
   * The earliest instant (epoch ms) the records' changes after version `from`, up to `to`, can alter an answer for:
   * Infinity when none can, -Infinity when one reaches all of time (migration 260).
   */
  reachSince(from: string, to: string): Promise<number>;
}

export type Horizon = { version: string; actionsVersion: string; linksVersion: string; lastEventMs: number | null };

/** The versions an answer depends on: those of the tables its method reads, and no others. */
export type VersionName = 'version' | 'actionsVersion' | 'linksVersion';

/** Answers for past instants kept in the store, under the records' version each was evaluated at. */
export interface KeptAnswerStore {
  read(key: string): Promise<{ version: string; answer: unknown } | null>;
  keep(key: string, version: string, at: Date, answer: unknown): Promise<void>;
}

const VERSION_NAMES: readonly VersionName[] = ['version', 'actionsVersion', 'linksVersion'];

interface Entry {
  answer: unknown;
  reads: readonly VersionName[];
  /** The records' version the answer is known exact at, where it is kept across their changes (an exact instant). */
  recordsVersion: string | null;
}

/** How an answer may be kept: `stored` answers of an exact instant are kept in the store too (plain JSON only). */
export interface KeepOptions {
  stored?: boolean;
}

/**
 * Answers kept until a change they depend on (issue 15). An answer is kept under its key (the method, its arguments
 * and whatever else changes it), the versions it reads, read on every call (one primary-key read: a write committed
 * by any replica on the same database is seen by the next answer), and the instant, reduced only where that
 * provably changes nothing: at or after the latest instant any record carries, every comparison the evaluation
 * makes with t comes out the same, so there the key keeps t's local date only (how "now" is asked); before it, the
 * exact instant (a past month end is one fixed instant, so it repeats).
 *
 * An answer for an exact instant t is kept across the records' changes that cannot reach it: each version of the
 * records says how far back its changes reach (migration 260), and the answer evaluated at version v still holds
 * at version V when every change in (v, V] reaches only instants after t. So a nightly import of new contacts keeps
 * last month's figures, and a late needs assessment recorded in October evaluates October's again. Those answers
 * marked `stored` are kept in the store as well, so a restart or another replica reads them.
 *
 * Versions only grow, so the first call that reads a newer one drops every answer that depends on it and is not
 * kept across changes (one kept under an old version would never be asked for again); answers that do not read it
 * stay (an acknowledgement keeps every figure). An answer is kept only when the versions it reads, read again after
 * the evaluation, are the ones read before it: then no write to its tables committed in between. Answers are copied
 * in and out, so a caller that sorts or edits what it got cannot change what the next caller gets; a kept answer's
 * `asOf` fields carry the instant asked.
 */
export class VersionedAnswers {
  private readonly entries = new Map<string, Entry>();
  /** The newest of each version seen: answers kept under older ones can never be asked for again. */
  private readonly newest: Record<VersionName, bigint> = { version: 0n, actionsVersion: 0n, linksVersion: 0n };
  /** How far back the changes since a version reach, up to the newest records' version seen. */
  private readonly reaches = new Map<string, number>();

  constructor(
    private readonly versions: DataVersionSource,
    private readonly timeZone: string,
    private readonly maxEntries: number,
    private readonly store: KeptAnswerStore | null = null,
  ) {}

  get size(): number {
    return this.entries.size;
  }

  async answer<T>(
    reads: readonly VersionName[],
    key: readonly unknown[],
    at: Date | null,
    evaluate: () => Promise<T>,
    options: KeepOptions = {},
  ): Promise<T> {
    const horizon = await this.versions.current();
    this.dropOutdated(horizon);
    const instant = at === null ? null : this.instantKey(at, horizon);
    // Kept across the records' changes: an answer for one exact instant that reads the records.
    const across = at !== null && instant?.startsWith('at:') === true && reads.includes('version');
    const keyed = reads.filter((name) => !(across && name === 'version')).map((name) => horizon[name]);
    const kept = JSON.stringify([key, keyed, instant]);
    const entry = this.entries.get(kept);
    if (entry !== undefined && (await this.holds(entry.recordsVersion, horizon, at))) {
      // Most recently used last: the first key is the one to drop.
      this.entries.delete(kept);
      this.entries.set(kept, { ...entry, recordsVersion: across ? horizon.version : null });
      return stamped(entry.answer as T, at);
    }
    const stored = across && options.stored === true ? this.store : null;
    const storeKey = stored === null ? '' : createHash('sha256').update(kept).digest('base64url');
    const found = stored === null ? null : await stored.read(storeKey);
    if (found !== null && (await this.holds(found.version, horizon, at))) {
      this.remember(kept, { answer: found.answer, reads, recordsVersion: horizon.version });
      return stamped(found.answer as T, at);
    }
    const answer = await evaluate();
    const after = await this.versions.current();
    if (reads.every((name) => after[name] === horizon[name])) {
      this.remember(kept, { answer: structuredClone(answer), reads, recordsVersion: across ? horizon.version : null });
      if (stored !== null && at !== null) await stored.keep(storeKey, horizon.version, at, answer);
    }
    return answer;
  }

  /** Whether an answer evaluated at the records' version `version` (null: keyed by it) still holds at `horizon`. */
  private async holds(version: string | null, horizon: Horizon, at: Date | null): Promise<boolean> {
    if (version === null || version === horizon.version) return true;
    if (at === null || BigInt(version) > BigInt(horizon.version)) return false;
    let reach = this.reaches.get(version);
    if (reach === undefined) {
      reach = await this.versions.reachSince(version, horizon.version);
      // Kept for the newest version only: dropOutdated empties the map when it moves.
      if (BigInt(horizon.version) === this.newest.version) this.reaches.set(version, reach);
    }
    return at.getTime() < reach;
  }

  private remember(kept: string, entry: Entry): void {
    this.entries.delete(kept);
    this.entries.set(kept, entry);
    if (this.entries.size > this.maxEntries) this.entries.delete(this.entries.keys().next().value as string);
  }

  private dropOutdated(horizon: Horizon): void {
    const moved = VERSION_NAMES.filter((name) => BigInt(horizon[name]) > this.newest[name]);
    if (moved.length === 0) return;
    for (const name of moved) this.newest[name] = BigInt(horizon[name]);
    if (moved.includes('version')) this.reaches.clear();
    for (const [key, entry] of this.entries) {
      // An answer kept across the records' changes is checked when next asked for; its other versions are in its key.
      const dropped = entry.reads.filter((name) => !(name === 'version' && entry.recordsVersion !== null));
      if (dropped.some((name) => moved.includes(name))) this.entries.delete(key);
    }
  }

  private instantKey(at: Date, horizon: Horizon): string {
    const afterEveryRecord = horizon.lastEventMs === null || at.getTime() >= horizon.lastEventMs;
    return afterEveryRecord ? `after:${localDateOf(at, this.timeZone)}` : `at:${at.toISOString()}`;
  }
}

/** A copy of a kept answer whose `asOf` fields (figures, breakdowns, digests) carry the instant asked. */
function stamped<T>(kept: T, at: Date | null): T {
  const copy = structuredClone(kept);
  if (at !== null) stamp(copy, at.toISOString());
  return copy;
}

function stamp(value: unknown, asOf: string): void {
  if (Array.isArray(value)) {
    for (const item of value) stamp(item, asOf);
  } else if (typeof value === 'object' && value !== null) {
    const record = value as Record<string, unknown>;
    if (typeof record.asOf === 'string') record.asOf = asOf;
    for (const inner of Object.values(record)) stamp(inner, asOf);
  }
}
