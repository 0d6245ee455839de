import { createHmac } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import jwt from 'jsonwebtoken';
import { startApp, type RunningApp } from '../../src/app.js';
import { createBotExtension } from '../../src/app.js';
import { readConfig } from '../../src/config/env.js';
import { createLogger } from '../../src/log/logger.js';
import { FakeConnector } from '../support/fake-connector.js';
import { LocalOpenIdProvider, newSigningKey, signChannelToken, type SigningKey } from '../support/local-bot-framework-keys.js';
import { Conversation, TENANT } from '../support/bot-harness.js';

/**
 * Teams mode (an app id configured) with the token check pointed at an OpenID metadata document and key
 * set served on 127.0.0.1: tokens signed here with those keys are genuine as far as the bot can tell,
 * so every way a token can be wrong is tried against the real botbuilder validation.
 */
const APP_ID = '0f4b5c6d-7e8f-4a0b-9c1d-2e3f4a5b6c7d';
const OTHER_APP_ID = '9e8d7c6b-5a4f-4e3d-8c2b-1a0f9e8d7c6b';
const OTHER_TENANT = '11111111-2222-4333-8444-555555555555';
const stranger = { aadObjectId: 'eeeeeeee-0000-4000-8000-00000000ffff', name: 'Stranger' };

let provider: LocalOpenIdProvider;
let connector: FakeConnector;
let serviceUrl: string;
let app: RunningApp;
let baseUrl: string;
let key: SigningKey;
/** Published, but endorsed for another channel only. */
let webchatOnlyKey: SigningKey;
/** Never published: a forger's key, sometimes claiming a published key id. */
let forgerKey: SigningKey;

beforeAll(async () => {
  // botframework-connector prints refused tokens' details (and the public keys) with console.error.
  vi.spyOn(console, 'error').mockImplementation(() => undefined);
  key = newSigningKey();
  webchatOnlyKey = newSigningKey();
  forgerKey = newSigningKey();
  provider = new LocalOpenIdProvider([
    { key, endorsements: ['msteams', 'webchat'] },
    { key: webchatOnlyKey, endorsements: ['webchat'] },
  ]);
  const tokenValidation = await provider.start();
  connector = new FakeConnector();
  serviceUrl = await connector.start();
  const config = readConfig({
    PORT: '0',
    HOST: '127.0.0.1',
    LOG_LEVEL: 'silent',
    VCOP_DATA_DIR: 'memory://',
    VCOP_DEMO: '0',
    VCOP_SCHEDULER: '0',
    VCOP_NOW: '2026-11-20T07:30:00Z',
    VCOP_API_TOKEN: 'auth-test-token-0123456789',
    MicrosoftAppId: APP_ID,
    MicrosoftAppPassword: 'not-a-real-secret',
    MicrosoftAppTenantId: TENANT,
    MicrosoftAppType: 'SingleTenant',
  });
  app = await startApp(config, createLogger({ level: 'silent' }), [createBotExtension(config, { tokenValidation })]);
  baseUrl = `http://127.0.0.1:${app.port}`;
}, 60_000);

afterAll(async () => {
  vi.restoreAllMocks();
  await app?.close();
  await connector?.close();
  await provider?.close();
});

/** A card button press: answered in the invoke response, so a valid request needs no outbound call. */
function press(tenant = TENANT): object {
  return new Conversation(serviceUrl, stranger, 'personal', tenant).cardAction('refreshDigest', { offset: 0 });
}

async function post(activity: object, authorization?: string): Promise<{ status: number; body: string }> {
  const response = await fetch(`${baseUrl}/api/messages`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(authorization === undefined ? {} : { authorization }) },
    body: JSON.stringify(activity),
  });
  return { status: response.status, body: await response.text() };
}

const valid = () => signChannelToken(key, { aud: APP_ID, serviceurl: serviceUrl });

describe('POST /api/messages with a Microsoft app id configured', () => {
  it('accepts a token signed with a published key for this bot and this serviceUrl (200)', async () => {
    const answer = await post(press(), `Bearer ${valid()}`);
    expect(answer.status).toBe(200);
    expect(answer.body).toContain("isn't linked to anyone");
    expect(provider.fetches).toBeGreaterThan(0);
  });

  const refused: [string, () => string | undefined][] = [
    ['no Authorization header', () => undefined],
    ['an empty Authorization header', () => ''],
    ['a token that is not a JWT', () => 'Bearer forged.token.value'],
    ['another scheme', () => `Basic ${valid()}`],
    ['two spaces after Bearer', () => `Bearer  ${valid()}`],
    ['a token for another bot (wrong audience)', () => `Bearer ${signChannelToken(key, { aud: OTHER_APP_ID, serviceurl: serviceUrl })}`],
    [
      'a token without an audience',
      () => `Bearer ${signChannelToken(key, { aud: undefined as unknown as string, serviceurl: serviceUrl })}`,
    ],
    [
      'an expired token (beyond the 5 minutes of clock skew allowed)',
      () => `Bearer ${signChannelToken(key, { aud: APP_ID, serviceurl: serviceUrl }, { expiresInSeconds: -600 })}`,
    ],
    [
      'a token not valid yet',
      () => `Bearer ${signChannelToken(key, { aud: APP_ID, serviceurl: serviceUrl, nbf: Math.floor(Date.now() / 1000) + 3600 })}`,
    ],
    [
      'a token from another issuer',
      () => `Bearer ${signChannelToken(key, { aud: APP_ID, serviceurl: serviceUrl, iss: 'https://evil.example.com' })}`,
    ],
    [
      'a token for another serviceUrl',
      () => `Bearer ${signChannelToken(key, { aud: APP_ID, serviceurl: 'https://smba.evil.example.com/' })}`,
    ],
    [
      'a token signed with an unpublished key under a published key id',
      () => `Bearer ${signChannelToken(forgerKey, { aud: APP_ID, serviceurl: serviceUrl }, { kid: key.kid })}`,
    ],
    ['a token signed with an unpublished key', () => `Bearer ${signChannelToken(forgerKey, { aud: APP_ID, serviceurl: serviceUrl })}`],
    [
      'a token signed with a key not endorsed for msteams',
      () => `Bearer ${signChannelToken(webchatOnlyKey, { aud: APP_ID, serviceurl: serviceUrl })}`,
    ],
    [
      'an unsigned token (alg none)',
      () =>
        `Bearer ${jwt.sign({ iss: 'https://api.botframework.com', aud: APP_ID, serviceurl: serviceUrl }, '', { algorithm: 'none', keyid: key.kid })}`,
    ],
    [
      'a token MACed with the public key (algorithm confusion)',
      () => {
        const header = Buffer.from(JSON.stringify({ alg: 'HS256', typ: 'JWT', kid: key.kid })).toString('base64url');
        const now = Math.floor(Date.now() / 1000);
        const payload = Buffer.from(
          JSON.stringify({ iss: 'https://api.botframework.com', aud: APP_ID, serviceurl: serviceUrl, exp: now + 600 }),
        ).toString('base64url');
        const secret = key.publicKey.export({ format: 'pem', type: 'spki' });
        return `Bearer ${header}.${payload}.${createHmacBase64Url(secret, `${header}.${payload}`)}`;
      },
    ],
  ];

  it.each(refused)('refuses %s with 401 and sends nothing', async (_label, authorization) => {
    const activity = press();
    const seen = connector.mark();
    const answer = await post(activity, authorization());
    expect(answer.status).toBe(401);
    expect(answer.body).not.toContain('linked');
    expect(seen()).toEqual([]);
  });

  it('refuses an activity from another tenant (403), even with a valid token', async () => {
    const answer = await post(press(OTHER_TENANT), `Bearer ${valid()}`);
    expect(answer.status).toBe(403);
    expect(answer.body).toContain('wrong_tenant');
  });

  it('refuses a token issued in another tenant (403), even for this bot', async () => {
    const now = Math.floor(Date.now() / 1000);
    // An Entra-issued (Emulator-style) token: verified against the Entra metadata, then its tenant is checked.
    const entraToken = jwt.sign(
      {
        iss: `https://sts.windows.net/${OTHER_TENANT}/`,
        aud: APP_ID,
        appid: APP_ID,
        ver: '1.0',
        tid: OTHER_TENANT,
        nbf: now - 60,
        exp: now + 600,
      },
      key.privateKey,
      { algorithm: 'RS256', keyid: key.kid },
    );
    const answer = await post(press(), `Bearer ${entraToken}`);
    expect(answer.status).toBe(403);
    const channelToken = signChannelToken(key, { aud: APP_ID, serviceurl: serviceUrl, tid: OTHER_TENANT });
    expect((await post(press(), `Bearer ${channelToken}`)).status).toBe(403);
    expect((await post(press(), `Bearer ${signChannelToken(key, { aud: APP_ID, serviceurl: serviceUrl, tid: TENANT })}`)).status).toBe(200);
  });

  it('keeps serving genuine requests after all the refusals', async () => {
    expect((await post(press(), `Bearer ${valid()}`)).status).toBe(200);
    expect((await fetch(`${baseUrl}/healthz`)).status).toBe(200);
  });
});

function createHmacBase64Url(secret: string | Buffer, data: string): string {
  return createHmac('sha256', secret).update(data).digest('base64url');
}
