import { isDeepStrictEqual } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AppServices } from '../../src/app.js';
import { closeDeliveryStore, type DeliveryStore, DRIVERS, openDeliveryStore } from '../support/delivery-harness.js';
import { EXACTLY_ONCE_EACH, FAULT_SUBSCRIPTIONS, morningWithFault, subscribeAll } from '../support/digest-fault-run.js';
import type { FailureMode } from '../support/flaky-db.js';

/**
 * The store fails at every single statement of a morning digest run in turn (the read of what is due,
 * each claim, every query that builds a card, each ledger write), once or three times in a row, before
 * the statement runs or after it ran with its answer lost. Whatever the point, the scheduler's later
 * runs deliver every subscription's digest exactly once that morning and the ledger ends all 'sent'.
 */
describe.each(DRIVERS)('the store failing at each statement of a digest run, on %s', (driver) => {
  let store: DeliveryStore;
  let services: AppServices;

  beforeAll(async () => {
    ({ store, services } = await openDeliveryStore(driver));
    await subscribeAll(services);
  }, 60_000);

  afterAll(() => closeDeliveryStore({ store, services }));

  it('delivers every digest exactly once, whichever statement fails', async () => {
    const clean = await morningWithFault(services, null);
    expect(clean.delivered).toEqual(EXACTLY_ONCE_EACH);
    const statements = clean.statementsInFirstRun;
    expect(statements).toBeGreaterThan(FAULT_SUBSCRIPTIONS.length * 3);

    let scenarios = 0;
    let faults = 0;
    const failures: string[] = [];
    for (const mode of ['before', 'after'] as FailureMode[]) {
      for (const count of [1, 3]) {
        for (let from = 0; from < statements; from++) {
          const outcome = await morningWithFault(services, { from, count, mode });
          scenarios++;
          faults += outcome.faultsInjected;
          const ok =
            isDeepStrictEqual(outcome.delivered, EXACTLY_ONCE_EACH) &&
            isDeepStrictEqual(outcome.ledger, { sent: FAULT_SUBSCRIPTIONS.length });
          if (!ok)
            failures.push(
              `statement ${from} failing ${count}x ${mode}: delivered ${JSON.stringify(outcome.delivered)}, ledger ${JSON.stringify(outcome.ledger)}`,
            );
        }
      }
    }
    process.stdout.write(
      `database fault sweep (${driver}): ${scenarios} runs, ${faults} statements failed on purpose, ${statements} statements per run\n`,
    );
    expect(failures).toEqual([]);
  }, 900_000);
});
