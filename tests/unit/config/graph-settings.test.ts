import { describe, expect, it } from 'vitest';
import { ConfigError, readConfig } from '../../../src/config/env.js';

const GRAPH = {
  GRAPH_TENANT_ID: '11111111-2222-4333-8444-555555555555',
  GRAPH_CLIENT_ID: '66666666-7777-4888-8999-000000000000',
  GRAPH_TEAMS_APP_ID: 'aaaaaaaa-bbbb-4ccc-8ddd-eeeeeeeeeeee',
};

function problemsOf(env: Record<string, string>): string[] {
  try {
    readConfig(env);
  } catch (error) {
    if (error instanceof ConfigError) return error.problems;
    throw error;
  }
  return [];
}

describe('the Microsoft Graph settings (installing the app for those who never did)', () => {
  it('are off unless set, and read with a secret or a certificate, at the public cloud by default', () => {
    expect(readConfig({}).graph).toBeUndefined();
    expect(readConfig({ ...GRAPH, GRAPH_CLIENT_SECRET: 's3cret-value' }).graph).toEqual({
      tenantId: GRAPH.GRAPH_TENANT_ID,
      clientId: GRAPH.GRAPH_CLIENT_ID,
      catalogAppId: GRAPH.GRAPH_TEAMS_APP_ID,
      credential: { kind: 'secret', secret: 's3cret-value' },
      loginUrl: 'https://login.microsoftonline.com',
      apiUrl: 'https://graph.microsoft.com/v1.0',
    });
    expect(readConfig({ ...GRAPH, GRAPH_CERTIFICATE_PATH: '/run/secrets/graph.pem' }).graph?.credential).toEqual({
      kind: 'certificate',
      path: '/run/secrets/graph.pem',
    });
  });

  it('list every problem at once and never echo the secret', () => {
    const problems = problemsOf({
      GRAPH_CLIENT_SECRET: 'do-not-echo-me',
      GRAPH_CLIENT_ID: 'not-a-guid',
      GRAPH_API_URL: 'http://graph.example',
    });
    expect(problems).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^GRAPH_CLIENT_ID: must be the Entra app registration's client id/),
        expect.stringMatching(/^GRAPH_API_URL: must be an https:\/\/ URL/),
        expect.stringMatching(/^GRAPH_TENANT_ID: is required/),
        expect.stringMatching(/^GRAPH_TEAMS_APP_ID: is required/),
      ]),
    );
    expect(problems.join('\n')).not.toContain('do-not-echo-me');
    expect(problemsOf({ ...GRAPH })).toEqual([expect.stringMatching(/^GRAPH_CLIENT_SECRET or GRAPH_CERTIFICATE_PATH: one is required/)]);
    expect(problemsOf({ ...GRAPH, GRAPH_CLIENT_SECRET: 'x', GRAPH_CERTIFICATE_PATH: '/p.pem' })).toEqual([
      'GRAPH_CLIENT_SECRET and GRAPH_CERTIFICATE_PATH: set one of the two, not both',
    ]);
  });

  it('accept plain http only to this machine (a test fake), and drop a trailing slash', () => {
    const env = {
      ...GRAPH,
      GRAPH_CLIENT_SECRET: 'x',
      GRAPH_LOGIN_URL: 'http://127.0.0.1:4000/',
      GRAPH_API_URL: 'https://graph.microsoft.us/v1.0',
    };
    expect(readConfig(env).graph).toMatchObject({ loginUrl: 'http://127.0.0.1:4000', apiUrl: 'https://graph.microsoft.us/v1.0' });
  });
});
