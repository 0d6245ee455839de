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
}

export type Horizon = { version: string; actionsVersion: string; linksVersion: string; lastEventMs: number | null };

/** The versions an answer depends on: those of the tables its method reads, and no others. */
export type VersionName = 'version' | 'actionsVersion' | 'linksVersion';

const VERSION_NAMES: readonly VersionName[] = ['version', 'actionsVersion', 'linksVersion'];

/**
 * Answers kept until a version they depend on moves (issue 15). An answer is kept under its key (the method,
 * its arguments and whatever else changes it), the versions it reads, read on every call (one primary-key read:
 * a write committed by any replica on the same database is seen by the next answer), and the instant, reduced
 * only where that provably changes nothing: at or after the latest instant any record carries, every comparison
 * the evaluation makes with t comes out the same, so there the key keeps t's local date only (how "now" is
 * asked); before it, the exact instant (a past month end is one fixed instant, so it repeats).
 *
 * Versions only grow, so the first call that reads a newer one drops every answer that depends on it (one kept
 * under an old version would never be asked for again); answers that do not read it stay (an acknowledgement
 * keeps every figure). An answer is kept only when the versions it reads, read again after the evaluation, are
 * the ones read before it: then no write to its tables committed in between. Answers are copied in and out, so a
 * caller that sorts or edits what it got cannot change what the next caller gets; a kept answer's `asOf` fields
 * carry the instant asked.
 */
export class VersionedAnswers {
  private readonly entries = new Map<string, { answer: unknown; reads: readonly VersionName[] }>();
  /** The newest of each version seen: answers kept under older ones can never be asked for again. */
  private readonly newest: Record<VersionName, bigint> = { version: 0n, actionsVersion: 0n, linksVersion: 0n };

  constructor(
    private readonly versions: DataVersionSource,
    private readonly timeZone: string,
    private readonly maxEntries: number,
  ) {}

  get size(): number {
    return this.entries.size;
  }

  async answer<T>(reads: readonly VersionName[], key: readonly unknown[], at: Date | null, evaluate: () => Promise<T>): Promise<T> {
    const horizon = await this.versions.current();
    this.dropOutdated(horizon);
    const kept = JSON.stringify([key, reads.map((name) => horizon[name]), at === null ? null : this.instantKey(at, horizon)]);
    const entry = this.entries.get(kept);
    if (entry !== undefined) {
      // Most recently used last: the first key is the one to drop.
      this.entries.delete(kept);
      this.entries.set(kept, entry);
      return stamped(entry.answer as T, at);
    }
    const answer = await evaluate();
    const after = await this.versions.current();
    if (reads.every((name) => after[name] === horizon[name])) {
      this.entries.set(kept, { answer: structuredClone(answer), reads });
      if (this.entries.size > this.maxEntries) this.entries.delete(this.entries.keys().next().value as string);
    }
    return answer;
  }

  private dropOutdated(horizon: Horizon): void {
    const moved = VERSION_NAMES.filter((name) => BigInt(horizon[name]) > this.newest[name]);
    if (moved.length === 0) return;
    for (const name of moved) this.newest[name] = BigInt(horizon[name]);
    for (const [key, entry] of this.entries) if (entry.reads.some((name) => moved.includes(name))) this.entries.delete(key);
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
