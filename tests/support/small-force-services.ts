import { createServices, type AppServices } from '../../src/app.js';
import { createLogger } from '../../src/log/logger.js';
import type { ImportResult } from '../../src/service/import-records.js';
import { testConfig } from './test-app.js';
import { smallForceNdjson } from './test-db.js';

/** The application's services on an in-memory store holding the small force, with "now" fixed. */
export async function smallForceServices(now: Date): Promise<AppServices> {
  const services = await createServices(testConfig({ VCOP_NOW: now.toISOString() }), createLogger({ level: 'silent' }));
  const imported = await importRecords(services, await smallForceNdjson());
  if (!imported.ok) throw new Error(`the small force did not import: ${JSON.stringify(imported.errors.slice(0, 3))}`);
  return services;
}

/** Records (objects, or an NDJSON text) through the one import path, as POST /v1/records would send them. */
export function importRecords(services: Pick<AppServices, 'importNdjson'>, ...records: (object | string)[]): Promise<ImportResult> {
  const text = records.map((record) => (typeof record === 'string' ? record : JSON.stringify(record))).join('\n');
  return services.importNdjson(
    (async function* () {
      yield text;
    })(),
  );
}
