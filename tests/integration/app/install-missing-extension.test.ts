import { afterEach, describe, expect, it } from 'vitest';
import { createInstallMissingExtension } from '../../../src/app/install-missing-extension.js';
import type { AppInstaller, InstallOutcome } from '../../../src/service/ports/app-installer.js';
import { startTestApp, testConfig, type TestApp } from '../../support/test-app.js';

/** The triggers of the Graph installs (issue 13): the daily run, and POST /v1/teams/install-missing. */
class CountingInstaller implements AppInstaller {
  readonly keys: string[] = [];
  async installForUser(userKey: string): Promise<InstallOutcome> {
    this.keys.push(userKey);
    return { kind: 'installed' };
  }
}

let test: TestApp | undefined;
afterEach(async () => {
  await test?.close();
  test = undefined;
});

async function until(done: () => boolean | Promise<boolean>, ms = 20_000): Promise<void> {
  const end = Date.now() + ms;
  while (!(await done())) {
    if (Date.now() > end) throw new Error('timed out');
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

describe('the Graph install triggers', () => {
  it('with the scheduler on, the daily run installs for the supervisors and officers of the demo force, and audits it as scheduled', async () => {
    const installer = new CountingInstaller();
    const env = { VCOP_SCHEDULER: '1', VCOP_DEMO: '1', VCOP_DEMO_VICTIMS: '10' };
    test = await startTestApp({
      env,
      extensions: [createInstallMissingExtension(testConfig(env), { installer, schedule: { firstDelayMs: 20, periodMs: 60_000 } })],
    });
    const audited = async () =>
      (
        await test?.app.services.db.query<{ n: number }>(
          `select count(*)::int as n from audit_log where action = 'teams_app.install' and details->>'trigger' = 'schedule'`,
        )
      )?.[0]?.n ?? 0;
    await until(async () => installer.keys.length > 0 && (await audited()) === installer.keys.length);
    const [expected] = await test.app.services.db.query<{ n: number }>(
      `select count(*)::int as n from people where role in ('supervisor', 'officer')`,
    );
    expect(installer.keys).toHaveLength(expected?.n ?? -1);
  });

  it('POST /v1/teams/install-missing: a dry run without Graph lists who would be installed; a real one says Graph is not configured', async () => {
    const env = { VCOP_DEMO: '1', VCOP_DEMO_VICTIMS: '10' };
    test = await startTestApp({ env, extensions: [createInstallMissingExtension(testConfig(env))] });
    const dry = await test.api('/v1/teams/install-missing?dryRun=1', { method: 'POST' });
    expect(dry.status).toBe(200);
    const listed = (await dry.json()) as { dryRun: boolean; candidates: number; people: { reason: string }[] };
    expect(listed.dryRun).toBe(true);
    expect(listed.candidates).toBeGreaterThan(0);
    expect(new Set(listed.people.map((p) => p.reason))).toEqual(new Set(['never_installed']));
    const real = await test.api('/v1/teams/install-missing', { method: 'POST' });
    expect(real.status).toBe(409);
    expect(await real.json()).toMatchObject({ error: { code: 'graph_not_configured' } });
    const wrong = await test.api('/v1/teams/install-missing?dryRun=maybe', { method: 'POST' });
    expect(wrong.status).toBe(400);
  });
});
