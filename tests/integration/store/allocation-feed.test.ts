import type { Request, Response } from 'restify';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { allocationChangesRoute } from '../../../src/api/routes/allocation-changes.js';
import { fixedClock, type Clock } from '../../../src/domain/clock.js';
import { AllocationStore, type AllocationChange } from '../../../src/store/allocation-store.js';
import { openDb } from '../../../src/store/connect.js';
import type { Db } from '../../../src/store/db.js';
import { loadMigrations, migrate } from '../../../src/store/migrate.js';
import { createTestSchema, DRIVERS, type Driver } from '../../support/postgres-schema.js';
import { importText, smallForceNdjson } from '../../support/test-db.js';

/**
 * The records system reads GET /v1/allocations/changes, passing back each answer's `next` as `since`.
 * Whatever the clocks of the replicas and the order transactions commit in, it must get every
 * reassignment exactly once. Cases of tests/fixtures/small-force.ndjson: CR-1, CR-2 (North Team 1, PC
 * Patel P2), CR-3, CR-4 (North Team 2, PC Jones P3).
 */

const NOON = new Date('2026-11-20T12:00:00.000Z');
const FIRST_SINCE = '2026-11-20T00:00:00Z';

interface Replicas {
  /** Two application instances on one store: one PGlite, or two connection pools on one PostgreSQL. */
  first: Db;
  second: Db;
  dispose(): Promise<void>;
}

async function openReplicas(driver: Driver): Promise<Replicas> {
  if (driver === 'pglite') {
    const db = await openDb({ dataDir: 'memory://' });
    await migrate(db);
    return { first: db, second: db, dispose: () => db.close() };
  }
  const schema = await createTestSchema('feed');
  const first = await openDb({ databaseUrl: schema.url, dataDir: 'unused' });
  await migrate(first);
  const second = await openDb({ databaseUrl: schema.url, dataDir: 'unused' });
  return {
    first,
    second,
    dispose: async () => {
      await first.close();
      await second.close();
      await schema.drop();
    },
  };
}

/** What the records system does: call the route, keep `next`, call again. */
class FeedReader {
  private since = FIRST_SINCE;
  readonly received: AllocationChange[] = [];

  constructor(private readonly db: Db) {}

  async poll(): Promise<{ changes: AllocationChange[]; complete: boolean }> {
    let answer: { changes: AllocationChange[]; next: string; complete: boolean } | undefined;
    const res = {
      send: (_status: number, body: typeof answer) => {
        answer = body;
      },
    } as unknown as Response;
    await allocationChangesRoute(new AllocationStore(this.db)).handle({ query: { since: this.since } } as unknown as Request, res);
    if (!answer) throw new Error('the route sent nothing');
    this.since = answer.next;
    this.received.push(...answer.changes);
    return answer;
  }

  cases(): string[] {
    return this.received.map((change) => change.caseId);
  }
}

const TEAM_OF: Record<string, string> = { 'CR-1': 'N-T1', 'CR-2': 'N-T1', 'CR-3': 'N-T2' };

/** An application instance: its own connection to the store and its own clock. */
function instance(db: Db, clock: Clock) {
  const store = new AllocationStore(db);
  return {
    move: (caseId: string, from: string, to: string) =>
      store.reassign({
        caseId,
        expectedOicId: from,
        toOicId: to,
        toUnitId: TEAM_OF[caseId] as string,
        changedBy: 'P1',
        reason: 'cover',
        at: clock.now(),
        itemRef: 'ref',
      }),
  };
}

/** A store whose transactions do all their work, then wait for `release()` before committing. */
function committingLate(db: Db) {
  let release!: () => void;
  let reached!: () => void;
  const gate = new Promise<void>((resolve) => (release = resolve));
  const beforeCommit = new Promise<void>((resolve) => (reached = resolve));
  const late: Db = {
    ...db,
    transaction: (fn) =>
      db.transaction(async (tx) => {
        const result = await fn(tx);
        reached();
        await gate;
        return result;
      }),
  };
  return { db: late, beforeCommit, release };
}

const settle = (promise: Promise<unknown>, ms: number) =>
  Promise.race([
    promise.then(
      () => undefined,
      () => undefined,
    ),
    new Promise((resolve) => setTimeout(resolve, ms)),
  ]);

describe.each(DRIVERS)('the reassignment feed on %s', (driver) => {
  let replicas: Replicas;

  beforeEach(async () => {
    replicas = await openReplicas(driver);
    expect((await importText(replicas.first, await smallForceNdjson())).ok).toBe(true);
  });
  afterEach(() => replicas.dispose());

  it('delivers two changes made in the same millisecond, the reader having read between them', async () => {
    const app = instance(replicas.first, fixedClock(NOON));
    const reader = new FeedReader(replicas.first);
    await app.move('CR-1', 'P2', 'P1');
    await reader.poll();
    await app.move('CR-2', 'P2', 'P1');
    await reader.poll();
    expect(reader.cases()).toEqual(['CR-1', 'CR-2']);
    expect(reader.received.map((change) => change.at)).toEqual([NOON.toISOString(), NOON.toISOString()]);
  });

  it("delivers the change of a replica whose clock is 50 ms behind, made after the other replica's", async () => {
    const ahead = instance(replicas.first, fixedClock(new Date(NOON.getTime() + 50)));
    const behind = instance(replicas.second, fixedClock(NOON));
    const reader = new FeedReader(replicas.first);
    await ahead.move('CR-1', 'P2', 'P1');
    await reader.poll();
    await behind.move('CR-3', 'P3', 'P4');
    await reader.poll();
    expect(reader.cases()).toEqual(['CR-1', 'CR-3']);
  });

  it('delivers a change whose transaction took its place first and commits last, while the reader pages', async () => {
    const late = committingLate(replicas.first);
    const reader = new FeedReader(replicas.first);
    // The first transaction reads its clock first (11:59:59.990), does everything, and is slow to commit.
    const first = instance(late.db, fixedClock(new Date(NOON.getTime() - 10))).move('CR-1', 'P2', 'P1');
    await late.beforeCommit;
    const second = instance(replicas.second, fixedClock(NOON)).move('CR-3', 'P3', 'P4');
    await settle(second, 300);
    const pageMeanwhile = reader.poll();
    await settle(pageMeanwhile, 300);
    late.release();
    expect((await first).kind).toBe('reassigned');
    expect((await second).kind).toBe('reassigned');
    await pageMeanwhile;
    expect((await reader.poll()).complete).toBe(true);
    expect(reader.cases()).toEqual(['CR-1', 'CR-3']);
    // Once complete, asking again gives nothing new: no change is delivered twice.
    await reader.poll();
    expect(reader.received).toHaveLength(2);
  });

  it('pages a long feed without losing or repeating a change, and refuses a since it cannot read', async () => {
    const app = instance(replicas.first, fixedClock(NOON));
    for (const [caseId, from, to] of [
      ['CR-1', 'P2', 'P1'],
      ['CR-1', 'P1', 'P2'],
      ['CR-2', 'P2', 'P1'],
      ['CR-1', 'P2', 'P1'],
    ] as const) {
      await app.move(caseId, from, to);
    }
    const store = new AllocationStore(replicas.first);
    const pages: string[][] = [];
    let cursor: Parameters<AllocationStore['changesAfter']>[0] = { kind: 'instant', after: new Date(FIRST_SINCE) };
    for (;;) {
      const page = await store.changesAfter(cursor, 3);
      pages.push(page.changes.map((change) => change.caseId));
      cursor = { kind: 'position', after: page.next };
      if (page.complete) break;
    }
    expect(pages).toEqual([['CR-1', 'CR-1', 'CR-2'], ['CR-1']]);
    // A first call after the changes' instant finds none, and its `next` still moves past them.
    const later = await store.changesAfter({ kind: 'instant', after: new Date(NOON.getTime() + 1) });
    expect(later.changes).toEqual([]);
    expect((await store.changesAfter({ kind: 'position', after: later.next })).changes).toEqual([]);

    const res = { send: () => undefined } as unknown as Response;
    await expect(allocationChangesRoute(store).handle({ query: { since: 'yesterday' } } as unknown as Request, res)).rejects.toMatchObject({
      status: 400,
      message: expect.stringContaining('pass back each answer'),
    });
  });
});

describe('migration 130 on a store that already has a feed', () => {
  it('numbers the changes recorded before positions existed in the order the old feed gave them', async () => {
    const db = await openDb({ dataDir: 'memory://' });
    try {
      const all = await loadMigrations();
      await migrate(
        db,
        all.filter((m) => m.version !== '130'),
      );
      for (const [at, caseId] of [
        ['2026-11-20T09:00:00Z', 'CR-9'],
        ['2026-11-20T08:00:00Z', 'CR-8'],
        ['2026-11-20T09:00:00Z', 'CR-7'],
      ]) {
        await db.query(
          `insert into allocation_changes (at, case_id, from_unit_id, from_oic_id, to_unit_id, to_oic_id, changed_by, reason) values ($1, $2, 'T', 'A', 'T', 'B', 'S', 'r')`,
          [at, caseId],
        );
      }
      expect(await migrate(db, all)).toEqual(['130_allocation_feed_position.sql']);
      const page = await new AllocationStore(db).changesAfter({ kind: 'position', after: 0 });
      expect(page.changes.map((c) => c.caseId)).toEqual(['CR-8', 'CR-9', 'CR-7']);
      expect(page.next).toBe(3);
      expect(await db.query('select value::int as value from allocation_feed_counter')).toEqual([{ value: 3 }]);
    } finally {
      await db.close();
    }
  });
});
