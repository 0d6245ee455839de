import { generateKeyPairSync, randomUUID, type KeyObject } from 'node:crypto';
import http from 'node:http';
import jwt from 'jsonwebtoken';
import type { BotTokenValidation } from '../../src/bot/bot-adapter.js';
import { closeServer, listenOnLoopback } from './loopback-server.js';

/** The issuer of tokens the Bot Connector service puts on activities (public cloud). */
export const CHANNEL_ISSUER = 'https://api.botframework.com';

export interface SigningKey {
  kid: string;
  privateKey: KeyObject;
  publicKey: KeyObject;
}

export function newSigningKey(kid = `key-${randomUUID()}`): SigningKey {
  const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  return { kid, privateKey, publicKey };
}

/**
 * A stand-in for login.botframework.com on 127.0.0.1: an OpenID metadata document whose `jwks_uri`
 * lists the public keys given, each endorsed for the channels given (as the real one endorses msteams).
 * The bot is pointed at it through `tokenValidation`; tokens signed with the private keys then verify.
 */
export class LocalOpenIdProvider {
  private readonly server = http.createServer((req, res) => this.handle(req, res));
  private baseUrl = '';
  /** How many times the metadata and key set were fetched. */
  fetches = 0;

  constructor(private readonly keys: { key: SigningKey; endorsements: string[] }[]) {}

  async start(): Promise<BotTokenValidation> {
    this.baseUrl = (await listenOnLoopback(this.server)).slice(0, -1);
    return {
      channelOpenIdMetadataUrl: `${this.baseUrl}/channel/.well-known/openidconfiguration`,
      channelTokenIssuer: CHANNEL_ISSUER,
      emulatorOpenIdMetadataUrl: `${this.baseUrl}/entra/.well-known/openid-configuration`,
    };
  }

  async close(): Promise<void> {
    await closeServer(this.server);
  }

  private handle(req: http.IncomingMessage, res: http.ServerResponse): void {
    this.fetches++;
    const path = req.url ?? '';
    const send = (body: unknown) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify(body));
    };
    if (path.endsWith('/.well-known/openidconfiguration') || path.endsWith('/.well-known/openid-configuration')) {
      const prefix = path.slice(0, path.indexOf('/.well-known'));
      send({ issuer: CHANNEL_ISSUER, jwks_uri: `${this.baseUrl}${prefix}/keys`, id_token_signing_alg_values_supported: ['RS256'] });
      return;
    }
    if (path.endsWith('/keys')) {
      send({
        keys: this.keys.map(({ key, endorsements }) => {
          const jwk = key.publicKey.export({ format: 'jwk' }) as { n: string; e: string };
          return { kty: 'RSA', use: 'sig', kid: key.kid, n: jwk.n, e: jwk.e, endorsements };
        }),
      });
      return;
    }
    res.writeHead(404).end();
  }
}

/** A token as the Bot Connector signs it for an activity, with any claim overridden or removed (undefined). */
export function signChannelToken(
  key: SigningKey,
  claims: { aud: string; serviceurl: string } & Record<string, unknown>,
  options: { kid?: string; expiresInSeconds?: number; algorithm?: jwt.Algorithm } = {},
): string {
  const now = Math.floor(Date.now() / 1000);
  const payload = Object.fromEntries(
    Object.entries({ iss: CHANNEL_ISSUER, nbf: now - 60, exp: now + (options.expiresInSeconds ?? 3600), ...claims }).filter(
      ([, value]) => value !== undefined,
    ),
  );
  return jwt.sign(payload, key.privateKey, { algorithm: options.algorithm ?? 'RS256', keyid: options.kid ?? key.kid, noTimestamp: false });
}
