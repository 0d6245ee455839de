import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { AppServices } from '../../../src/app.js';
import { identifyTeamsUser } from '../../../src/service/identify-teams-user.js';
import { peopleLinksReport } from '../../../src/service/people-links-report.js';
import type { MemberLookup } from '../../../src/service/ports/teams-directory.js';
import { PeopleLinksStore } from '../../../src/store/people-links-store.js';
import { SubscriptionStore } from '../../../src/store/subscription-store.js';
import { TeamsLinkStore } from '../../../src/store/teams-link-store.js';
import { runDigests } from '../../support/digest-run.js';
import { RecordingMessenger } from '../../support/recording-messenger.js';
import {
  DRIVERS,
  createDeliveryStore,
  fakeCardBuilder,
  importSmallForce,
  sendStore,
  subscribePersonalChat,
  type DeliveryStore,
} from '../../support/delivery-harness.js';

/**
 * The report of GET /v1/people/links over the real store: who no Teams user is linked to, who could not
 * be matched, and who does not receive digests and why. Small force: P1 and P4 supervise North Teams 1
 * and 2, P2, P3 and P6 are officers, P5 an inspector, P7 a senior lead.
 */
describe.each(DRIVERS)('the people links report on %s', (driver) => {
  let store: DeliveryStore;
  let services: AppServices;

  beforeEach(async () => {
    store = await createDeliveryStore(driver);
    services = await store.open();
    await importSmallForce(services);
    const result = await services.importNdjson(
      (async function* () {
        yield [
          { type: 'person', id: 'P1', name: 'PS 1001 Smith', unitId: 'N-T1', role: 'supervisor', email: 'p1001@example.police.uk' },
          { type: 'person', id: 'P4', name: 'PS 1004 Evans', unitId: 'N-T2', role: 'supervisor', upn: 'ps.evans@example.police.uk' },
        ]
          .map((line) => JSON.stringify(line))
          .join('\n');
      })(),
    );
    expect(result.ok).toBe(true);
  });
  afterEach(async () => {
    await services.db.close();
    await store.drop();
  });

  function identify(teamsUserId: string, aadObjectId: string, lookup: MemberLookup) {
    return identifyTeamsUser(
      {
        people: services.people,
        links: new TeamsLinkStore(services.db),
        directory: { lookupMember: async () => lookup },
        clock: services.clock,
        logger: services.logger,
      },
      { teamsUserId, aadObjectId, conversationId: `chat-${teamsUserId}`, reference: {} },
    );
  }
  const chat = (personId: string, kind: 'team_digest' | 'officer_reminder', unitId: string | null = null) =>
    subscribePersonalChat(services, { conversationId: `chat-${personId}`, personId, kind, unitId, localTime: '07:00', origin: 'default' });

  it('lists the unlinked with the identifiers their records carry, the unmatched by id, and every reason a digest does not arrive', async () => {
    const email: MemberLookup = { kind: 'found', member: { aadObjectId: null, upn: null, email: 'P1001@example.police.uk' } };
    await identify('29:P1', 'a1a1a1a1-0000-4000-8000-000000000001', email);
    await identify('29:P2', 'aad-p2', { kind: 'failed', status: null, code: 'unused' });
    await identify('29:stranger', 'cccccccc-0000-4000-8000-00000000ffff', {
      kind: 'found',
      member: { aadObjectId: null, upn: 'stranger@elsewhere.example', email: null },
    });
    await identify('29:flaky', 'dddddddd-0000-4000-8000-00000000ffff', { kind: 'failed', status: 502, code: 'BadGateway' });

    const subscriptions = new SubscriptionStore(services.db);
    await chat('P1', 'team_digest', 'N-T1');
    await chat('P2', 'officer_reminder');
    await chat('P3', 'officer_reminder');
    await chat('P6', 'officer_reminder');
    const delivered = await runDigests(services, new RecordingMessenger(), new Date('2026-11-20T07:00:00Z'), {
      buildCard: fakeCardBuilder(),
      sends: sendStore(services),
    });
    expect(delivered).toMatchObject({ sent: 4 });
    // What the digest run records on a 403 BotNotInConversationRoster; the app removed; "digest off".
    await subscriptions.markInactive('chat-P2', 'BotNotInConversationRoster');
    await subscriptions.disable('chat-P3', 'uninstalled');
    await subscriptions.markInactive('chat-P3', 'uninstalled');
    await subscriptions.disable('chat-P6', 'turned_off');

    const report = await peopleLinksReport({ store: new PeopleLinksStore(services.db), clock: services.clock });
    expect(report.asOf).toBe('2026-11-20T10:00:00.000Z');
    expect(report.counts).toEqual({ people: 7, unlinked: 5, unmatchedTeamsUsers: 2, notReceivingDigests: 4 });
    expect(report.unlinked.map((p) => [p.personId, p.role, p.unitId, p.identifiers])).toEqual([
      ['P7', 'senior', 'FORCE', ['aadObjectId']],
      ['P5', 'inspector', 'N-LPA', ['aadObjectId']],
      ['P3', 'officer', 'N-T2', ['aadObjectId']],
      ['P4', 'supervisor', 'N-T2', ['upn']],
      ['P6', 'officer', 'S-T1', ['aadObjectId']],
    ]);
    expect(report.unmatchedTeamsUsers).toEqual([
      expect.objectContaining({ teamsUserId: '29:flaky', reason: 'lookup_failed', attempts: 1 }),
      expect.objectContaining({ teamsUserId: '29:stranger', aadObjectId: 'cccccccc-0000-4000-8000-00000000ffff', reason: 'no_match' }),
    ]);
    expect(JSON.stringify(report.unmatchedTeamsUsers)).not.toContain('stranger@elsewhere.example');
    expect(report.notReceivingDigests.map((p) => [p.personId, p.reason, p.detail])).toEqual([
      ['P2', 'conversation_gone', 'BotNotInConversationRoster'],
      ['P3', 'removed_app', null],
      ['P4', 'never_installed', null],
      ['P6', 'turned_off', null],
    ]);
    expect(report.notReceivingDigests[0]).toMatchObject({
      name: 'PC 2002 Patel',
      role: 'officer',
      unitId: 'N-T1',
      since: expect.any(String),
    });
  });
});
