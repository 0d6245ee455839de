import { demoForceNdjson } from '../demo/demo-force.js';
import type { ServiceContext } from './service-context.js';

/**
 * `npm start` on a new store seeds the demo force so a newcomer sees real figures at once. It goes
 * through the same import path as a real extract, so the demo exercises the real pipeline.
 *
 * Only into a store this start created (a data folder that did not exist or was empty, an empty
 * database): a store that exists but has no units is someone's, and is never filled with a made-up
 * force. Never in Teams mode (MicrosoftAppId set), where real officers would see it.
 */
export async function seedDemoForceIfNew(
  services: Pick<ServiceContext, 'db' | 'clock' | 'logger' | 'importNdjson'>,
  settings: { demo: boolean; demoVictims: number; teamsMode: boolean },
  store: { created: boolean },
): Promise<void> {
  if (!settings.demo || !store.created) return;
  if (settings.teamsMode) {
    services.logger.info('Teams mode (MicrosoftAppId is set): the demo force is never seeded; import your extract (vcop import)');
    return;
  }
  const victims = settings.demoVictims;
  services.logger.info({ victims }, 'new store: seeding the demo force (VCOP_DEMO=0 skips this)');
  const started = performance.now();
  const result = await services.importNdjson(withNewlines(demoForceNdjson({ victims, now: services.clock.now() })));
  if (!result.ok) {
    throw new Error(
      `the demo force did not import: ${result.errors
        .slice(0, 3)
        .map((e) => `line ${e.line}: ${e.message}`)
        .join('; ')}`,
    );
  }
  services.logger.info({ counts: result.counts, ms: Math.round(performance.now() - started) }, 'demo force seeded');
}

async function* withNewlines(lines: AsyncIterable<string>): AsyncGenerator<string> {
  for await (const line of lines) yield `${line}\n`;
}
