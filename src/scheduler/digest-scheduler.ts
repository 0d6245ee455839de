import cron, { type ScheduledTask } from 'node-cron';
import type { Clock } from '../domain/clock.js';
import type { Logger } from '../log/logger.js';

export type DigestRun<Result> = (now: Date, signal: AbortSignal, reason: 'scheduled' | 'requested') => Promise<Result>;

export interface DigestSchedulerOptions<Result> {
  run: DigestRun<Result>;
  clock: Clock;
  logger: Logger;
  /** Every minute by default: the store, not the cron, decides which subscriptions are due. */
  expression?: string;
}

/**
 * Drives digest runs from node-cron and from requests, and shuts them down cleanly: `stop()` stops the
 * cron, asks runs in flight to stop claiming further sends, and waits for them to finish the send they
 * are in, so nothing is left half-recorded when the store closes.
 */
export class DigestScheduler<Result> {
  private task: ScheduledTask | undefined;
  private scheduledRun: Promise<unknown> | undefined;
  private readonly inFlight = new Set<Promise<unknown>>();
  private readonly stopping = new AbortController();

  constructor(private readonly options: DigestSchedulerOptions<Result>) {}

  start(): void {
    if (this.task || this.stopping.signal.aborted) return;
    this.task = cron.schedule(this.options.expression ?? '* * * * *', () => this.tick(), { name: 'vcop-digest-run' });
  }

  /** A run asked for now (POST /v1/digests/run); it may overlap a scheduled one, the store keeps them apart. */
  async runNow(): Promise<Result> {
    if (this.stopping.signal.aborted) throw new Error('the digest scheduler is shutting down; try again once the service is back');
    return this.track(this.options.run(this.options.clock.now(), this.stopping.signal, 'requested'));
  }

  async stop(): Promise<void> {
    await this.task?.stop();
    await this.task?.destroy();
    this.task = undefined;
    this.stopping.abort();
    await Promise.allSettled([...this.inFlight]);
  }

  /** One scheduled run at a time: a tick that finds the previous run still going lets it finish. */
  private tick(): void {
    if (this.scheduledRun || this.stopping.signal.aborted) return;
    const run = this.track(this.options.run(this.options.clock.now(), this.stopping.signal, 'scheduled'));
    this.scheduledRun = run;
    run
      .then(
        () => undefined,
        (error: unknown) => this.options.logger.error({ err: error }, 'scheduled digest run failed; the next tick tries again'),
      )
      .finally(() => {
        this.scheduledRun = undefined;
      });
  }

  private track(run: Promise<Result>): Promise<Result> {
    this.inFlight.add(run);
    const forget = () => this.inFlight.delete(run);
    run.then(forget, forget);
    return run;
  }
}
