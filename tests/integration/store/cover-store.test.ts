import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { AppServices } from '../../../src/app.js';
import { CoverStore } from '../../../src/store/cover-store.js';
import { SubscriptionStore } from '../../../src/store/subscription-store.js';
import {
  closeDeliveryStore,
  type DeliveryStore,
  DRIVERS,
  openDeliveryStore,
  subscribePersonalChat,
} from '../../support/delivery-harness.js';

describe.each(DRIVERS)('time away, deputies and shift settings stored on %s', (driver) => {
  let store: DeliveryStore;
  let services: AppServices;
  beforeEach(async () => {
    ({ store, services } = await openDeliveryStore(driver));
  });
  afterEach(() => closeDeliveryStore({ store, services }));

  it('keeps a deputy when the person comes back, and the date as a local date', async () => {
    const covers = new CoverStore(services.db);
    expect(await covers.coverOf('P1')).toEqual({ personId: 'P1', awayUntil: null, deputyId: null });
    await covers.setDeputy('P1', 'P4');
    await covers.setAwayUntil('P1', '2026-11-30');
    expect(await covers.coverOf('P1')).toEqual({ personId: 'P1', awayUntil: '2026-11-30', deputyId: 'P4' });
    await covers.setAwayUntil('P1', null);
    expect(await covers.coverOf('P1')).toEqual({ personId: 'P1', awayUntil: null, deputyId: 'P4' });
  });

  it('refuses a person as their own deputy', async () => {
    await expect(new CoverStore(services.db).setDeputy('P1', 'P1')).rejects.toThrow();
  });

  it("sets days and quiet hours on the person's own subscriptions only, and refuses half a quiet window", async () => {
    await subscribePersonalChat(services, {
      conversationId: 'chat-p1',
      personId: 'P1',
      kind: 'team_digest',
      unitId: 'N-T1',
      localTime: '07:00',
    });
    const subscriptions = new SubscriptionStore(services.db);
    expect(await subscriptions.setShift('chat-p1', { days: 0b0011111 }, 'P2')).toBe(0);
    expect(await subscriptions.setShift('chat-p1', { days: 0b0011111 }, 'P1')).toBe(1);
    expect(await subscriptions.setShift('chat-p1', { quiet: { from: '22:00', until: '06:00' } })).toBe(1);
    const [row] = await services.db.query<{ days: number; quietFrom: string; quietUntil: string }>(
      `select days, quiet_from as "quietFrom", quiet_until as "quietUntil" from subscriptions where conversation_id = 'chat-p1'`,
    );
    expect(row).toEqual({ days: 31, quietFrom: '22:00', quietUntil: '06:00' });
    await expect(services.db.query(`update subscriptions set quiet_until = null where conversation_id = 'chat-p1'`)).rejects.toThrow();
    await expect(services.db.query(`update subscriptions set days = 0 where conversation_id = 'chat-p1'`)).rejects.toThrow();
    expect(await subscriptions.setShift('chat-p1', { quiet: null })).toBe(1);
  });
});
