import { demoForceNdjson } from '../demo/demo-force.js';
import type { ServiceContext } from './service-context.js';

/**
 * `npm start` on an empty store seeds the demo force so a newcomer sees real figures at once.
 * It goes through the same import path as a real extract, so the demo exercises the real pipeline.
 */
export async function seedDemoForceIfEmpty(services: Pick<ServiceContext, 'db' | 'clock' | 'logger' | 'importNdjson'> & { demoVictims: number }): Promise<void> {
  const [row] = await services.db.query<{ units: number }>('select count(*)::int as units from units');
  if ((row?.units ?? 0) > 0) return;
  const victims = services.demoVictims;
  services.logger.info({ victims }, 'empty store: seeding the demo force (VCOP_DEMO=0 skips this)');
  const started = performance.now();
  const result = await services.importNdjson(
    withNewlines(demoForceNdjson({ victims, now: services.clock.now() })),
  );
  if (!result.ok) {
    throw new Error(`the demo force did not import: ${result.errors.slice(0, 3).map((e) => `line ${e.line}: ${e.message}`).join('; ')}`);
  }
  services.logger.info({ counts: result.counts, ms: Math.round(performance.now() - started) }, 'demo force seeded');
}

async function* withNewlines(lines: AsyncIterable<string>): AsyncGenerator<string> {
  for await (const line of lines) yield `${line}\n`;
}
