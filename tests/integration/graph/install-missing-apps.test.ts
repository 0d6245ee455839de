import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { readConfig } from '../../../src/config/env.js';
import type { GraphSettings } from '../../../src/config/graph-settings.js';
import { GraphAppInstaller } from '../../../src/graph/graph-app-installer.js';
import { createLogger } from '../../../src/log/logger.js';
import { GraphNotConfiguredError, INSTALL_INTERVAL_MS, installMissingApps } from '../../../src/service/install-missing-apps.js';
import type { AppServices } from '../../../src/app.js';
import { AppInstallStore } from '../../../src/store/app-install-store.js';
import { SqlPeopleDirectory } from '../../../src/store/sql-people-directory.js';
import { SubscriptionStore } from '../../../src/store/subscription-store.js';
import { subscribePersonalChat } from '../../support/delivery-harness.js';
import { FakeGraph } from '../../support/fake-graph.js';
import { DRIVERS, SMALL_FORCE_NOW, importText, openTestDb, smallForceNdjson, type TestDb } from '../../support/test-db.js';

/** The small force's supervisors and officers, none of whom has the app: P1, P4 sergeants; P2, P3, P6 constables. */
const MISSING = ['aad-p1', 'aad-p2', 'aad-p3', 'aad-p4', 'aad-p6'];

let graph: FakeGraph;
let settings: GraphSettings;

beforeAll(async () => {
  graph = new FakeGraph();
  await graph.start();
  settings = readConfig({ VCOP_DATA_DIR: 'memory://', ...graph.env() }).graph as GraphSettings;
});

afterAll(() => graph.close());

describe.each(DRIVERS)('installing the app through Microsoft Graph, on %s', (driver) => {
  let store: TestDb;
  let now: Date;
  let slept: number[];
  const logLines: string[] = [];
  const logger = createLogger({ level: 'info', destination: { write: (line: string) => void logLines.push(line) } });

  const installer = () =>
    new GraphAppInstaller(settings, {
      sleep: async (ms) => void slept.push(ms),
      random: () => 0.5,
      intervalMs: 0,
      now: () => now.getTime(),
    });
  const run = (options: { dryRun?: boolean } = {}, withGraph = true) =>
    installMissingApps(
      { db: store.db, clock: { now: () => now }, logger, installer: withGraph ? installer() : undefined },
      { dryRun: options.dryRun ?? false, trigger: 'api' },
    );

  beforeEach(async () => {
    store = await openTestDb(driver);
    expect((await importText(store.db, await smallForceNdjson())).ok).toBe(true);
    now = SMALL_FORCE_NOW;
    slept = [];
    graph.calls.length = 0;
    graph.behaviour = () => ({ kind: 'created' });
  });

  afterEach(() => store.dispose());

  it('installs the app for every supervisor and officer who does not have it, with a client-credentials token, and audits each', async () => {
    const result = await run();
    expect(result).toMatchObject({ candidates: 5, waiting: 0, counts: { installed: 5, refused: 0, failed: 0 } });
    expect(graph.installCalls().map((call) => call.userKey)).toEqual(MISSING);
    expect(graph.installCalls()[0]?.body).toEqual({
      'teamsApp@odata.bind': `${settings.apiUrl}/appCatalogs/teamsApps/aaaaaaaa-bbbb-4ccc-8ddd-eeeeeeeeeeee`,
    });
    const tokens = graph.calls.filter((call) => call.kind === 'token');
    expect(tokens).toHaveLength(1);
    expect(tokens[0]?.path).toBe('/11111111-2222-4333-8444-555555555555/oauth2/v2.0/token');
    expect(tokens[0]?.body).toMatchObject({ grant_type: 'client_credentials', scope: 'https://graph.microsoft.com/.default' });
    const audit = await store.db.query<{ subject: string; details: { outcome: string; trigger: string } }>(
      `select subject, details from audit_log where action = 'teams_app.install' order by subject`,
    );
    expect(audit.map((a) => [a.subject, a.details.outcome, a.details.trigger])).toContainEqual(['person:P1', 'installed', 'api']);
    expect(audit).toHaveLength(5);
    expect(logLines.join('\n')).not.toContain('aad-p1');
  });

  it('never tries a person twice within the interval, whoever asks; after it, tries again', async () => {
    await run();
    expect(await run()).toMatchObject({ candidates: 0, waiting: 5 });
    expect(graph.installCalls()).toHaveLength(5);
    now = new Date(SMALL_FORCE_NOW.getTime() + INSTALL_INTERVAL_MS - 60_000);
    expect(await new AppInstallStore(store.db).claim('P1', now, INSTALL_INTERVAL_MS)).toBe(false);
    now = new Date(SMALL_FORCE_NOW.getTime() + INSTALL_INTERVAL_MS);
    expect(await run()).toMatchObject({ candidates: 5, counts: { installed: 5 } });
    expect(graph.installsFor('aad-p1')).toHaveLength(2);
  });

  it('409 is "already installed", 403 and 404 are refused at once, and each is recorded', async () => {
    graph.behaviour = (call) =>
      call.userKey === 'aad-p1'
        ? { kind: 'conflict' }
        : call.userKey === 'aad-p2'
          ? { kind: 'status', status: 403, code: 'Forbidden' }
          : call.userKey === 'aad-p3'
            ? { kind: 'status', status: 404, code: 'Request_ResourceNotFound' }
            : { kind: 'created' };
    const result = await run();
    expect(result.counts).toMatchObject({ installed: 2, already_installed: 1, refused: 2, failed: 0 });
    expect(graph.installsFor('aad-p2')).toHaveLength(1);
    const records = await new AppInstallStore(store.db).all();
    expect(records.find((r) => r.personId === 'P2')).toMatchObject({ outcome: 'refused', status: 403, code: 'Forbidden' });
    expect(records.find((r) => r.personId === 'P1')).toMatchObject({ outcome: 'already_installed' });
  });

  it('429 waits out Retry-After and tries again; a 5xx that persists is retried, then recorded as failed', async () => {
    graph.behaviour = (call) => {
      if (call.userKey === 'aad-p1')
        return graph.installsFor('aad-p1').length === 1 ? { kind: 'throttled', retryAfterSeconds: 7 } : { kind: 'created' };
      if (call.userKey === 'aad-p2') return { kind: 'status', status: 503, code: 'ServiceUnavailable' };
      return { kind: 'created' };
    };
    const result = await run();
    expect(graph.installsFor('aad-p1')).toHaveLength(2);
    expect(slept[0]).toBe(7000);
    expect(graph.installsFor('aad-p2')).toHaveLength(4);
    expect(result.counts).toMatchObject({ installed: 4, failed: 1 });
    const p2 = (await new AppInstallStore(store.db).all()).find((r) => r.personId === 'P2');
    expect(p2).toMatchObject({ outcome: 'failed', status: 503, code: 'ServiceUnavailable' });
  });

  it('installs again for a sergeant whose chat Teams refuses; never for one who removed the app, turned it off, or receives', async () => {
    const services = { db: store.db, people: new SqlPeopleDirectory(store.db) } as unknown as AppServices;
    const chat = (personId: string, kind: 'team_digest' | 'officer_reminder', unitId: string | null = null) =>
      subscribePersonalChat(services, { conversationId: `chat-${personId}`, personId, kind, unitId, localTime: '07:00' });
    const subscriptions = new SubscriptionStore(store.db);
    await chat('P1', 'team_digest', 'N-T1');
    await subscriptions.markInactive('chat-P1', 'BotNotInConversationRoster');
    await chat('P2', 'officer_reminder');
    await subscriptions.disable('chat-P2', 'uninstalled');
    await subscriptions.markInactive('chat-P2', 'uninstalled');
    await chat('P3', 'officer_reminder');
    await chat('P6', 'officer_reminder');
    await subscriptions.disable('chat-P6', 'turned_off');
    const result = await run();
    expect(result.people.map((p) => [p.personId, p.reason, p.outcome])).toEqual([
      ['P1', 'conversation_gone', 'installed'],
      ['P4', 'never_installed', 'installed'],
    ]);
    expect(graph.installCalls().map((call) => call.userKey)).toEqual(['aad-p1', 'aad-p4']);
  });

  it('a dry run lists who would be installed and calls nothing; without Graph only a dry run is possible', async () => {
    const dry = await run({ dryRun: true }, false);
    expect(dry.people.map((p) => [p.personId, p.reason])).toEqual([
      ['P1', 'never_installed'],
      ['P2', 'never_installed'],
      ['P3', 'never_installed'],
      ['P4', 'never_installed'],
      ['P6', 'never_installed'],
    ]);
    expect(graph.calls).toHaveLength(0);
    await expect(run({}, false)).rejects.toBeInstanceOf(GraphNotConfiguredError);
  });
});
