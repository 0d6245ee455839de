import { z } from 'zod';
import { parseIsoInstant } from '../domain/instant.js';
import { GRAPH_SECRET_KEYS, graphEnvShape, graphSettings, type GraphSettings } from './graph-settings.js';

/**
 * The only place that reads environment variables. Everything else receives a typed `AppConfig`,
 * so tests pass their own env and a wrong setting stops the start with a message naming it.
 */

/** The one ISO instant reading of the records and the API (src/domain/instant.ts). */
const isoInstant = z.string().transform((value, ctx) => {
  const parsed = parseIsoInstant(value);
  if (parsed.ok) return parsed.instant;
  ctx.addIssue({ code: 'custom', message: parsed.problem });
  return z.NEVER;
});

const flag = z
  .enum(['0', '1', 'true', 'false', 'yes', 'no'], { errorMap: () => ({ message: 'must be 1 or 0' }) })
  .transform((value) => value === '1' || value === 'true' || value === 'yes');

const port = z.coerce
  .number({ invalid_type_error: 'must be a port number' })
  .int('must be a whole number')
  .min(0, 'must be between 0 and 65535')
  .max(65535, 'must be between 0 and 65535');

const envSchema = z.object({
  PORT: port.default(3978),
  /** Default: 127.0.0.1 in local mode (nothing checks who calls /api/messages), 0.0.0.0 in Teams mode. */
  HOST: z.string().min(1).optional(),
  VCOP_LOCAL_MODE_ALLOW_REMOTE: flag.default('0'),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  VCOP_NOW: isoInstant.optional(),
  VCOP_DATA_DIR: z.string().min(1).default('./data'),
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, 'must be a postgres:// or postgresql:// connection URL')
    .optional(),
  VCOP_API_TOKEN: z
    .string()
    .min(16, 'must be at least 16 characters (use a long random string)')
    // It travels in an Authorization header: a space, a control character or a non-ASCII letter never arrives intact.
    .regex(
      /^[\x21-\x7e]+$/,
      'must be letters, digits and ASCII punctuation only, with no spaces or other characters an HTTP ' +
        'header cannot carry (e.g. the output of `openssl rand -base64 32`)',
    )
    .optional(),
  VCOP_DEMO: flag.default('1'),
  VCOP_DEMO_VICTIMS: z.coerce.number().int().min(10, 'must be at least 10').max(2_000_000).default(3000),
  VCOP_POLICY_FILE: z.string().min(1).optional(),
  VCOP_BANK_HOLIDAYS_FILE: z.string().min(1).optional(),
  VCOP_MAX_IMPORT_BYTES: z.coerce
    .number()
    .int()
    .positive()
    .default(2 * 1024 * 1024 * 1024),
  VCOP_MAX_LINE_BYTES: z.coerce
    .number()
    .int()
    .positive()
    .default(64 * 1024),
  VCOP_IMPORT_IDLE_SECONDS: z.coerce
    .number({ invalid_type_error: 'must be a number of seconds' })
    .positive('must be more than 0 seconds')
    .max(3600, 'must be at most 3600 seconds')
    .default(30),
  VCOP_STORE_STUCK_SECONDS: z.coerce
    .number({ invalid_type_error: 'must be a number of seconds' })
    .positive('must be more than 0 seconds')
    .default(300),
  VCOP_DISK_HEADROOM_MB: z.coerce
    .number({ invalid_type_error: 'must be a number of megabytes' })
    .int('must be a whole number of megabytes')
    .min(0, 'must be 0 (no check) or more megabytes')
    .default(64),
  VCOP_EVENT_LOOP_STALL_SECONDS: z.coerce
    .number({ invalid_type_error: 'must be a number of seconds' })
    .min(5, 'must be at least 5 seconds (a force-wide evaluation may hold the event loop for a few seconds)')
    .default(60),
  VCOP_CASE_URL_TEMPLATE: z
    .string()
    .refine((value) => value.includes('{caseId}') && /^https:\/\//.test(value), {
      message: 'must be an https:// URL containing {caseId}, e.g. https://records.example.police.uk/cases/{caseId}',
    })
    .optional(),
  VCOP_DIGEST_DEFAULT_TIME: z
    .string()
    .regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'must be a 24-hour time HH:MM, e.g. 07:00')
    .default('07:00'),
  VCOP_SCHEDULER: flag.default('1'),
  MicrosoftAppId: z.string().uuid("must be the bot's Microsoft app id (a GUID)").optional(),
  MicrosoftAppPassword: z.string().min(1).optional(),
  MicrosoftAppTenantId: z.string().uuid('must be your Entra tenant id (a GUID)').optional(),
  MicrosoftAppType: z.enum(['SingleTenant', 'MultiTenant', 'UserAssignedMSI']).optional(),
  OPENAI_API_KEY: z.string().min(1).optional(),
  OPENAI_MODEL: z.string().min(1).default('gpt-4o-mini'),
  AZURE_OPENAI_API_KEY: z.string().min(1).optional(),
  AZURE_OPENAI_ENDPOINT: z.string().url().optional(),
  AZURE_OPENAI_DEPLOYMENT: z.string().min(1).optional(),
  ...graphEnvShape,
});

export type RawEnv = z.input<typeof envSchema>;
type ParsedEnv = z.output<typeof envSchema>;

export interface BotCredentials {
  appId: string;
  appPassword: string | undefined;
  tenantId: string | undefined;
  appType: 'SingleTenant' | 'MultiTenant' | 'UserAssignedMSI';
}

export interface AppConfig {
  port: number;
  host: string;
  logLevel: ParsedEnv['LOG_LEVEL'];
  fixedNow: Date | undefined;
  dataDir: string;
  databaseUrl: string | undefined;
  apiToken: string | undefined;
  demo: boolean;
  demoVictims: number;
  policyFile: string | undefined;
  bankHolidaysFile: string | undefined;
  maxImportBytes: number;
  maxLineBytes: number;
  /** The longest wait for the next bytes of an import's body before it is ended (408). */
  importIdleMs: number;
  /** Store operations waiting this long with none finishing: liveness fails (the store is wedged). */
  storeStuckMs: number;
  /** PGlite: free space kept on the data folder's disk beyond what an import needs; 0 checks nothing. */
  diskHeadroomBytes: number;
  /** The event loop not turning for this long: the process is ended (src/app/event-loop-watchdog.ts). */
  eventLoopStallMs: number;
  caseUrlTemplate: string | undefined;
  defaultDigestTime: string;
  schedulerEnabled: boolean;
  /** Absent in local mode: no token check, for the Agents Playground and tests. */
  bot: BotCredentials | undefined;
  /** The optional AI planner for questions (issue 4): off when undefined. */
  openAi: { apiKey: string; model: string } | { azureApiKey: string; endpoint: string; deployment: string } | undefined;
  /** Microsoft Graph, to install the app for those who never did (src/config/graph-settings.ts): off when undefined. */
  graph: GraphSettings | undefined;
}

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Configuration is not valid:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

/** Secrets are never echoed back in an error message. */
const SECRET_KEYS = new Set([
  'VCOP_API_TOKEN',
  'MicrosoftAppPassword',
  'DATABASE_URL',
  'OPENAI_API_KEY',
  'AZURE_OPENAI_API_KEY',
  ...GRAPH_SECRET_KEYS,
]);

export function readConfig(env: Record<string, string | undefined> = process.env): AppConfig {
  const relevant = Object.fromEntries(Object.keys(envSchema.shape).map((key) => [key, env[key] === '' ? undefined : env[key]]));
  const parsed = envSchema.safeParse(relevant);
  const problems: string[] = [];
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      const key = String(issue.path[0]);
      const shown = SECRET_KEYS.has(key) ? '' : ` (got '${String(relevant[key])}')`;
      problems.push(`${key}: ${issue.message}${shown}`);
    }
  }
  // Cross-variable rules need only presence, so they are checked even when a value above was wrong:
  // the user sees every problem at once.
  const e = (parsed.success ? parsed.data : relevant) as ParsedEnv;
  const bot = botCredentials(e, problems);
  const openAi = openAiSettings(e, problems);
  const graph = graphSettings(e, problems);
  const host = listenHost(e, bot, problems);
  if (bot && !e.VCOP_API_TOKEN) {
    problems.push('VCOP_API_TOKEN: is required when MicrosoftAppId is set (a generated token is for local mode only)');
  }
  if (problems.length > 0 || !parsed.success) throw new ConfigError(problems);
  return {
    port: e.PORT,
    host,
    logLevel: e.LOG_LEVEL,
    fixedNow: e.VCOP_NOW,
    dataDir: e.VCOP_DATA_DIR,
    databaseUrl: e.DATABASE_URL,
    apiToken: e.VCOP_API_TOKEN,
    demo: e.VCOP_DEMO,
    demoVictims: e.VCOP_DEMO_VICTIMS,
    policyFile: e.VCOP_POLICY_FILE,
    bankHolidaysFile: e.VCOP_BANK_HOLIDAYS_FILE,
    maxImportBytes: e.VCOP_MAX_IMPORT_BYTES,
    maxLineBytes: e.VCOP_MAX_LINE_BYTES,
    importIdleMs: e.VCOP_IMPORT_IDLE_SECONDS * 1000,
    storeStuckMs: e.VCOP_STORE_STUCK_SECONDS * 1000,
    diskHeadroomBytes: e.VCOP_DISK_HEADROOM_MB * 1024 * 1024,
    eventLoopStallMs: e.VCOP_EVENT_LOOP_STALL_SECONDS * 1000,
    caseUrlTemplate: e.VCOP_CASE_URL_TEMPLATE,
    defaultDigestTime: e.VCOP_DIGEST_DEFAULT_TIME,
    schedulerEnabled: e.VCOP_SCHEDULER,
    bot,
    openAi,
    graph,
  };
}

const LOOPBACK_HOSTS = /^(localhost|127(\.\d{1,3}){3}|::1|::ffff:127(\.\d{1,3}){3})$/i;

/**
 * Local mode answers /api/messages without checking any Bot Framework token: anyone who can reach the port
 * can act as any person in the records. So it listens on this machine only unless told otherwise.
 */
function listenHost(e: ParsedEnv, bot: BotCredentials | undefined, problems: string[]): string {
  if (bot) return e.HOST ?? '0.0.0.0';
  const host = e.HOST ?? '127.0.0.1';
  // A raw string when another variable was wrong (then `e` is the unparsed env): read it the way `flag` does.
  const allowRemote = [true, '1', 'true', 'yes'].includes(e.VCOP_LOCAL_MODE_ALLOW_REMOTE as boolean | string);
  if (!LOOPBACK_HOSTS.test(host) && !allowRemote) {
    problems.push(
      `HOST: '${host}' would let other machines reach local mode, where the bot endpoint checks no sign-in ` +
        `and anyone could act as any person: ` +
        'use HOST=127.0.0.1 (the local-mode default), or set MicrosoftAppId and the rest of the bot registration (Teams mode), ' +
        'or set VCOP_LOCAL_MODE_ALLOW_REMOTE=1 if the network in front of it is trusted',
    );
  }
  return host;
}

function botCredentials(e: ParsedEnv, problems: string[]): BotCredentials | undefined {
  if (!e.MicrosoftAppId) {
    for (const key of ['MicrosoftAppPassword', 'MicrosoftAppTenantId', 'MicrosoftAppType'] as const) {
      if (e[key]) problems.push(`${key}: is set but MicrosoftAppId is not; set MicrosoftAppId too, or unset it for local mode`);
    }
    return undefined;
  }
  const appType = e.MicrosoftAppType ?? 'SingleTenant';
  if (appType !== 'UserAssignedMSI' && !e.MicrosoftAppPassword) {
    problems.push('MicrosoftAppPassword: is required when MicrosoftAppId is set (the client secret of the bot registration)');
  }
  if (appType !== 'MultiTenant' && !e.MicrosoftAppTenantId) {
    problems.push(`MicrosoftAppTenantId: is required for a ${appType} bot (your force's Entra tenant id)`);
  }
  return { appId: e.MicrosoftAppId, appPassword: e.MicrosoftAppPassword, tenantId: e.MicrosoftAppTenantId, appType };
}

function openAiSettings(e: ParsedEnv, problems: string[]): AppConfig['openAi'] {
  if (e.AZURE_OPENAI_API_KEY || e.AZURE_OPENAI_ENDPOINT || e.AZURE_OPENAI_DEPLOYMENT) {
    if (!e.AZURE_OPENAI_API_KEY || !e.AZURE_OPENAI_ENDPOINT || !e.AZURE_OPENAI_DEPLOYMENT) {
      problems.push('AZURE_OPENAI_API_KEY, AZURE_OPENAI_ENDPOINT and AZURE_OPENAI_DEPLOYMENT: set all three to use Azure OpenAI, or none');
      return undefined;
    }
    return { azureApiKey: e.AZURE_OPENAI_API_KEY, endpoint: e.AZURE_OPENAI_ENDPOINT, deployment: e.AZURE_OPENAI_DEPLOYMENT };
  }
  return e.OPENAI_API_KEY ? { apiKey: e.OPENAI_API_KEY, model: e.OPENAI_MODEL } : undefined;
}
