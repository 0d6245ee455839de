/** Timing helpers shared by the store benchmark and the load run. */

/** Runs once to warm caches and plans (as a long-running service has them), then `count` timed runs, in ms. */
export async function timeRuns(run: () => Promise<unknown>, count: number): Promise<number[]> {
  await run();
  const times: number[] = [];
  for (let i = 0; i < count; i++) {
    const started = performance.now();
    await run();
    times.push(performance.now() - started);
  }
  return times;
}

/** The nearest-rank percentile (p of 100) of a non-empty list of times. */
export function percentile(times: readonly number[], p: number): number {
  const sorted = [...times].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] as number;
}

export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
