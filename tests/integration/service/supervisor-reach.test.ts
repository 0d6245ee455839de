import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { AppServices } from '../../../src/app.js';
import { DeliveryFailedError } from '../../../src/service/ports/messenger.js';
import { peopleLinksReport } from '../../../src/service/people-links-report.js';
import { teamsWhoseSergeantGetsNoDigest } from '../../../src/service/supervisor-reach.js';
import { PeopleLinksStore } from '../../../src/store/people-links-store.js';
import { runDigests } from '../../support/digest-run.js';
import {
  DRIVERS,
  createDeliveryStore,
  fakeCardBuilder,
  importSmallForce,
  sendStore,
  subscribePersonalChat,
  type DeliveryStore,
} from '../../support/delivery-harness.js';
import { RecordingMessenger } from '../../support/recording-messenger.js';

/**
 * Without Graph, a sergeant's digest never stops unseen (issue 13, part 2): a send Teams refuses with a 403
 * (not the roster code, so the chat is not marked gone) is recorded with its status and shown in the report,
 * and the inspector's weekly card can list the teams whose sergeant gets no digest. Small force: P1 and P4
 * supervise North Teams 1 and 2; P2 is an officer in North Team 1.
 */
describe.each(DRIVERS)('teams whose sergeant gets no digest, on %s', (driver) => {
  let store: DeliveryStore;
  let services: AppServices;

  beforeEach(async () => {
    store = await createDeliveryStore(driver);
    services = await store.open();
    await importSmallForce(services);
  });
  afterEach(async () => {
    await services.db.close();
    await store.drop();
  });

  const chat = (personId: string, kind: 'team_digest' | 'officer_reminder', unitId: string | null = null) =>
    subscribePersonalChat(services, { conversationId: `chat-${personId}`, personId, kind, unitId, localTime: '07:00', origin: 'default' });
  const refused = () => new DeliveryFailedError('the send failed after 1 attempt(s): HTTP 403 Forbidden', 403, 1);

  it("lists a sergeant whose sends Teams refuses with 403, with the status, and one who never installed; not an officer's", async () => {
    await chat('P1', 'team_digest', 'N-T1');
    await chat('P2', 'officer_reminder');
    const messenger = new RecordingMessenger().failConversation('chat-P1', refused()).failConversation('chat-P2', refused());
    await runDigests(services, messenger, new Date('2026-11-20T07:00:00Z'), { buildCard: fakeCardBuilder(), sends: sendStore(services) });

    const deps = { store: new PeopleLinksStore(services.db), clock: services.clock };
    expect(await teamsWhoseSergeantGetsNoDigest(deps)).toEqual([
      {
        unitId: 'N-T1',
        personId: 'P1',
        reason: 'failing',
        detail: 'HTTP 403: 1 attempt(s) on 2026-11-20',
        since: '2026-11-20',
        appInstall: null,
      },
      { unitId: 'N-T2', personId: 'P4', reason: 'never_installed', detail: null, since: null, appInstall: null },
    ]);
    expect(await teamsWhoseSergeantGetsNoDigest(deps, new Set(['N-T2']))).toEqual([expect.objectContaining({ personId: 'P4' })]);
    const report = await peopleLinksReport(deps);
    expect(report.notReceivingDigests).toContainEqual(
      expect.objectContaining({ personId: 'P1', reason: 'failing', detail: 'HTTP 403: 1 attempt(s) on 2026-11-20' }),
    );
  });
});
