import type { Clock } from '../domain/clock.js';
import { digestReach, type NoDigestReason } from '../domain/digest-reach.js';
import type { Role } from '../domain/types.js';
import type { Logger } from '../log/logger.js';
import { AppInstallStore, type GraphUserKeys } from '../store/app-install-store.js';
import { appendAudit } from '../store/audit-log.js';
import type { Db } from '../store/db.js';
import { PeopleLinksStore } from '../store/people-links-store.js';
import type { AppInstaller, InstallOutcome } from './ports/app-installer.js';

/**
 * Installs the app for supervisors and officers in the records who do not have it (issue 13): those who
 * never installed it, and those whose chat Teams refuses (403 BotNotInConversationRoster). Not for anyone
 * who removed it themselves. Teams then sends the installationUpdate, which subscribes them as any install
 * does (src/bot/install-handler.ts). Each person is tried at most once per INSTALL_INTERVAL_MS, whichever
 * trigger asks, each try audited; logs carry person ids only (never the address Graph is given).
 */
export const INSTALL_INTERVAL_MS = 20 * 60 * 60 * 1000;

/** Who asked: after an import, the daily run, `vcop install-missing`, or POST /v1/teams/install-missing. */
export type InstallTrigger = 'import' | 'schedule' | 'cli' | 'api';

/** Whom the app is installed for: the roles an install subscribes. */
const INSTALLED_FOR: ReadonlySet<Role> = new Set(['supervisor', 'officer']);

/** The reasons an install can mend. */
const MENDABLE: ReadonlySet<NoDigestReason> = new Set(['never_installed', 'conversation_gone']);

export interface InstallCandidate {
  personId: string;
  role: Role;
  unitId: string;
  reason: NoDigestReason;
}

export type InstallResultOutcome = InstallOutcome['kind'] | 'no_address';

export interface InstallMissingResult {
  dryRun: boolean;
  /** People who do not have the app, an install could mend, and were not tried within the interval. */
  candidates: number;
  /** Tried within the interval: left alone this time. */
  waiting: number;
  counts: Record<InstallResultOutcome, number>;
  people: Array<InstallCandidate & { outcome?: InstallResultOutcome }>;
}

export interface InstallMissingDeps {
  db: Db;
  clock: Clock;
  logger: Logger;
  /** Undefined without Graph configured: only a dry run is possible. */
  installer: AppInstaller | undefined;
}

export class GraphNotConfiguredError extends Error {
  constructor() {
    super(
      'Microsoft Graph is not configured: set GRAPH_TENANT_ID, GRAPH_CLIENT_ID, GRAPH_CLIENT_SECRET (or ' +
        'GRAPH_CERTIFICATE_PATH) and GRAPH_TEAMS_APP_ID, or use a dry run to see who would be installed',
    );
    this.name = 'GraphNotConfiguredError';
  }
}

export async function installMissingApps(
  deps: InstallMissingDeps,
  options: { dryRun: boolean; trigger: InstallTrigger; signal?: AbortSignal },
): Promise<InstallMissingResult> {
  if (!options.dryRun && !deps.installer) throw new GraphNotConfiguredError();
  const installs = new AppInstallStore(deps.db);
  const now = deps.clock.now();
  const missing = await missingPeople(deps.db);
  const tried = await installs.triedSince(now, INSTALL_INTERVAL_MS);
  const due = missing.filter((person) => !tried.has(person.personId));
  const keys = new Map((await installs.userKeys(due.map((p) => p.personId))).map((k) => [k.personId, userKeyOf(k)]));
  const result: InstallMissingResult = {
    dryRun: options.dryRun,
    candidates: due.length,
    waiting: missing.length - due.length,
    counts: { installed: 0, already_installed: 0, refused: 0, failed: 0, no_address: 0 },
    people: [],
  };
  for (const person of due) {
    const key = keys.get(person.personId);
    if (options.dryRun || !deps.installer) {
      result.people.push(key ? person : { ...person, outcome: 'no_address' });
      continue;
    }
    if (options.signal?.aborted) break;
    const outcome = key ? await tryInstall(deps, deps.installer, installs, person, key, options.trigger) : 'no_address';
    if (outcome === undefined) continue;
    result.counts[outcome]++;
    result.people.push({ ...person, outcome });
  }
  if (!options.dryRun)
    deps.logger.info({ trigger: options.trigger, candidates: result.candidates, ...result.counts }, 'app installs finished');
  return result;
}

/** One person's try: claimed first (so never twice within the interval), recorded and audited after. */
async function tryInstall(
  deps: InstallMissingDeps,
  installer: AppInstaller,
  installs: AppInstallStore,
  person: InstallCandidate,
  key: string,
  trigger: InstallTrigger,
): Promise<InstallResultOutcome | undefined> {
  if (!(await installs.claim(person.personId, deps.clock.now(), INSTALL_INTERVAL_MS))) return undefined;
  const outcome = await installer.installForUser(key);
  const status = outcome.kind === 'refused' || outcome.kind === 'failed' ? outcome.status : null;
  const code = outcome.kind === 'refused' || outcome.kind === 'failed' ? outcome.code : null;
  await installs.record(person.personId, outcome.kind, status, code);
  await appendAudit(deps.db, {
    at: deps.clock.now(),
    actorId: null,
    action: 'teams_app.install',
    subject: `person:${person.personId}`,
    details: { trigger, reason: person.reason, outcome: outcome.kind, status, code },
  });
  const log = deps.logger.child({ personId: person.personId, outcome: outcome.kind, status, code });
  if (outcome.kind === 'refused' || outcome.kind === 'failed') log.warn('could not install the app for a person through Microsoft Graph');
  else log.info('installed the app for a person through Microsoft Graph (or Teams already had it)');
  return outcome.kind;
}

async function missingPeople(db: Db): Promise<InstallCandidate[]> {
  const reach = await new PeopleLinksStore(db).digestReachFacts();
  const missing: InstallCandidate[] = [];
  for (const { facts, personId, role, unitId } of reach) {
    const verdict = digestReach(facts);
    if (verdict.kind !== 'does_not_receive' || !MENDABLE.has(verdict.reason) || !INSTALLED_FOR.has(role)) continue;
    missing.push({ personId, role, unitId, reason: verdict.reason });
  }
  return missing;
}

/** Graph names a user by object id or user principal name; an e-mail address is tried as the latter. */
function userKeyOf(keys: GraphUserKeys): string | undefined {
  return keys.aadObjectId ?? keys.upn ?? keys.email ?? undefined;
}
