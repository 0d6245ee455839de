import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { AppServices } from '../../../src/app.js';
import { deliverNotices } from '../../../src/bot/notice-delivery.js';
import { MAX_NOTICE_ATTEMPTS } from '../../../src/store/notice-store.js';
import { RecordingMessenger } from '../../support/recording-messenger.js';
import { closeDeliveryStore, type DeliveryStore, DRIVERS, openDeliveryStore, savePersonalChat } from '../../support/delivery-harness.js';

/** Notices left by an import (a conflict with a Teams reassignment), delivered by the scheduler's tick. */
const NOW = new Date('2026-11-20T10:00:00Z');
const later = (minutes: number) => new Date(NOW.getTime() + minutes * 60_000);

const conflict = (caseId: string, by: string) => ({
  caseId,
  resolution: 'teams_reassignment_kept',
  extract: { unitId: 'N-T1', oicId: 'P2' },
  reassignment: { changeId: 1, at: NOW.toISOString(), by, from: { unitId: 'N-T1', oicId: 'P2' }, to: { unitId: 'N-T1', oicId: 'P1' } },
});

describe.each(DRIVERS)('notice delivery on %s', (driver) => {
  let store: DeliveryStore;
  let services: AppServices;

  beforeEach(async () => {
    ({ store, services } = await openDeliveryStore(driver));
    await savePersonalChat(services, { conversationId: 'a:p1', personId: 'P1' });
    for (const [caseId, by] of [
      ['CR-1', 'P1'],
      ['CR-2', 'P4'],
    ] as const) {
      await services.db.query(
        `insert into notices (person_id, kind, details, dedupe_key, created_at) values ($1, 'allocation_conflict', $2::jsonb, $3, $4)`,
        [by, JSON.stringify(conflict(caseId, by)), `k-${caseId}`, NOW],
      );
    }
  });
  afterEach(() => closeDeliveryStore({ store, services }));

  const statuses = () => services.db.query<{ status: string; attempts: number }>('select status, attempts from notices order by id');

  it('sends each notice once to the personal chat, and records one without a chat as such', async () => {
    const messenger = new RecordingMessenger();
    expect(await deliverNotices(services, messenger, NOW)).toEqual({ sent: 1, noChat: 1, failed: 0 });
    expect(messenger.sent.map((send) => [send.conversationId, send.activity.text])).toEqual([
      ['a:p1', expect.stringMatching(/^Case CR-1: the records system's latest extract still shows PC 2002 Patel as OIC/)],
    ]);
    expect(await deliverNotices(services, messenger, later(1))).toEqual({ sent: 0, noChat: 0, failed: 0 });
    expect(await statuses()).toEqual([
      { status: 'sent', attempts: 1 },
      { status: 'no_chat', attempts: 1 },
    ]);
  });

  it('tries a failed send again a minute later, and gives up after the attempts allowed', async () => {
    const messenger = new RecordingMessenger().failConversation('a:p1', new Error('503 from the connector'));
    expect(await deliverNotices(services, messenger, NOW)).toMatchObject({ failed: 1 });
    expect(await deliverNotices(services, messenger, NOW)).toMatchObject({ failed: 0 });
    for (let attempt = 2; attempt <= MAX_NOTICE_ATTEMPTS; attempt += 1) {
      expect(await deliverNotices(services, messenger, later(attempt * 2))).toMatchObject({ failed: 1 });
    }
    expect((await statuses())[0]).toEqual({ status: 'failed', attempts: MAX_NOTICE_ATTEMPTS });
    messenger.failConversation('a:p1', null);
    expect(await deliverNotices(services, messenger, later(60))).toMatchObject({ sent: 0 });
    expect(messenger.sent).toEqual([]);
  });

  it('never sends a notice twice when two replicas tick together', async () => {
    // PGlite serves one process: there the two ticks share its one connection.
    const replica = driver === 'pglite' ? services : await store.open();
    try {
      const messenger = new RecordingMessenger({ delayMs: 50 });
      await Promise.all([deliverNotices(services, messenger, NOW), deliverNotices(replica, messenger, NOW)]);
      expect(messenger.sentTo('a:p1')).toHaveLength(1);
    } finally {
      if (replica !== services) await replica.db.close();
    }
  });
});
