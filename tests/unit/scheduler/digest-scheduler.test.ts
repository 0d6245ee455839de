import { describe, expect, it } from 'vitest';
import { fixedClock } from '../../../src/domain/clock.js';
import { createLogger } from '../../../src/log/logger.js';
import { DigestScheduler, type DigestRun } from '../../../src/scheduler/digest-scheduler.js';

const logger = createLogger({ level: 'silent' });
const clock = fixedClock(new Date('2026-11-20T07:00:00Z'));
const EVERY_SECOND = '* * * * * *';

function deferred() {
  let resolve!: () => void;
  const promise = new Promise<void>((r) => (resolve = r));
  return { promise, resolve };
}

describe('digest scheduler', () => {
  it("ticks on the cron, one scheduled run at a time, with the clock's now", async () => {
    const started: Date[] = [];
    const release = deferred();
    const firstStarted = deferred();
    const run: DigestRun<number> = async (now) => {
      started.push(now);
      firstStarted.resolve();
      await release.promise;
      return 1;
    };
    const scheduler = new DigestScheduler({ run, clock, logger, expression: EVERY_SECOND });
    scheduler.start();
    await firstStarted.promise;
    await new Promise((resolve) => setTimeout(resolve, 2200)); // two more ticks while the first run is busy
    expect(started).toEqual([new Date('2026-11-20T07:00:00Z')]);
    release.resolve();
    await scheduler.stop();
  });

  it('stop() stops the cron, asks the run in flight to stop claiming, and waits for it', async () => {
    const firstStarted = deferred();
    let finished = false;
    let sawAbort = false;
    let runs = 0;
    const run: DigestRun<void> = async (_now, signal) => {
      runs++;
      firstStarted.resolve();
      await new Promise<void>((resolve) => signal.addEventListener('abort', () => resolve(), { once: true }));
      sawAbort = signal.aborted;
      await new Promise((resolve) => setTimeout(resolve, 100)); // the send in flight finishes
      finished = true;
    };
    const scheduler = new DigestScheduler({ run, clock, logger, expression: EVERY_SECOND });
    scheduler.start();
    await firstStarted.promise;
    await scheduler.stop();
    expect(finished).toBe(true);
    expect(sawAbort).toBe(true);
    await new Promise((resolve) => setTimeout(resolve, 1200));
    expect(runs).toBe(1);
    await expect(scheduler.runNow()).rejects.toThrow(/shutting down/);
  });

  it('runNow() runs at once as a requested run and answers its result', async () => {
    const reasons: string[] = [];
    const scheduler = new DigestScheduler({
      run: async (_now, _signal, reason) => {
        reasons.push(reason);
        return { sent: 3 };
      },
      clock,
      logger,
    });
    expect(await scheduler.runNow()).toEqual({ sent: 3 });
    expect(reasons).toEqual(['requested']);
    await scheduler.stop();
  });

  it('a failing scheduled run is logged and the next tick runs again', async () => {
    const lines: string[] = [];
    const capturing = createLogger({ level: 'error', destination: { write: (line: string) => lines.push(line) } });
    let runs = 0;
    const twoRuns = deferred();
    const scheduler = new DigestScheduler({
      run: async () => {
        runs++;
        if (runs === 2) twoRuns.resolve();
        throw new Error('store unavailable');
      },
      clock,
      logger: capturing,
      expression: EVERY_SECOND,
    });
    scheduler.start();
    await twoRuns.promise;
    await scheduler.stop();
    expect(runs).toBeGreaterThanOrEqual(2);
    const logged = lines.map((line) => JSON.parse(line) as { msg: string; err?: { message: string } });
    expect(logged[0]).toMatchObject({ msg: expect.stringContaining('scheduled digest run failed'), err: { message: 'store unavailable' } });
  });
});
