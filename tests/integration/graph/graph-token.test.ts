import { execFileSync } from 'node:child_process';
import { createVerify, X509Certificate } from 'node:crypto';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readConfig } from '../../../src/config/env.js';
import type { GraphSettings } from '../../../src/config/graph-settings.js';
import { GraphAppInstaller } from '../../../src/graph/graph-app-installer.js';
import { FakeGraph } from '../../support/fake-graph.js';

/** The token for Graph with a certificate instead of a secret: a client assertion Entra can verify. */
let graph: FakeGraph;
let folder: string;
let pemPath: string;

beforeAll(async () => {
  graph = new FakeGraph();
  await graph.start();
  folder = await mkdtemp(join(tmpdir(), 'vcop-graph-cert-'));
  const key = join(folder, 'key.pem');
  const cert = join(folder, 'cert.pem');
  execFileSync(
    'openssl',
    ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', key, '-out', cert, '-days', '2', '-subj', '/CN=vcop-test'],
    {
      stdio: 'ignore',
    },
  );
  pemPath = join(folder, 'graph.pem');
  await writeFile(pemPath, `${await readFile(cert, 'utf8')}${await readFile(key, 'utf8')}`);
}, 30_000);

afterAll(async () => {
  await graph.close();
  await rm(folder, { recursive: true, force: true });
});

describe('a Graph token with a certificate', () => {
  it('asks with a client assertion signed by the certificate key, naming it by thumbprint, for the token endpoint', async () => {
    const { GRAPH_CLIENT_SECRET: _secret, ...env } = graph.env();
    const settings = readConfig({ VCOP_DATA_DIR: 'memory://', ...env, GRAPH_CERTIFICATE_PATH: pemPath }).graph as GraphSettings;
    expect(await new GraphAppInstaller(settings, { intervalMs: 0 }).installForUser('aad-p1')).toEqual({ kind: 'installed' });

    const token = graph.calls.find((call) => call.kind === 'token');
    expect(token?.body).toMatchObject({
      grant_type: 'client_credentials',
      client_id: settings.clientId,
      client_assertion_type: 'urn:ietf:params:oauth:client-assertion-type:jwt-bearer',
    });
    expect(token?.body).not.toHaveProperty('client_secret');
    const [header, claims, signature] = String(token?.body.client_assertion).split('.');
    const decode = (part: string | undefined) =>
      JSON.parse(Buffer.from(part ?? '', 'base64url').toString('utf8')) as Record<string, unknown>;
    const certificate = new X509Certificate(await readFile(pemPath, 'utf8'));
    const sha1 = Buffer.from(certificate.fingerprint.replaceAll(':', ''), 'hex').toString('base64url');
    expect(decode(header)).toMatchObject({ alg: 'RS256', typ: 'JWT', x5t: sha1 });
    expect(decode(claims)).toMatchObject({
      aud: `${settings.loginUrl}/${settings.tenantId}/oauth2/v2.0/token`,
      iss: settings.clientId,
      sub: settings.clientId,
    });
    const verified = createVerify('RSA-SHA256')
      .update(`${header}.${claims}`)
      .verify(certificate.publicKey, Buffer.from(signature ?? '', 'base64url'));
    expect(verified).toBe(true);
  });
});
