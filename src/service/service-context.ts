import type { WorkingCalendar } from '../domain/calendar.js';
import type { Clock } from '../domain/clock.js';
import type { Policy } from '../domain/policy.js';
import type { Logger } from '../log/logger.js';
import type { Db } from '../store/db.js';
import type { People } from './cached-people-directory.js';
import type { ComplianceQueries } from './compliance-queries.js';
import type { ImportResult } from './import-records.js';

/**
 * What the use cases work with, built once by the composition root (src/app.ts): the store, the read
 * side over it, the policy and its calendar, the injected clock and the logger. Use cases take a `Pick`
 * of it, so each names exactly what it needs.
 */
export interface ServiceContext {
  logger: Logger;
  clock: Clock;
  db: Db;
  policy: Policy;
  calendar: WorkingCalendar;
  queries: ComplianceQueries;
  people: People;
  /** An NDJSON extract through the one import path (POST /v1/records, `vcop import`, the demo seed). */
  importNdjson: ImportNdjson;
}

export type ImportNdjson = (body: AsyncIterable<Buffer | string>, onProgress?: (lines: number) => void) => Promise<ImportResult>;
