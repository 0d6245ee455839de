import type { AppServices } from '../../src/app.js';
import { runDigests } from './digest-run.js';
import { DigestSendStore } from '../../src/store/digest-send-store.js';
import { SqlComplianceQueries } from '../../src/store/sql-compliance-queries.js';
import { SqlPeopleDirectory } from '../../src/store/sql-people-directory.js';
import { subscribePersonalChat } from './delivery-harness.js';
import { FlakyDb, type FailureMode } from './flaky-db.js';
import { RecordingMessenger } from './recording-messenger.js';

const MINUTE = 60_000;

/** Four subscriptions of tests/fixtures/small-force.ndjson due at 07:00, every one with items to send. */
export const FAULT_SUBSCRIPTIONS = [
  { conversationId: 'chat-p1', personId: 'P1', kind: 'team_digest', unitId: 'N-T1', localTime: '07:00' },
  { conversationId: 'chat-p4', personId: 'P4', kind: 'team_digest', unitId: 'N-T2', localTime: '07:00' },
  { conversationId: 'chat-p2', personId: 'P2', kind: 'officer_reminder', unitId: null, localTime: '06:45' },
  { conversationId: 'chat-p6', personId: 'P6', kind: 'officer_reminder', unitId: null, localTime: '06:30' },
] as const;

export async function subscribeAll(services: AppServices): Promise<void> {
  for (const subscription of FAULT_SUBSCRIPTIONS) await subscribePersonalChat(services, { ...subscription });
}

/** The services with every statement (reads, the ledger, card building) going through a FlakyDb. */
export function flakyServices(services: AppServices): { services: AppServices; db: FlakyDb } {
  const db = new FlakyDb(services.db);
  return {
    db,
    services: { ...services, db, queries: new SqlComplianceQueries(db, services.policy), people: new SqlPeopleDirectory(db) },
  };
}

export interface FaultRunOutcome {
  /** Digests the messenger delivered, by conversation. */
  delivered: Record<string, number>;
  /** Ledger rows by status. */
  ledger: Record<string, number>;
  /** Runs that stopped on a database error (the scheduler's next tick runs again). */
  runsFailed: number;
  faultsInjected: number;
}

/**
 * The morning as the scheduler would drive it: a run at 07:00 with `count` statements from the
 * `from`-th failing (`mode`), then a run every minute until 07:20, as the cron ticks. Failed sends wait one
 * minute; a claim left behind by a run that died is taken over after its 10-minute lease.
 */
export async function morningWithFault(
  base: AppServices,
  fault: { from: number; count: number; mode: FailureMode } | null,
): Promise<FaultRunOutcome & { statementsInFirstRun: number }> {
  await base.db.query('delete from digest_sends');
  const { services, db } = flakyServices(base);
  const messenger = new RecordingMessenger();
  const sends = new DigestSendStore(db, { maxAttemptsPerDay: 6, leaseMs: 10 * MINUTE });
  const options = { sends, retryBackoff: { baseMs: MINUTE, maxMs: MINUTE }, random: () => 1, recordRetryDelaysMs: [1, 1, 1, 1] };
  let runsFailed = 0;
  const run = async (at: string) => {
    try {
      await runDigests(services, messenger, new Date(at), options);
    } catch {
      runsFailed++;
    }
  };
  if (fault) db.failFrom(fault.from, fault.count, fault.mode);
  await run('2026-11-20T07:00:00Z');
  const statementsInFirstRun = db.statements;
  db.heal();
  for (let minute = 1; minute <= 20; minute++) await run(`2026-11-20T07:${String(minute).padStart(2, '0')}:00Z`);
  const delivered: Record<string, number> = {};
  for (const send of messenger.sent) delivered[send.conversationId] = (delivered[send.conversationId] ?? 0) + 1;
  const ledger: Record<string, number> = {};
  for (const row of await base.db.query<{ status: string; n: number }>(
    `select status, count(*)::int as n from digest_sends group by status`,
  ))
    ledger[row.status] = row.n;
  return { delivered, ledger, runsFailed, faultsInjected: db.injected, statementsInFirstRun };
}

export const EXACTLY_ONCE_EACH = Object.fromEntries(FAULT_SUBSCRIPTIONS.map((s) => [s.conversationId, 1]));
