/**
 * Work started by a turn that must not hold up its answer (Teams wants an invoke answered within a few
 * seconds), yet must finish before shutdown closes the store.
 */
export class BackgroundWork {
  private readonly pending = new Set<Promise<void>>();

  /** `onError` receives any failure: background work never fails silently or unhandled. */
  run(task: () => Promise<void>, onError: (error: unknown) => void): void {
    const running = task()
      .catch(onError)
      .finally(() => this.pending.delete(running));
    this.pending.add(running);
  }

  async drain(): Promise<void> {
    while (this.pending.size > 0) await Promise.allSettled([...this.pending]);
  }
}
