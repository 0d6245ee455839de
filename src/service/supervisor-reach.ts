import type { NoDigestReason } from '../domain/digest-reach.js';
import { peopleLinksReport, type NotReceivingDigest, type PeopleLinksReportDeps } from './people-links-report.js';

/**
 * Teams whose sergeant (a supervisor in the records) does not receive their digest, and why: for the
 * inspector's weekly summary (issue 13), so a sergeant's digest never stops without anyone being told.
 * The same verdicts as GET /v1/people/links: never installed, removed the app, 403 or other refusals from
 * Teams (`conversation_gone`, `failing` with the HTTP status), turned off, stopped by the service.
 */
export interface TeamWithoutDigest {
  unitId: string;
  personId: string;
  reason: NoDigestReason;
  detail: string | null;
  since: string | null;
  /** The latest install of the app through Microsoft Graph for that sergeant, if one was tried. */
  appInstall: NotReceivingDigest['appInstall'];
}

/** `unitIds`: only these teams (an inspector's command); every team when absent. By unit id. */
export async function teamsWhoseSergeantGetsNoDigest(
  deps: PeopleLinksReportDeps,
  unitIds?: ReadonlySet<string>,
): Promise<TeamWithoutDigest[]> {
  const report = await peopleLinksReport(deps);
  return report.notReceivingDigests
    .filter((person) => person.role === 'supervisor' && (!unitIds || unitIds.has(person.unitId)))
    .map(({ unitId, personId, reason, detail, since, appInstall }) => ({ unitId, personId, reason, detail, since, appInstall }))
    .sort((a, b) => a.unitId.localeCompare(b.unitId) || a.personId.localeCompare(b.personId));
}
