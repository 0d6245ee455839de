import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { AppServices } from '../../../src/app.js';
import type { DigestRunResult } from '../../../src/service/send-daily-digests.js';
import { runDigests } from '../../support/digest-run.js';
import { SubscriptionStore } from '../../../src/store/subscription-store.js';
import { RecordingMessenger } from '../../support/recording-messenger.js';
import {
  closeDeliveryStore,
  type DeliveryStore,
  DRIVERS,
  fakeCardBuilder,
  openDeliveryStore,
  sendRows,
  sendStore,
  subscribePersonalChat,
} from '../../support/delivery-harness.js';

/**
 * Who receives a digest once the records change (issue 10, H1 and M7). In tests/fixtures/small-force.ndjson
 * P1 (aad-p1) supervises North Team 1, P4 North Team 2, P2 is an officer of North Team 1.
 */
describe.each(DRIVERS)('digests follow the records, on %s', (driver) => {
  let store: DeliveryStore;
  let services: AppServices;
  let messenger: RecordingMessenger;
  let buildCard: ReturnType<typeof fakeCardBuilder>;

  beforeEach(async () => {
    ({ store, services } = await openDeliveryStore(driver));
    messenger = new RecordingMessenger();
    buildCard = fakeCardBuilder();
  });
  afterEach(() => closeDeliveryStore({ store, services }));

  function run(at = '2026-11-20T07:00:00Z'): Promise<DigestRunResult> {
    return runDigests(services, messenger, new Date(at), { buildCard, sends: sendStore(services), random: () => 1 });
  }

  /** The next extract: people lines as the records system sends them. */
  async function importPeople(...people: object[]): Promise<void> {
    const result = await services.importNdjson(
      (async function* () {
        yield people.map((person) => JSON.stringify({ type: 'person', ...person })).join('\n');
      })(),
    );
    expect(result.ok, JSON.stringify(result)).toBe(true);
  }

  const P1 = { id: 'P1', name: 'PS 1001 Smith', unitId: 'N-T1', role: 'supervisor', aadObjectId: 'aad-p1' };
  const P2 = { id: 'P2', name: 'PC 2002 Patel', unitId: 'N-T1', role: 'officer', aadObjectId: 'aad-p2' };

  async function subscriptionRow(id: string): Promise<{ kind: string; unitId: string | null; enabled: boolean; reason: string | null }> {
    const [row] = await services.db.query<{ kind: string; unitId: string | null; enabled: boolean; reason: string | null }>(
      `select kind, unit_id as "unitId", enabled, disabled_reason as reason from subscriptions where id = $1`,
      [id],
    );
    return row!;
  }

  async function audit(subscriptionId: string): Promise<{ action: string; actorId: string | null; details: Record<string, unknown> }[]> {
    return services.db.query(`select action, actor_id as "actorId", details from audit_log where subject = $1 order by id`, [
      `subscription:${subscriptionId}`,
    ]);
  }

  const teamDigest = (origin: 'default' | 'explicit', conversationId = 'chat-p1') =>
    subscribePersonalChat(services, { conversationId, personId: 'P1', kind: 'team_digest', unitId: 'N-T1', localTime: '07:00', origin });

  describe('H1: a Teams account whose link changed gets nothing more', () => {
    it("checks at send time that the chat's Teams account is still the subscriber's: a leaver's chat gets no digest", async () => {
      const id = await teamDigest('explicit');
      // The link changes outside any import the run has seen (e.g. another replica imported meanwhile).
      await services.db.query(`update people set aad_object_id = null where id = 'P1'`);
      expect(await run()).toMatchObject({ due: 1, sent: 0, skipped: 1 });
      expect(messenger.sent).toEqual([]);
      expect(await subscriptionRow(id)).toMatchObject({ enabled: false, reason: 'teams_account_changed' });
      expect(await sendRows(services)).toMatchObject([{ status: 'withheld', lastError: 'teams_account_changed' }]);
      expect(await audit(id)).toEqual([
        {
          action: 'subscription.disabled',
          actorId: null,
          details: expect.objectContaining({ reason: 'teams_account_changed', personId: 'P1', told: false }),
        },
      ]);
      expect(await run('2026-11-21T07:00:00Z')).toMatchObject({ due: 0, sent: 0 });
    });

    it("an import that moves the supervisor's Entra id to an officer stops the digest to that Teams account", async () => {
      const id = await teamDigest('default');
      await importPeople({ ...P1, aadObjectId: null }, { ...P2, aadObjectId: 'aad-p1' });
      expect(await subscriptionRow(id)).toMatchObject({ enabled: false, reason: 'teams_account_changed' });
      expect(await audit(id)).toEqual([
        expect.objectContaining({ action: 'subscription.disabled', details: expect.objectContaining({ reason: 'teams_account_changed' }) }),
      ]);
      expect(await run()).toMatchObject({ due: 0, sent: 0 });
      expect(messenger.sent).toEqual([]);
      expect(buildCard.requests).toEqual([]);
    });

    it('an import that makes the supervisor an officer stops their team digest in a channel, and tells them once', async () => {
      await subscribePersonalChat(services, {
        conversationId: 'chat-p1',
        personId: 'P1',
        kind: 'team_digest',
        unitId: 'N-T1',
        localTime: '09:00',
        origin: 'default',
      });
      const subscriptions = new SubscriptionStore(services.db);
      await subscriptions.saveConversation({
        conversationId: 'channel-n1',
        reference: { serviceUrl: 'http://127.0.0.1:9/', conversation: { id: 'channel-n1' } },
        scope: 'team',
        personId: null,
        tenantId: 't',
      });
      await subscriptions.subscribe({
        conversationId: 'channel-n1',
        personId: 'P1',
        kind: 'team_digest',
        unitId: 'N-T1',
        localTime: '07:00',
      });
      const [channel] = await subscriptions.listForConversation('channel-n1');

      await importPeople({ ...P1, role: 'officer' });
      expect(await subscriptionRow(channel!.id)).toMatchObject({ enabled: false, reason: 'out_of_scope' });
      expect(await run()).toMatchObject({ due: 0, sent: 0 });
      expect(messenger.sentTo('channel-n1')).toEqual([]);
      const told = messenger.sentTo('chat-p1').map((send) => send.activity.text);
      expect(told).toEqual([expect.stringContaining('Your morning digest of North Team 1 has stopped')]);
      await run('2026-11-20T07:05:00Z');
      expect(messenger.sentTo('chat-p1')).toHaveLength(1);
    });
  });

  describe('M7: subscriptions follow a person who moves team or changes role', () => {
    it("a sergeant moved from North Team 1 to North Team 2 gets Team 2's digest (a default subscription)", async () => {
      const id = await teamDigest('default');
      await importPeople({ ...P1, unitId: 'N-T2' });
      expect(await subscriptionRow(id)).toMatchObject({ kind: 'team_digest', unitId: 'N-T2', enabled: true });
      expect(await audit(id)).toEqual([
        {
          action: 'subscription.repointed',
          actorId: null,
          details: expect.objectContaining({
            personId: 'P1',
            from: { kind: 'team_digest', unitId: 'N-T1' },
            to: { kind: 'team_digest', unitId: 'N-T2' },
          }),
        },
      ]);
      expect(await run()).toMatchObject({ due: 1, sent: 1 });
      expect(buildCard.requests).toMatchObject([{ unitId: 'N-T2', viewer: { id: 'P1', unitId: 'N-T2' } }]);
    });

    it('an officer promoted to supervisor gets the team digest instead of the officer reminder', async () => {
      const id = await subscribePersonalChat(services, {
        conversationId: 'chat-p2',
        personId: 'P2',
        kind: 'officer_reminder',
        unitId: null,
        localTime: '07:00',
        origin: 'default',
      });
      await importPeople({ ...P2, role: 'supervisor' });
      expect(await subscriptionRow(id)).toMatchObject({ kind: 'team_digest', unitId: 'N-T1', enabled: true });
      expect(await run()).toMatchObject({ sent: 1 });
      expect(buildCard.requests).toMatchObject([{ unitId: 'N-T1', viewer: { id: 'P2', role: 'supervisor' } }]);
      expect(buildCard.requests[0]?.officerId).toBeUndefined();
    });

    it('follows the person at send time too, when the records changed without an import the store saw', async () => {
      const id = await teamDigest('default');
      await services.db.query(`update people set unit_id = 'N-T2' where id = 'P1'`);
      expect(await run()).toMatchObject({ due: 1, sent: 1 });
      expect(buildCard.requests).toMatchObject([{ unitId: 'N-T2' }]);
      expect(await subscriptionRow(id)).toMatchObject({ unitId: 'N-T2', enabled: true });
    });

    it('an explicit subscription the person may no longer see is turned off, told once in their chat, and audited', async () => {
      const id = await teamDigest('explicit');
      await importPeople({ ...P1, unitId: 'N-T2' });
      expect(await subscriptionRow(id)).toMatchObject({ unitId: 'N-T1', enabled: false, reason: 'out_of_scope' });
      expect(await audit(id)).toEqual([
        expect.objectContaining({
          action: 'subscription.disabled',
          details: expect.objectContaining({ reason: 'out_of_scope', told: true }),
        }),
      ]);

      expect(await run()).toMatchObject({ due: 0, sent: 0 });
      expect(buildCard.requests).toEqual([]);
      const told = messenger.sentTo('chat-p1');
      expect(told).toHaveLength(1);
      expect(told[0]?.activity.attachments).toBeUndefined();
      expect(told[0]?.activity.text).toContain('Your morning digest of North Team 1 has stopped');
      await run('2026-11-20T07:30:00Z');
      await run('2026-11-21T07:00:00Z');
      expect(messenger.sentTo('chat-p1')).toHaveLength(1);
    });

    it('a supervisor promoted to inspector keeps an explicit digest of a team in their command, and their default one stops', async () => {
      const explicit = await subscribePersonalChat(services, {
        conversationId: 'chat-p1',
        personId: 'P1',
        kind: 'team_digest',
        unitId: 'N-T2',
        localTime: '07:00',
        origin: 'explicit',
      });
      const fallback = await subscribePersonalChat(services, {
        conversationId: 'chat-p1',
        personId: 'P1',
        kind: 'team_digest',
        unitId: 'N-T1',
        localTime: '07:00',
        origin: 'default',
      });
      await importPeople({ ...P1, role: 'inspector', unitId: 'N-LPA' });
      expect(await subscriptionRow(explicit)).toMatchObject({ enabled: true });
      expect(await subscriptionRow(fallback)).toMatchObject({ enabled: false, reason: 'no_default_for_role' });
      expect(await run()).toMatchObject({ sent: 1 });
      expect(buildCard.requests).toMatchObject([{ unitId: 'N-T2', viewer: { role: 'inspector' } }]);
    });

    it('"digest at" turns back on what the person turned off, never what the service turned off', async () => {
      const id = await teamDigest('explicit');
      await importPeople({ ...P1, unitId: 'N-T2' });
      expect(await new SubscriptionStore(services.db).setTime('chat-p1', '06:30')).toBe(1);
      expect(await subscriptionRow(id)).toMatchObject({ enabled: false, reason: 'out_of_scope' });
    });
  });
});
