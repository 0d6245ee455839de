import { describe, expect, it } from 'vitest';
import type { VictimRecord } from '../../../src/domain/records.js';
import type { Db } from '../../../src/store/db.js';
import { ImportStaging } from '../../../src/store/import-staging.js';
import { StagingWriter } from '../../../src/store/record-staging.js';

/** A store whose COPYs wait until the test lets each one finish (or fail). */
function heldCopies() {
  const copies: { rows: number; finish: () => void; fail: (error: Error) => void }[] = [];
  let running = 0;
  let mostAtOnce = 0;
  const db: Db = {
    dialect: 'postgres',
    query: async () => [],
    exec: async () => undefined,
    copyIn: (_target, text) =>
      new Promise<void>((resolve, reject) => {
        running += 1;
        mostAtOnce = Math.max(mostAtOnce, running);
        const settle = (then: () => void) => () => {
          running -= 1;
          then();
        };
        copies.push({ rows: text.split('\n').length - 1, finish: settle(resolve), fail: (error) => settle(() => reject(error))() });
      }),
    ensureRoom: async () => undefined,
    transaction: (fn) => fn(db),
    close: async () => undefined,
  };
  return { db, copies, mostAtOnce: () => mostAtOnce };
}

const victim = (i: number): VictimRecord => ({ type: 'victim', id: `V-${i}`, caseId: 'CR-1', enhanced: false, enhancedReason: null });
const tick = () => new Promise((resolve) => setImmediate(resolve));

describe('staging writes by COPY', () => {
  it('reads the next batch while one COPY runs, but never starts a second before the first ends', async () => {
    const store = heldCopies();
    const writer = new StagingWriter(store.db, await ImportStaging.create(store.db), 2);
    await writer.add(1, victim(1));
    await writer.add(2, victim(2)); // a full batch: its COPY starts, and the writer does not wait for it
    expect(store.copies.map((c) => c.rows)).toEqual([2]);
    await writer.add(3, victim(3));
    const fourth = writer.add(4, victim(4)); // the second batch waits for the first COPY
    await tick();
    expect(store.copies).toHaveLength(1);
    store.copies[0]?.finish();
    await fourth;
    expect(store.copies.map((c) => c.rows)).toEqual([2, 2]);
    const flushed = writer.flush();
    await tick();
    store.copies[1]?.finish();
    await flushed;
    expect(store.mostAtOnce()).toBe(1);
  });

  it('fails with a COPY the store refused, at the next batch or at the end', async () => {
    const store = heldCopies();
    const writer = new StagingWriter(store.db, await ImportStaging.create(store.db), 1);
    await writer.add(1, victim(1));
    store.copies[0]?.fail(new Error('refused'));
    await expect(writer.add(2, victim(2))).rejects.toThrow('refused');
    const other = new StagingWriter(store.db, await ImportStaging.create(store.db), 1);
    await other.add(1, victim(1));
    store.copies[1]?.fail(new Error('refused at the end'));
    await expect(other.flush()).rejects.toThrow('refused at the end');
  });
});
