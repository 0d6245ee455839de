import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { digestInputIds } from '../../../src/bot/cards/index.js';
import { createBotExtension } from '../../../src/app.js';
import { readConfig } from '../../../src/config/env.js';
import type { PersonRecord } from '../../../src/domain/records.js';
import { createLogger } from '../../../src/log/logger.js';
import { ImportStaging } from '../../../src/store/import-staging.js';
import { StagingWriter } from '../../../src/store/record-staging.js';
import { Conversation } from '../../support/bot-harness.js';
import { FakeConnector } from '../../support/fake-connector.js';
import { DRIVERS, createTestSchema } from '../../support/postgres-schema.js';
import { TEST_TOKEN, fixture, postRecords, startTestApp, type TestApp } from '../../support/test-app.js';

/**
 * A statement that fails in the store (issue 10, H2). PGlite hangs the statement and its parameters on
 * the error (`query`, `params`: a whole staging batch of names, e-mail addresses and Entra ids; a note's
 * text), and PostgreSQL quotes the row in `detail` ("Failing row contains (...)") and parameters in
 * `where`: none of it may reach a log line. Each failure here is a real one, in the store, through the
 * running application: a constraint the data breaks, as a schema change or a corrupt store would add.
 */
const PEOPLE = [
  { id: 'P90', name: 'PC 90 Marigold Featherstonehaugh', aadObjectId: 'aad-secret-90', email: 'marigold.f@leak.example' },
  { id: 'P91', name: 'PC 91 Bartholomew Quince', aadObjectId: 'aad-secret-91', email: 'b.quince@leak.example' },
];
const PERSONAL = PEOPLE.flatMap((p) => [p.name, p.aadObjectId, p.email, p.email.split('@')[0]!, 'Marigold', 'Quince']);
const NOTE = 'Rang Jane Doe-Victim on 07700 900123 at 12 Acacia Avenue';

function expectNoPersonalData(lines: readonly string[], details: readonly string[]): void {
  const all = lines.join('\n');
  for (const detail of details) expect(all, detail).not.toContain(detail);
  expect(all).not.toMatch(/[\w.+-]+@[\w-]+\.[\w.]+/);
  expect(all).not.toMatch(/Failing row contains/);
}

describe.each(DRIVERS)('a failed statement on %s logs no personal data', (driver) => {
  const logLines: string[] = [];
  const connector = new FakeConnector();
  let test: TestApp;
  let dropSchema: (() => Promise<void>) | undefined;
  let serviceUrl: string;

  beforeAll(async () => {
    serviceUrl = await connector.start();
    const env: Record<string, string> = { VCOP_NOW: '2026-11-20T07:30:00Z' };
    if (driver === 'postgres') {
      const schema = await createTestSchema('privacy');
      dropSchema = schema.drop;
      env.DATABASE_URL = schema.url;
    }
    test = await startTestApp({ logLines, env, extensions: [createBotExtension(readConfig({ ...env, VCOP_API_TOKEN: TEST_TOKEN }))] });
    expect((await postRecords(test, await fixture('small-force.ndjson'))).status).toBe(200);
  }, 60_000);

  afterAll(async () => {
    await test?.close();
    await connector.close();
    await dropSchema?.();
  });

  const failures = () => logLines.filter((line) => (JSON.parse(line) as { level: number }).level >= 50);

  it('an import whose people break a constraint of the store: a 500, and the log names no one', async () => {
    await test.app.services.db.exec(
      `alter table people add constraint test_no_leak_domain check (email is null or email not like '%@leak.example')`,
    );
    try {
      const extract = PEOPLE.map((p) => JSON.stringify({ type: 'person', ...p, unitId: 'N-T1', role: 'officer' })).join('\n');
      const logged = failures().length;
      const response = await postRecords(test, extract);
      expect(response.status).toBe(500);
      const failed = failures().slice(logged);
      expect(failed).toHaveLength(1);
      expect(JSON.parse(failed[0]!)).toMatchObject({
        msg: 'unexpected error',
        err: { code: '23514', constraint: 'test_no_leak_domain', table: 'people' },
      });
      expectNoPersonalData(logLines, PERSONAL);
    } finally {
      await test.app.services.db.exec('alter table people drop constraint test_no_leak_domain');
    }
  });

  it('an Acknowledge whose note the store refuses: "something went wrong", and the log has no note', async () => {
    const supervisor = new Conversation(serviceUrl, { aadObjectId: 'aad-p1', name: 'PS 1001 Smith' });
    const post = (activity: object) =>
      fetch(`${test.baseUrl}/api/messages`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(activity),
      });
    const seen = connector.mark();
    expect((await post(supervisor.message('digest'))).status).toBe(200);
    const itemRef = /"itemRef":"([^"]+)"/.exec(JSON.stringify(seen()))?.[1];
    expect(itemRef).toBeDefined();
    await test.app.services.db.exec(`alter table acknowledgements add constraint test_no_notes check (note is null)`);
    try {
      const logged = failures().length;
      const response = await post(
        supervisor.cardAction('acknowledgeItem', { itemRef, digestId: 'team:N-T1', [digestInputIds(itemRef!).note]: NOTE }, 'digest-1'),
      );
      expect(response.status).toBe(200);
      expect(await response.text()).toMatch(/Something went wrong/i);
      const failed = failures().slice(logged);
      expect(failed.length).toBeGreaterThanOrEqual(1);
      expect(JSON.parse(failed[0]!)).toMatchObject({ msg: 'card action failed', err: { code: '23514', constraint: 'test_no_notes' } });
      expectNoPersonalData(logLines, [NOTE, 'Jane Doe-Victim', '07700 900123', 'Acacia']);
    } finally {
      await test.app.services.db.exec('alter table acknowledgements drop constraint test_no_notes');
    }
  });

  it('a staging batch the store refuses (a value that slipped past validation): its 3,000 people stay out of the log', async () => {
    const lines: string[] = [];
    const logger = createLogger({ level: 'trace', destination: { write: (line: string) => void lines.push(line) } });
    const batch: PersonRecord[] = Array.from({ length: 3000 }, (_, i) => ({
      type: 'person',
      id: `P-${i}`,
      name: `PC ${i} Marigold Featherstonehaugh`,
      unitId: 'N-T1',
      role: 'officer',
      aadObjectId: `aad-secret-${i}`,
      email: `marigold.${i}@leak.example`,
      upn: null,
    }));
    batch.push({ ...batch[0]!, id: 'P-NUL', name: 'PC Nul\u0000Quince' });
    const db = test.app.services.db;
    const staging = await ImportStaging.create(db);
    const writer = new StagingWriter(db, staging);
    const failure = await (async () => {
      for (const [i, record] of batch.entries()) await writer.add(i + 1, record);
      await writer.flush();
    })().then(
      () => undefined,
      (error: unknown) => error,
    );
    await staging.drop();
    expect(failure).toBeInstanceOf(Error);
    logger.error({ err: failure }, 'import failed');
    logger.error({ recordingError: failure, nested: { err: failure } }, 'under other keys');
    expect(lines).toHaveLength(2);
    expect(JSON.parse(lines[0]!)).toMatchObject({ err: { code: '22021', message: expect.stringContaining('0x00') } });
    expectNoPersonalData(lines, ['Marigold', 'Quince', 'aad-secret', 'P-1234', 'leak.example']);
    expect(lines.join('\n').length).toBeLessThan(10_000);
  });
});
