import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { AppServices } from '../../../src/app.js';
import type { DigestRunResult } from '../../../src/service/send-daily-digests.js';
import { CoverStore } from '../../../src/store/cover-store.js';
import { SubscriptionStore } from '../../../src/store/subscription-store.js';
import { runDigests } from '../../support/digest-run.js';
import {
  closeDeliveryStore,
  createDeliveryStore,
  type DeliveryStore,
  DRIVERS,
  fakeCardBuilder,
  importSmallForce,
  openDeliveryStore,
  savePersonalChat,
  sendRows,
  sendStore,
  subscribePersonalChat,
} from '../../support/delivery-harness.js';
import { RecordingMessenger } from '../../support/recording-messenger.js';

const MINUTE = 60_000;
const MON_FRI = 0b0011111;

// P1 (PS 1001 Smith) supervises North Team 1; P4 (PS 1004 Evans) North Team 2; P5 (Insp 3005 Khan) is North LPA's inspector.
describe.each(DRIVERS)('days, quiet hours and cover in the digest run on %s', (driver) => {
  let store: DeliveryStore;
  let services: AppServices;
  let messenger: RecordingMessenger;
  let buildCard: ReturnType<typeof fakeCardBuilder>;

  beforeEach(async () => {
    ({ store, services } = await openDeliveryStore(driver));
    messenger = new RecordingMessenger();
    buildCard = fakeCardBuilder();
    await subscribePersonalChat(services, {
      conversationId: 'chat-p1',
      personId: 'P1',
      kind: 'team_digest',
      unitId: 'N-T1',
      localTime: '07:00',
    });
  });
  afterEach(() => closeDeliveryStore({ store, services }));

  function run(at: string, on: AppServices = services): Promise<DigestRunResult> {
    return runDigests(on, messenger, new Date(at), {
      buildCard,
      sends: sendStore(on),
      retryBackoff: { baseMs: MINUTE, maxMs: MINUTE },
      random: () => 1,
    });
  }
  const subscriptions = () => new SubscriptionStore(services.db);
  const covers = () => new CoverStore(services.db);

  it('comes only on its days: nothing on Saturday or Sunday with Mon-Fri, Monday as usual', async () => {
    await subscriptions().setShift('chat-p1', { days: MON_FRI });
    expect(await run('2026-11-28T07:00:00Z')).toMatchObject({ due: 0, sent: 0 });
    expect(await run('2026-11-29T23:59:00Z')).toMatchObject({ due: 0, sent: 0 });
    expect(await run('2026-11-30T07:00:00Z')).toMatchObject({ due: 1, sent: 1 });
    expect((await sendRows(services)).map((row) => row.localDate)).toEqual(['2026-11-30']);
  });

  it('a digest due in quiet hours waits until they end that day, then comes once; a catch-up waits too', async () => {
    await subscriptions().setShift('chat-p1', { quiet: { from: '06:00', until: '09:30' } });
    expect(await run('2026-11-30T07:00:00Z')).toMatchObject({ due: 0, sent: 0 });
    expect(await run('2026-11-30T09:29:00Z')).toMatchObject({ due: 0, sent: 0 });
    expect(await run('2026-11-30T09:30:00Z')).toMatchObject({ due: 1, sent: 1 });
    expect(await run('2026-11-30T12:00:00Z')).toMatchObject({ due: 0, sent: 0 });
    expect(messenger.sent).toHaveLength(1);
  });

  it('quiet hours follow the wall clock across the spring change: 07:00 in 06:00-08:00 comes at 08:00 BST', async () => {
    await subscriptions().setShift('chat-p1', { quiet: { from: '06:00', until: '08:00' } });
    expect(await run('2026-03-29T06:59:00Z')).toMatchObject({ sent: 0 }); // 07:59 BST
    expect(await run('2026-03-29T07:00:00Z')).toMatchObject({ sent: 1 }); // 08:00 BST
  });

  it("while the supervisor is away their team's digest goes to the deputy, marked as cover, once; back the day after", async () => {
    await savePersonalChat(services, { conversationId: 'chat-p4', personId: 'P4' });
    await covers().setAwayUntil('P1', '2026-11-30');
    await covers().setDeputy('P1', 'P4');
    const [first, second] = await Promise.all([run('2026-11-30T07:00:00Z'), run('2026-11-30T07:00:00Z')]);
    expect((first?.sent ?? 0) + (second?.sent ?? 0)).toBe(1);
    expect(await run('2026-11-30T08:00:00Z')).toMatchObject({ due: 0, sent: 0 });
    expect(messenger.sentTo('chat-p1')).toEqual([]);
    expect(messenger.sentTo('chat-p4')).toHaveLength(1);
    expect(buildCard.requests[0]).toMatchObject({
      unitId: 'N-T1',
      viewer: { id: 'P1' },
      coverText: 'Covering for PS 1001 Smith, away until Mon 30 Nov',
    });
    expect(await run('2026-12-01T07:00:00Z')).toMatchObject({ sent: 1 });
    expect(messenger.sentTo('chat-p1')).toHaveLength(1);
    expect(buildCard.requests[1]?.coverText).toBeUndefined();
  });

  it('with no deputy, or one not reachable in Teams, the inspector of the command covers', async () => {
    await savePersonalChat(services, { conversationId: 'chat-p5', personId: 'P5' });
    await covers().setAwayUntil('P1', '2026-12-02');
    await run('2026-11-30T07:00:00Z');
    await covers().setDeputy('P1', 'P4'); // P4 never installed the app
    await run('2026-12-01T07:00:00Z');
    expect(messenger.sentTo('chat-p5')).toHaveLength(2);
    expect(messenger.sentTo('chat-p1')).toEqual([]);
    expect(buildCard.requests.map((request) => request.coverText)).toEqual([
      'Covering for PS 1001 Smith, away until Wed 2 Dec',
      'Covering for PS 1001 Smith, away until Wed 2 Dec',
    ]);
  });

  it('away with nobody to cover: recorded as failed with the reason, and nothing goes to the away supervisor', async () => {
    await covers().setAwayUntil('P1', '2026-11-30');
    expect(await run('2026-11-30T07:00:00Z')).toMatchObject({ sent: 0, failed: 1 });
    expect(messenger.sent).toEqual([]);
    expect((await sendRows(services))[0]).toMatchObject({ status: 'failed' });
    expect((await sendRows(services))[0]?.lastError).toContain('neither a deputy nor an inspector can be reached');
  });

  it("a channel's digest is not covered: the channel is not away", async () => {
    const channel = {
      conversationId: 'channel-1',
      reference: { serviceUrl: 'http://127.0.0.1:9/', channelId: 'msteams', conversation: { id: 'channel-1' }, bot: { id: '28:bot' } },
      scope: 'team' as const,
      personId: null,
      tenantId: 'tenant-1',
    };
    await subscriptions().saveConversation(channel);
    await subscriptions().subscribe({
      conversationId: 'channel-1',
      personId: 'P1',
      kind: 'team_digest',
      unitId: 'N-T1',
      localTime: '07:00',
    });
    await savePersonalChat(services, { conversationId: 'chat-p5', personId: 'P5' });
    await covers().setAwayUntil('P1', '2026-11-30');
    await run('2026-11-30T07:00:00Z');
    expect(messenger.sentTo('channel-1')).toHaveLength(1);
    expect(messenger.sentTo('chat-p5')).toHaveLength(1);
  });

  // Opens a data folder, closes it and opens it again as a restarted process would: on a busy machine, 30 s is tight.
  it('after a restart in quiet hours, the away date, the deputy and the quiet hours still hold: the cover digest comes once, after them', async () => {
    const directory = driver === 'pglite' ? await mkdtemp(join(tmpdir(), 'vcop-shifts-')) : undefined;
    const persistent = await createDeliveryStore(driver, { dataDir: directory });
    try {
      const before = await persistent.open();
      await importSmallForce(before);
      await subscribePersonalChat(before, {
        conversationId: 'chat-p1',
        personId: 'P1',
        kind: 'team_digest',
        unitId: 'N-T1',
        localTime: '07:00',
      });
      await savePersonalChat(before, { conversationId: 'chat-p4', personId: 'P4' });
      await new SubscriptionStore(before.db).setShift('chat-p1', { quiet: { from: '06:30', until: '08:00' } });
      await new CoverStore(before.db).setAwayUntil('P1', '2026-11-30');
      await new CoverStore(before.db).setDeputy('P1', 'P4');
      expect(await run('2026-11-30T07:30:00Z', before)).toMatchObject({ due: 0 });
      await before.db.close(); // stops in the quiet hours, back at 07:45 and on through the morning
      const after = await persistent.open();
      try {
        expect(await run('2026-11-30T07:45:00Z', after)).toMatchObject({ due: 0 });
        expect(await run('2026-11-30T08:00:00Z', after)).toMatchObject({ due: 1, sent: 1 });
        expect(await run('2026-11-30T09:00:00Z', after)).toMatchObject({ due: 0, sent: 0 });
        expect(messenger.sentTo('chat-p4')).toHaveLength(1);
        expect(messenger.sentTo('chat-p1')).toEqual([]);
      } finally {
        await after.db.close();
      }
    } finally {
      await persistent.drop();
      if (directory) await rm(directory, { recursive: true, force: true });
    }
  }, 90_000);
});
