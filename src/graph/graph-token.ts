import { createPrivateKey, createSign, randomUUID, X509Certificate } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import type { GraphSettings } from '../config/graph-settings.js';

/**
 * An app-only token for Microsoft Graph (OAuth 2.0 client credentials, `{login}/{tenant}/oauth2/v2.0/token`,
 * scope `https://graph.microsoft.com/.default`), with a client secret or a certificate (a signed client
 * assertion). Kept until five minutes before it expires. Neither the secret nor the token is ever logged.
 */
export class GraphTokenSource {
  private cached: { token: string; expiresAt: number } | undefined;

  constructor(
    private readonly settings: GraphSettings,
    private readonly now: () => number = Date.now,
  ) {}

  async token(): Promise<string> {
    if (this.cached && this.cached.expiresAt - 5 * 60_000 > this.now()) return this.cached.token;
    const url = `${this.settings.loginUrl}/${encodeURIComponent(this.settings.tenantId)}/oauth2/v2.0/token`;
    const form = new URLSearchParams({
      grant_type: 'client_credentials',
      client_id: this.settings.clientId,
      scope: 'https://graph.microsoft.com/.default',
      ...(await this.credentialFields(url)),
    });
    const response = await fetch(url, { method: 'POST', body: form, signal: AbortSignal.timeout(30_000) });
    const body = (await response.json().catch(() => ({}))) as { access_token?: unknown; expires_in?: unknown; error?: unknown };
    if (!response.ok || typeof body.access_token !== 'string') {
      throw new GraphTokenError(response.status, typeof body.error === 'string' ? body.error.slice(0, 80) : 'no_token');
    }
    const seconds = typeof body.expires_in === 'number' ? body.expires_in : Number(body.expires_in ?? 3600);
    this.cached = { token: body.access_token, expiresAt: this.now() + (Number.isFinite(seconds) ? seconds : 3600) * 1000 };
    return body.access_token;
  }

  private async credentialFields(audience: string): Promise<Record<string, string>> {
    const credential = this.settings.credential;
    if (credential.kind === 'secret') return { client_secret: credential.secret };
    const pem = await readFile(credential.path, 'utf8');
    return {
      client_assertion_type: 'urn:ietf:params:oauth:client-assertion-type:jwt-bearer',
      client_assertion: clientAssertion(pem, this.settings.clientId, audience, this.now()),
    };
  }
}

/** The token endpoint refused (a wrong secret, an unknown client), or answered no token: not retried. */
export class GraphTokenError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
  ) {
    super(`Microsoft Graph gave no token (HTTP ${status} ${code}): check GRAPH_TENANT_ID, GRAPH_CLIENT_ID and the credential`);
    this.name = 'GraphTokenError';
  }
}

/** A JWT signed with the certificate's private key (RS256), naming the certificate by its SHA-1 and SHA-256 thumbprints. */
export function clientAssertion(pem: string, clientId: string, audience: string, nowMs: number): string {
  const certificate = new X509Certificate(pem);
  const key = createPrivateKey(pem);
  const thumbprint = (algorithm: string) =>
    Buffer.from(certificate[algorithm === 'sha1' ? 'fingerprint' : 'fingerprint256'].replaceAll(':', ''), 'hex');
  const header = { alg: 'RS256', typ: 'JWT', x5t: b64(thumbprint('sha1')), 'x5t#S256': b64(thumbprint('sha256')) };
  const seconds = Math.floor(nowMs / 1000);
  const claims = { aud: audience, iss: clientId, sub: clientId, jti: randomUUID(), nbf: seconds, iat: seconds, exp: seconds + 600 };
  const unsigned = `${b64(JSON.stringify(header))}.${b64(JSON.stringify(claims))}`;
  const signature = createSign('RSA-SHA256').update(unsigned).sign(key);
  return `${unsigned}.${b64(signature)}`;
}

function b64(value: string | Buffer): string {
  return Buffer.from(value).toString('base64url');
}
