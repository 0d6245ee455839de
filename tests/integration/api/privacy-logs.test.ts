import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TEST_TOKEN, fixture, postRecords, startTestApp, type TestApp } from '../../support/test-app.js';

/** A full run's logs, at the most verbose level, must carry ids only: no token, no e-mail, no secret. */
describe('logs of a full API run', () => {
  const logLines: string[] = [];
  let test: TestApp;

  beforeAll(async () => {
    test = await startTestApp({ logLines });
    const records = (await fixture('small-force.ndjson')).replace(
      '"aadObjectId":"aad-p1"}',
      '"aadObjectId":"aad-p1","email":"p1001.smith@example.police.uk"}',
    );
    expect((await postRecords(test, records)).status).toBe(200);
    expect((await postRecords(test, '{"type":"unit","id":"X"}\nnot json\n')).status).toBe(422);
    await test.api('/v1/units/FORCE/compliance');
    await test.api('/v1/units/N-T1/digest');
    await fetch(`${test.baseUrl}/v1/units/FORCE/compliance`, { headers: { authorization: 'Bearer wrong-token-value-123' } });
  });
  afterAll(() => test.close());

  it('are JSON lines with a request id', () => {
    expect(logLines.length).toBeGreaterThan(3);
    const requests = logLines.map((l) => JSON.parse(l) as Record<string, unknown>).filter((l) => l.msg === 'request');
    expect(requests.length).toBeGreaterThanOrEqual(5);
    for (const line of requests) expect(line.requestId).toEqual(expect.any(String));
  });

  it('never contain the token, a wrong token, an e-mail address or a bearer header', () => {
    const all = logLines.join('\n');
    expect(all).not.toContain(TEST_TOKEN);
    expect(all).not.toContain('wrong-token-value-123');
    expect(all).not.toMatch(/[\w.+-]+@[\w-]+\.[\w.]+/);
    expect(all).not.toMatch(/bearer/i);
  });
});

/**
 * The whole product, at the most verbose log level: an extract whose victim lines carry names, phone
 * numbers and addresses the records system should not have sent (they are dropped), the bot installed,
 * a digest asked for and sent by the morning run, an item acknowledged and a case reassigned with notes
 * that name the victim, questions naming the victim, tokens refused and accepted in Teams mode, and a
 * start with a wrong configuration. Not one log line (nor the start's error output) carries a victim
 * detail, a token, the app password or an e-mail address.
 */
describe('logs of a full run of the bot', () => {
  const VICTIM_DETAILS = [
    'Jane Doe-Victim',
    '07700 900123',
    '+447700900123',
    '12 Acacia Avenue',
    'Northtown NT1 2AB',
    'jane.victim@example.com',
    '1984-02-29',
    'Bobby Tables-Witness',
  ];
  const APP_PASSWORD = 'app-password-do-not-log-9f8e7d6c';
  const logLines: string[] = [];
  const outputs: string[] = [];
  const tokensSent: string[] = [];

  /** The fixture with personal details on every victim and contact line, as a careless extract would have. */
  async function extractWithVictimDetails(): Promise<string> {
    return (await fixture('small-force.ndjson'))
      .split('\n')
      .map((line) => {
        if (line.includes('"type":"victim"'))
          return line.replace(
            /}$/,
            ',"name":"Jane Doe-Victim","phone":"07700 900123","address":"12 Acacia Avenue, Northtown NT1 2AB","email":"jane.victim@example.com","dateOfBirth":"1984-02-29"}',
          );
        if (line.includes('"type":"contact"'))
          return line.replace(/}$/, ',"notes":"Rang Jane Doe-Victim on +447700900123 about Bobby Tables-Witness"}');
        return line;
      })
      .join('\n');
  }

  beforeAll(async () => {
    const { createBotExtension } = await import('../../../src/app.js');
    const { readConfig } = await import('../../../src/config/env.js');
    const { FakeConnector } = await import('../../support/fake-connector.js');
    const { Conversation } = await import('../../support/bot-harness.js');
    const { digestInputIds } = await import('../../../src/bot/cards/index.js');
    const { LocalOpenIdProvider, newSigningKey, signChannelToken } = await import('../../support/local-bot-framework-keys.js');

    // 1. Local mode: import, install, digest, acknowledge, reassign, questions, the morning run.
    const connector = new FakeConnector();
    const serviceUrl = await connector.start();
    const env = { VCOP_NOW: '2026-11-20T07:30:00Z' };
    const local = await startTestApp({
      logLines,
      env,
      extensions: [createBotExtension(readConfig({ ...env, VCOP_API_TOKEN: TEST_TOKEN }))],
    });
    try {
      const extract = await extractWithVictimDetails();
      expect(extract).toContain('Jane Doe-Victim');
      expect((await postRecords(local, extract)).status).toBe(200);
      const refused = `${extract}\n{"type":"contact","id":"OEL-9","victimId":"V-1","at":"2026-11-10T12:00:00Z","kind":"update","method":"Jane Doe-Victim 07700 900123","byId":"P2"}\n`;
      expect((await postRecords(local, refused)).status).toBe(422);

      const post = async (activity: object) => {
        const response = await fetch(`${local.baseUrl}/api/messages`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify(activity),
        });
        expect(response.status).toBe(200);
        const text = await response.text();
        return text ? (JSON.parse(text) as Record<string, unknown>) : {};
      };
      const supervisor = new Conversation(serviceUrl, { aadObjectId: 'aad-p1', name: 'PS 1001 Smith' });
      await post(supervisor.installationUpdate('add'));
      const seen = connector.mark();
      await post(supervisor.message('digest'));
      const card = seen().find((c) => c.body.type === 'message')!.body.attachments as { content: Record<string, unknown> }[];
      const refs = [...JSON.stringify(card).matchAll(/"itemRef":"([^"]+)"/g)].map((m) => m[1]!);
      expect(refs.length).toBeGreaterThan(1);
      const ids = digestInputIds(refs[0]!);
      await post(
        supervisor.cardAction(
          'acknowledgeItem',
          { itemRef: refs[0], digestId: 'team:N-T1', [ids.note]: 'Rang Jane Doe-Victim on 07700 900123 at 12 Acacia Avenue' },
          'digest-1',
        ),
      );
      const other = digestInputIds(refs[1]!);
      await post(
        supervisor.cardAction(
          'reassignItem',
          {
            itemRef: refs[1],
            digestId: 'team:N-T1',
            [other.officer]: 'P1',
            [other.reason]: 'Jane Doe-Victim asked for a female officer, call 07700 900123',
          },
          'digest-1',
        ),
      );
      await post(
        new Conversation(serviceUrl, { aadObjectId: 'aad-p4', name: 'PS 1004 Evans' }).cardAction('acknowledgeItem', { itemRef: refs[0] }),
      );
      for (const question of ["my team's compliance this month", 'how is Jane Doe-Victim at 12 Acacia Avenue doing?', 'call 07700 900123'])
        await post(supervisor.message(question));
      await post(
        new Conversation(serviceUrl, { aadObjectId: 'aad-stranger', name: 'Jane Doe-Victim' }).message('Jane Doe-Victim 07700 900123'),
      );
      expect((await local.api('/v1/digests/run', { method: 'POST' })).status).toBe(200);
      // Nothing stored either: the extract's victim details were dropped on import.
      const stored = await local.app.services.db.query<{ row: string }>(
        `select t::text as row from victims t union all select t::text from contacts t`,
      );
      for (const detail of ['Jane Doe-Victim', '07700 900123', '12 Acacia Avenue'])
        expect(stored.map((r) => r.row).join('\n')).not.toContain(detail);
    } finally {
      await local.close();
      await connector.close();
    }

    // 2. Teams mode: an app password configured, tokens refused and accepted.
    const key = newSigningKey();
    const provider = new LocalOpenIdProvider([{ key, endorsements: ['msteams'] }]);
    const tokenValidation = await provider.start();
    const teamsConnector = new FakeConnector();
    const teamsServiceUrl = await teamsConnector.start();
    const appId = '0f4b5c6d-7e8f-4a0b-9c1d-2e3f4a5b6c7d';
    const tenant = '7a1f0c2e-4b3d-4e5f-8a9b-0c1d2e3f4a5b';
    const teamsEnv = {
      MicrosoftAppId: appId,
      MicrosoftAppPassword: APP_PASSWORD,
      MicrosoftAppTenantId: tenant,
      MicrosoftAppType: 'SingleTenant',
      VCOP_NOW: '2026-11-20T07:30:00Z',
    };
    const teams = await startTestApp({
      logLines,
      env: teamsEnv,
      extensions: [createBotExtension(readConfig({ ...teamsEnv, VCOP_API_TOKEN: TEST_TOKEN }), { tokenValidation })],
    });
    try {
      const press = new Conversation(teamsServiceUrl, { aadObjectId: 'aad-p1', name: 'PS 1001 Smith' }).cardAction('refreshDigest', {
        offset: 0,
      });
      const good = signChannelToken(key, { aud: appId, serviceurl: teamsServiceUrl });
      const wrongAudience = signChannelToken(key, { aud: 'someone-else', serviceurl: teamsServiceUrl });
      const expired = signChannelToken(key, { aud: appId, serviceurl: teamsServiceUrl }, { expiresInSeconds: -3600 });
      tokensSent.push(good, wrongAudience, expired);
      const original = console.error;
      console.error = () => undefined; // botframework-connector prints refused tokens' errors itself
      try {
        for (const token of tokensSent) {
          await fetch(`${teams.baseUrl}/api/messages`, {
            method: 'POST',
            headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
            body: JSON.stringify(press),
          });
        }
      } finally {
        console.error = original;
      }
    } finally {
      await teams.close();
      await teamsConnector.close();
      await provider.close();
    }

    // 3. A start with a wrong configuration: what the person starting it sees.
    const { execFile } = await import('node:child_process');
    const { fileURLToPath } = await import('node:url');
    const root = fileURLToPath(new URL('../../../', import.meta.url));
    const { mkdtemp, rm } = await import('node:fs/promises');
    const { tmpdir } = await import('node:os');
    const { join } = await import('node:path');
    const cwd = await mkdtemp(join(tmpdir(), 'vcop-config-'));
    try {
      const result = await new Promise<{ code: number | null; stderr: string; stdout: string }>((resolve) => {
        execFile(
          process.execPath,
          ['--import', import.meta.resolve('tsx'), join(root, 'src/main.ts')],
          {
            cwd,
            timeout: 60_000,
            env: {
              PATH: process.env.PATH ?? '',
              HOME: cwd,
              PORT: 'eighty',
              VCOP_API_TOKEN: 'short-secret',
              MicrosoftAppId: '0f4b5c6d-7e8f-4a0b-9c1d-2e3f4a5b6c7d',
              MicrosoftAppPassword: APP_PASSWORD,
              DATABASE_URL: `mysql://vcop:${APP_PASSWORD}@db.example/vcop`,
            },
          },
          (error, stdout, stderr) => resolve({ code: error ? (typeof error.code === 'number' ? error.code : null) : 0, stdout, stderr }),
        );
      });
      expect(result.code).toBe(2);
      expect(result.stderr).toMatch(/^ {2}- PORT: must be a port number \(got 'eighty'\)$/m);
      expect(result.stderr).toMatch(/^ {2}- VCOP_API_TOKEN: must be at least 16 characters/m);
      expect(result.stderr).toMatch(/^ {2}- DATABASE_URL: must be a postgres/m);
      expect(result.stderr).toMatch(/^ {2}- MicrosoftAppTenantId: is required for a SingleTenant bot/m);
      outputs.push(result.stdout, result.stderr);
    } finally {
      await rm(cwd, { recursive: true, force: true });
    }
  }, 180_000);

  it('logged every part of the run, each request with its id', () => {
    const lines = logLines.map((l) => JSON.parse(l) as Record<string, unknown>);
    const messages = new Set(lines.map((l) => l.msg));
    for (const expected of [
      'import committed',
      'import rejected',
      'item acknowledged',
      'case reassigned',
      "acknowledge refused: outside the actor's scope",
      'digest run finished',
      'Bot Framework token refused',
    ]) {
      expect(messages, expected).toContain(expected);
    }
    for (const line of lines.filter((l) => l.msg === 'request')) expect(line.requestId).toEqual(expect.any(String));
  });

  it('carry no victim detail, token, password or e-mail address, in the logs or in the output of a failed start', () => {
    const all = [...logLines, ...outputs].join('\n');
    for (const detail of VICTIM_DETAILS) expect(all, detail).not.toContain(detail);
    expect(all).not.toContain(TEST_TOKEN);
    expect(all).not.toContain(APP_PASSWORD);
    expect(all).not.toContain('short-secret');
    for (const token of tokensSent) {
      expect(all).not.toContain(token);
      expect(all).not.toContain(token.split('.')[2]!); // not even the signature
    }
    expect(all).not.toMatch(/[\w.+-]+@[\w-]+\.[\w.]+/);
    expect(all).not.toMatch(/bearer/i);
  });
});
