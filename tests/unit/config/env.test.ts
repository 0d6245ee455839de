import { describe, expect, it } from 'vitest';
import { ConfigError, readConfig } from '../../../src/config/env.js';

function problemsOf(env: Record<string, string>): string[] {
  try {
    readConfig(env);
  } catch (error) {
    if (error instanceof ConfigError) return error.problems;
    throw error;
  }
  return [];
}

describe('readConfig', () => {
  it('has sensible defaults for a newcomer: local mode, embedded store, demo data', () => {
    const config = readConfig({});
    expect(config).toMatchObject({
      port: 3978,
      dataDir: './data',
      databaseUrl: undefined,
      demo: true,
      bot: undefined,
      defaultDigestTime: '07:00',
      fixedNow: undefined,
    });
  });

  it('reads an injected now', () => {
    expect(readConfig({ VCOP_NOW: '2026-11-20T07:00:00+00:00' }).fixedNow?.toISOString()).toBe('2026-11-20T07:00:00.000Z');
  });

  it('names every wrong variable and says what to fix', () => {
    const problems = problemsOf({ PORT: 'eighty', VCOP_NOW: 'yesterday', VCOP_DIGEST_DEFAULT_TIME: '7am', VCOP_DEMO: 'maybe' });
    expect(problems).toHaveLength(4);
    expect(problems.join('\n')).toMatch(/^PORT: /m);
    expect(problems.join('\n')).toMatch(/^VCOP_NOW: must be an ISO 8601 date and time with an offset/m);
    expect(problems.join('\n')).toMatch(/^VCOP_DIGEST_DEFAULT_TIME: must be a 24-hour time/m);
    expect(problems.join('\n')).toMatch(/^VCOP_DEMO: must be 1 or 0/m);
  });

  it('refuses an impossible date for now', () => {
    expect(problemsOf({ VCOP_NOW: '2026-02-30T07:00:00Z' })[0]).toMatch(/^VCOP_NOW/);
  });

  it('requires the rest of the bot registration once an app id is set, and never echoes secrets', () => {
    const problems = problemsOf({ MicrosoftAppId: '3f1c2b9a-0d4e-4c1a-9a7b-2f4e6d8c0b1a', DATABASE_URL: 'mysql://secret@host' });
    expect(problems.join('\n')).toMatch(/MicrosoftAppPassword: is required/);
    expect(problems.join('\n')).toMatch(/MicrosoftAppTenantId: is required/);
    expect(problems.join('\n')).toMatch(/DATABASE_URL: must be a postgres/);
    expect(problems.join('\n')).not.toMatch(/secret@host/);
  });

  it('requires an API token in Teams mode', () => {
    const problems = problemsOf({
      MicrosoftAppId: '3f1c2b9a-0d4e-4c1a-9a7b-2f4e6d8c0b1a',
      MicrosoftAppPassword: 'pw',
      MicrosoftAppTenantId: '9a7b2f4e-6d8c-4b1a-8f1c-2b9a0d4e4c1a',
    });
    expect(problems).toEqual([expect.stringMatching(/^VCOP_API_TOKEN: is required when MicrosoftAppId is set/)]);
  });

  it('reads the import idle timeout and the stuck-store bound in seconds, and refuses nonsense', () => {
    expect(readConfig({})).toMatchObject({ importIdleMs: 30_000, storeStuckMs: 300_000 });
    expect(readConfig({ VCOP_IMPORT_IDLE_SECONDS: '1.5', VCOP_STORE_STUCK_SECONDS: '60' })).toMatchObject({
      importIdleMs: 1500,
      storeStuckMs: 60_000,
    });
    const problems = problemsOf({ VCOP_IMPORT_IDLE_SECONDS: '0', VCOP_STORE_STUCK_SECONDS: 'soon' });
    expect(problems).toEqual([
      expect.stringMatching(/^VCOP_IMPORT_IDLE_SECONDS: must be more than 0 seconds/),
      expect.stringMatching(/^VCOP_STORE_STUCK_SECONDS: must be a number of seconds/),
    ]);
  });

  it('reads the headroom kept free on the data disk in MB, 0 for no check, and refuses nonsense', () => {
    expect(readConfig({}).diskHeadroomBytes).toBe(64 * 1024 * 1024);
    expect(readConfig({ VCOP_DISK_HEADROOM_MB: '0' }).diskHeadroomBytes).toBe(0);
    expect(problemsOf({ VCOP_DISK_HEADROOM_MB: '-1' })).toEqual([expect.stringMatching(/^VCOP_DISK_HEADROOM_MB: must be 0 \(no check\)/)]);
    expect(problemsOf({ VCOP_DISK_HEADROOM_MB: 'lots' })).toEqual([expect.stringMatching(/^VCOP_DISK_HEADROOM_MB: must be a number/)]);
  });

  it('refuses half an Azure OpenAI configuration', () => {
    expect(problemsOf({ AZURE_OPENAI_API_KEY: 'k' })[0]).toMatch(/set all three/);
  });

  describe('where it listens (issue 10, M10)', () => {
    const teams = {
      MicrosoftAppId: '3f1c2b9a-0d4e-4c1a-9a7b-2f4e6d8c0b1a',
      MicrosoftAppPassword: 'pw',
      MicrosoftAppTenantId: '9a7b2f4e-6d8c-4b1a-8f1c-2b9a0d4e4c1a',
      VCOP_API_TOKEN: 'a-long-random-token-0123456789',
    };

    it('listens on this machine only in local mode, where nothing checks who calls the bot', () => {
      expect(readConfig({}).host).toBe('127.0.0.1');
      for (const host of ['127.0.0.1', '::1', 'localhost', '127.0.0.2']) expect(readConfig({ HOST: host }).host).toBe(host);
    });

    it('refuses another host in local mode, saying how to fix it', () => {
      for (const host of ['0.0.0.0', '::', '10.1.2.3', 'vcop.example.police.uk']) {
        expect(problemsOf({ HOST: host }), host).toEqual([
          `HOST: '${host}' would let other machines reach local mode, where the bot endpoint checks no sign-in and anyone could act as any person: ` +
            'use HOST=127.0.0.1 (the local-mode default), or set MicrosoftAppId and the rest of the bot registration (Teams mode), ' +
            'or set VCOP_LOCAL_MODE_ALLOW_REMOTE=1 if the network in front of it is trusted',
        ]);
      }
    });

    it('takes another host in local mode only when VCOP_LOCAL_MODE_ALLOW_REMOTE=1 says so', () => {
      expect(readConfig({ HOST: '0.0.0.0', VCOP_LOCAL_MODE_ALLOW_REMOTE: '1' }).host).toBe('0.0.0.0');
      expect(problemsOf({ HOST: '0.0.0.0', VCOP_LOCAL_MODE_ALLOW_REMOTE: '0' })).toHaveLength(1);
      expect(problemsOf({ HOST: '0.0.0.0', VCOP_LOCAL_MODE_ALLOW_REMOTE: 'please' })[0]).toMatch(
        /^VCOP_LOCAL_MODE_ALLOW_REMOTE: must be 1 or 0/,
      );
      // Listed with the other problems even when another variable is wrong.
      expect(problemsOf({ HOST: '0.0.0.0', PORT: 'eighty' }).map((p) => p.split(':')[0])).toEqual(['PORT', 'HOST']);
    });

    it('listens on every interface by default in Teams mode, where every request carries a token', () => {
      expect(readConfig(teams).host).toBe('0.0.0.0');
      expect(readConfig({ ...teams, HOST: '10.1.2.3' }).host).toBe('10.1.2.3');
    });
  });

  it('refuses an API token that cannot be sent in an HTTP header, without echoing it', () => {
    for (const token of [
      'a long token with spaces in it',
      'tab\tseparated-token-0123456789',
      'token-with-newline-012345\n',
      'ünïcödé-token-0123456789',
    ]) {
      const problems = problemsOf({ VCOP_API_TOKEN: token });
      expect(problems, JSON.stringify(token)).toEqual([
        expect.stringMatching(/^VCOP_API_TOKEN: must be letters, digits and ASCII punctuation only, with no spaces/),
      ]);
      expect(problems.join('\n')).not.toContain(token.trim().slice(0, 8));
    }
    expect(readConfig({ VCOP_API_TOKEN: 'Zm9vYmFy+/=~._-!#$%&*0123456789' }).apiToken).toBe('Zm9vYmFy+/=~._-!#$%&*0123456789');
  });
});
