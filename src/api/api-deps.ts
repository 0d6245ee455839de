import type { Clock } from '../domain/clock.js';
import type { Policy } from '../domain/policy.js';
import type { ComplianceQueries } from '../service/compliance-queries.js';
import type { ImportResult } from '../service/import-records.js';
import type { StoreHealth } from '../store/store-watch.js';

/** What the API's handlers need from the rest of the application (wired in src/main.ts). */
export interface ApiDeps {
  clock: Clock;
  policy: Policy;
  queries: ComplianceQueries;
  importRecords(body: AsyncIterable<Buffer>, onProgress?: (lines: number) => void): Promise<ImportResult>;
  isReady(): Promise<boolean>;
  /** Whether the store is usable and not stuck (for liveness). */
  storeHealth(): StoreHealth;
  maxImportBytes: number;
  /** VCOP_IMPORT_IDLE_SECONDS in milliseconds. */
  importIdleMs: number;
}
