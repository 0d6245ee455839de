import { isValid, parseISO } from 'date-fns';
import { z } from 'zod';

/**
 * The only place that reads environment variables. Everything else receives a typed `AppConfig`,
 * so tests pass their own env and a wrong setting stops the start with a message naming it.
 */

const isoInstant = z
  .string()
  .refine((value) => /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/.test(value) && isValid(parseISO(value)), {
    message: 'must be an ISO 8601 instant with an offset, e.g. 2026-11-20T07:00:00Z',
  })
  .transform((value) => parseISO(value));

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
  HOST: z.string().min(1).default('0.0.0.0'),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  VCOP_NOW: isoInstant.optional(),
  VCOP_DATA_DIR: z.string().min(1).default('./data'),
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, 'must be a postgres:// or postgresql:// connection URL')
    .optional(),
  VCOP_API_TOKEN: z.string().min(16, 'must be at least 16 characters (use a long random string)').optional(),
  VCOP_DEMO: flag.default('1'),
  VCOP_DEMO_VICTIMS: z.coerce.number().int().min(10, 'must be at least 10').max(2_000_000).default(3000),
  VCOP_POLICY_FILE: z.string().min(1).optional(),
  VCOP_BANK_HOLIDAYS_FILE: z.string().min(1).optional(),
  VCOP_MAX_IMPORT_BYTES: z.coerce.number().int().positive().default(2 * 1024 * 1024 * 1024),
  VCOP_MAX_LINE_BYTES: z.coerce.number().int().positive().default(64 * 1024),
  VCOP_IMPORT_IDLE_SECONDS: z.coerce.number({ invalid_type_error: 'must be a number of seconds' }).positive('must be more than 0 seconds').max(3600, 'must be at most 3600 seconds').default(30),
  VCOP_STORE_STUCK_SECONDS: z.coerce.number({ invalid_type_error: 'must be a number of seconds' }).positive('must be more than 0 seconds').default(300),
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
  MicrosoftAppId: z.string().uuid('must be the bot\'s Microsoft app id (a GUID)').optional(),
  MicrosoftAppPassword: z.string().min(1).optional(),
  MicrosoftAppTenantId: z.string().uuid('must be your Entra tenant id (a GUID)').optional(),
  MicrosoftAppType: z.enum(['SingleTenant', 'MultiTenant', 'UserAssignedMSI']).optional(),
  OPENAI_API_KEY: z.string().min(1).optional(),
  OPENAI_MODEL: z.string().min(1).default('gpt-4o-mini'),
  AZURE_OPENAI_API_KEY: z.string().min(1).optional(),
  AZURE_OPENAI_ENDPOINT: z.string().url().optional(),
  AZURE_OPENAI_DEPLOYMENT: z.string().min(1).optional(),
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
  caseUrlTemplate: string | undefined;
  defaultDigestTime: string;
  schedulerEnabled: boolean;
  /** Absent in local mode: no token check, for the Agents Playground and tests. */
  bot: BotCredentials | undefined;
  /** The optional AI planner for questions (issue 4): off when undefined. */
  openAi: { apiKey: string; model: string } | { azureApiKey: string; endpoint: string; deployment: string } | undefined;
}

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Configuration is not valid:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

/** Secrets are never echoed back in an error message. */
const SECRET_KEYS = new Set(['VCOP_API_TOKEN', 'MicrosoftAppPassword', 'DATABASE_URL', 'OPENAI_API_KEY', 'AZURE_OPENAI_API_KEY']);

export function readConfig(env: Record<string, string | undefined> = process.env): AppConfig {
  const relevant = Object.fromEntries(
    Object.keys(envSchema.shape).map((key) => [key, env[key] === '' ? undefined : env[key]]),
  );
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
  if (bot && !e.VCOP_API_TOKEN) {
    problems.push('VCOP_API_TOKEN: is required when MicrosoftAppId is set (a generated token is for local mode only)');
  }
  if (problems.length > 0 || !parsed.success) throw new ConfigError(problems);
  return {
    port: e.PORT,
    host: e.HOST,
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
    caseUrlTemplate: e.VCOP_CASE_URL_TEMPLATE,
    defaultDigestTime: e.VCOP_DIGEST_DEFAULT_TIME,
    schedulerEnabled: e.VCOP_SCHEDULER,
    bot,
    openAi,
  };
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
