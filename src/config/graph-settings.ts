import { z } from 'zod';

/**
 * Microsoft Graph, to install the app for people who never did (issue 13): read by src/config/env.ts, the
 * one reader, with every problem listed and no secret echoed. Off unless GRAPH_TENANT_ID or any other is set.
 */
export interface GraphSettings {
  tenantId: string;
  clientId: string;
  /** One of the two: a client secret, or a PEM file with the certificate and its private key. */
  credential: { kind: 'secret'; secret: string } | { kind: 'certificate'; path: string };
  /** The app's id in the organisation's Teams app catalogue (not the manifest id). */
  catalogAppId: string;
  /** Where tokens come from, without the tenant: https://login.microsoftonline.com by default. */
  loginUrl: string;
  /** Graph's root, version included: https://graph.microsoft.com/v1.0 by default. */
  apiUrl: string;
}

/** https, or plain http to this machine only (a test's fake Graph). */
const endpoint = z
  .string()
  .url('must be a URL')
  .refine((value) => /^https:\/\//.test(value) || /^http:\/\/(127\.0\.0\.1|localhost)(:\d+)?(\/|$)/.test(value), {
    message: 'must be an https:// URL',
  })
  .transform((value) => value.replace(/\/+$/, ''));

export const graphEnvShape = {
  GRAPH_TENANT_ID: z.string().uuid('must be your Entra tenant id (a GUID)').optional(),
  GRAPH_CLIENT_ID: z.string().uuid("must be the Entra app registration's client id (a GUID)").optional(),
  GRAPH_CLIENT_SECRET: z.string().min(1).optional(),
  GRAPH_CERTIFICATE_PATH: z.string().min(1).optional(),
  GRAPH_TEAMS_APP_ID: z.string().uuid("must be the app's id in your Teams app catalogue (a GUID)").optional(),
  GRAPH_LOGIN_URL: endpoint.default('https://login.microsoftonline.com'),
  GRAPH_API_URL: endpoint.default('https://graph.microsoft.com/v1.0'),
};

export const GRAPH_SECRET_KEYS = ['GRAPH_CLIENT_SECRET'] as const;

type GraphEnv = z.output<z.ZodObject<typeof graphEnvShape>>;

const REQUIRED = ['GRAPH_TENANT_ID', 'GRAPH_CLIENT_ID', 'GRAPH_TEAMS_APP_ID'] as const;

export function graphSettings(e: GraphEnv, problems: string[]): GraphSettings | undefined {
  const given = [...REQUIRED, 'GRAPH_CLIENT_SECRET', 'GRAPH_CERTIFICATE_PATH'] as const;
  if (!given.some((key) => e[key])) return undefined;
  for (const key of REQUIRED) {
    if (!e[key]) problems.push(`${key}: is required to install the app through Microsoft Graph (or unset every GRAPH_ variable)`);
  }
  if (e.GRAPH_CLIENT_SECRET && e.GRAPH_CERTIFICATE_PATH) {
    problems.push('GRAPH_CLIENT_SECRET and GRAPH_CERTIFICATE_PATH: set one of the two, not both');
  } else if (!e.GRAPH_CLIENT_SECRET && !e.GRAPH_CERTIFICATE_PATH) {
    problems.push("GRAPH_CLIENT_SECRET or GRAPH_CERTIFICATE_PATH: one is required (the app registration's secret, or a PEM file)");
  }
  if (!e.GRAPH_TENANT_ID || !e.GRAPH_CLIENT_ID || !e.GRAPH_TEAMS_APP_ID) return undefined;
  const credential = e.GRAPH_CERTIFICATE_PATH
    ? { kind: 'certificate' as const, path: e.GRAPH_CERTIFICATE_PATH }
    : { kind: 'secret' as const, secret: e.GRAPH_CLIENT_SECRET ?? '' };
  return {
    tenantId: e.GRAPH_TENANT_ID,
    clientId: e.GRAPH_CLIENT_ID,
    credential,
    catalogAppId: e.GRAPH_TEAMS_APP_ID,
    loginUrl: e.GRAPH_LOGIN_URL,
    apiUrl: e.GRAPH_API_URL,
  };
}
