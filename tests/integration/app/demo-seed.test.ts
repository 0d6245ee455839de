import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createServices } from '../../../src/app.js';
import { readConfig } from '../../../src/config/env.js';
import { createLogger } from '../../../src/log/logger.js';
import { openDb } from '../../../src/store/connect.js';
import { migrate } from '../../../src/store/migrate.js';

/**
 * When `npm start` seeds the demo force (issue 10, M8): into a store that start created, never into one
 * that exists (an empty one may be a real store someone emptied, or one that lost a file), never in
 * Teams mode, where real officers would see a made-up force.
 */
const TEAMS = {
  MicrosoftAppId: '0f4b5c6d-7e8f-4a0b-9c1d-2e3f4a5b6c7d',
  MicrosoftAppPassword: 'not-a-real-secret',
  MicrosoftAppTenantId: '7a1f0c2e-4b3d-4e5f-8a9b-0c1d2e3f4a5b',
  VCOP_API_TOKEN: 'demo-seed-token-0123456789',
};

describe('seeding the demo force at start', () => {
  let root: string;
  let logLines: string[];

  beforeEach(async () => {
    root = await mkdtemp(join(tmpdir(), 'vcop-seed-'));
    logLines = [];
  });
  afterEach(() => rm(root, { recursive: true, force: true }));

  async function unitsAfterStart(env: Record<string, string>): Promise<number> {
    const logger = createLogger({ level: 'info', destination: { write: (line: string) => void logLines.push(line) } });
    const services = await createServices(
      readConfig({ VCOP_DEMO: '1', VCOP_DEMO_VICTIMS: '10', VCOP_NOW: '2026-11-20T10:00:00Z', VCOP_SCHEDULER: '0', ...env }),
      logger,
    );
    try {
      const [row] = await services.db.query<{ n: number }>('select count(*)::int as n from units');
      return row?.n ?? 0;
    } finally {
      await services.db.close();
    }
  }

  // Seeds the whole demo force (3,000 victims, about 25,000 lines with the later duties' records) into a real folder.
  it('seeds a data folder that did not exist', async () => {
    expect(await unitsAfterStart({ VCOP_DATA_DIR: join(root, 'data') })).toBeGreaterThan(0);
  }, 90_000);

  it('does not seed a store that exists, even one with no units', async () => {
    const dataDir = join(root, 'data');
    const existing = await openDb({ dataDir });
    await migrate(existing);
    await existing.close();
    expect(await unitsAfterStart({ VCOP_DATA_DIR: dataDir })).toBe(0);
  });

  it('never seeds in Teams mode (a Microsoft app id set), and says so', async () => {
    expect(await unitsAfterStart({ VCOP_DATA_DIR: join(root, 'data'), ...TEAMS })).toBe(0);
    expect(logLines.join('')).toContain('the demo force is never seeded');
  });
});
