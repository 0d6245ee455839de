import type { Clock } from '../domain/clock.js';
import { digestReach, type NoDigestReason } from '../domain/digest-reach.js';
import type { AppInstallRecord } from '../store/app-install-store.js';
import type { PeopleLinksStore, StaffRef, UnlinkedPerson, UnmatchedTeamsUser } from '../store/people-links-store.js';

/**
 * Who Teams does not know yet, and who does not receive digests (GET /v1/people/links, `vcop people-links`):
 * people in the records no Teams user is linked to, Teams users who could not be matched (ids only, with
 * the reason), and supervisors and officers (and anyone subscribed) whose digests do not reach them, with why.
 */
export interface PeopleLinksReport {
  asOf: string;
  counts: { people: number; unlinked: number; unmatchedTeamsUsers: number; notReceivingDigests: number };
  unlinked: UnlinkedPerson[];
  unmatchedTeamsUsers: UnmatchedTeamsUser[];
  notReceivingDigests: NotReceivingDigest[];
}

export interface NotReceivingDigest extends StaffRef {
  reason: NoDigestReason;
  /** The service's stop reason, the Connector's code (e.g. BotNotInConversationRoster), or the failed sends. */
  detail: string | null;
  /** Since when, as far as the store knows (ISO 8601 instant, or the local date of the failed send). */
  since: string | null;
  /** The latest install of the app for them through Microsoft Graph, if one was tried (null without Graph). */
  appInstall: Omit<AppInstallRecord, 'personId'> | null;
}

export interface PeopleLinksReportDeps {
  store: Pick<PeopleLinksStore, 'unlinkedPeople' | 'unmatchedTeamsUsers' | 'digestReachFacts' | 'peopleCount' | 'appInstalls'>;
  clock: Clock;
}

export async function peopleLinksReport(deps: PeopleLinksReportDeps): Promise<PeopleLinksReport> {
  const people = await deps.store.peopleCount();
  const unlinked = await deps.store.unlinkedPeople();
  const unmatchedTeamsUsers = await deps.store.unmatchedTeamsUsers();
  const reach = await deps.store.digestReachFacts();
  const installs = await deps.store.appInstalls();
  const notReceivingDigests: NotReceivingDigest[] = [];
  for (const { facts, ...person } of reach) {
    const verdict = digestReach(facts);
    if (verdict.kind === 'does_not_receive') {
      notReceivingDigests.push({
        ...person,
        reason: verdict.reason,
        detail: verdict.detail,
        since: verdict.since,
        appInstall: installs.get(person.personId) ?? null,
      });
    }
  }
  return {
    asOf: deps.clock.now().toISOString(),
    counts: {
      people,
      unlinked: unlinked.length,
      unmatchedTeamsUsers: unmatchedTeamsUsers.length,
      notReceivingDigests: notReceivingDigests.length,
    },
    unlinked,
    unmatchedTeamsUsers,
    notReceivingDigests,
  };
}
