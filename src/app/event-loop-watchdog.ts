import { Worker } from 'node:worker_threads';

export interface EventLoopWatchdog {
  stop(): Promise<void>;
}

/**
 * Ends the process when its event loop has not turned for `stallMs`: a process that no longer answers
 * anything (not even `/healthz`) but is still alive is the worst state for a platform without liveness
 * probes. PGlite runs PostgreSQL on the main thread; when the data disk fills at some points of a
 * write-ahead-log write, PGlite 0.5 loops inside WebAssembly and never returns, so no JavaScript runs again
 * and the store watch (src/store/store-watch.ts) cannot see it. A worker thread can: the main thread stamps
 * a shared clock every second; the worker reads it, and when it is older than `stallMs` it writes one fatal
 * JSON line (the logger's shape) to stdout and kills the process, so the platform starts a new one.
 * A worker cannot end the process with an exit code of its own, hence SIGKILL (status 137).
 */
export function startEventLoopWatchdog(options: { stallMs: number; onError: (error: unknown) => void }): EventLoopWatchdog {
  const clock = new BigInt64Array(new SharedArrayBuffer(8));
  const stamp = () => Atomics.store(clock, 0, BigInt(Date.now()));
  stamp();
  const heartbeat = setInterval(stamp, 1000);
  heartbeat.unref();
  const source = new URL(`data:text/javascript,${encodeURIComponent(WATCHDOG_SOURCE)}`);
  const worker = new Worker(source, { workerData: { clock, stallMs: options.stallMs } });
  // A watchdog that fails is reported, never a reason for the process it guards to fall over.
  worker.on('error', options.onError);
  worker.unref();
  return {
    async stop() {
      clearInterval(heartbeat);
      await worker.terminate();
    },
  };
}

/** Plain JavaScript (a module from a data: URL), so the worker needs no loader (tsx) and no build step. */
const WATCHDOG_SOURCE = `
import { workerData } from 'node:worker_threads';
import { writeSync } from 'node:fs';
import { hostname } from 'node:os';
const { clock, stallMs } = workerData;
setInterval(() => {
  const stalledMs = Date.now() - Number(Atomics.load(clock, 0));
  if (stalledMs < stallMs) return;
  const line = {
    level: 60,
    time: new Date().toISOString(),
    pid: process.pid,
    hostname: hostname(),
    service: 'vcop-teams-bot',
    stalledSeconds: Math.round(stalledMs / 1000),
    msg: 'the process stopped answering (its event loop has not turned for ' + Math.round(stalledMs / 1000) + ' s; '
      + 'with PGlite, most often a full data disk): ending it so that a new one starts; free space on the disk '
      + 'that holds VCOP_DATA_DIR if it is full',
  };
  writeSync(1, JSON.stringify(line) + '\\n');
  process.kill(process.pid, 'SIGKILL');
}, 500);
`;
