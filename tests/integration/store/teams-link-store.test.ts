import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { AppServices } from '../../../src/app.js';
import { identifyTeamsUser, type Identification } from '../../../src/service/identify-teams-user.js';
import type { MemberLookup, TeamsDirectory } from '../../../src/service/ports/teams-directory.js';
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
 * Teams users matched by address (src/service/identify-teams-user.ts over the real store), and what an
 * import does to their links (src/store/teams-link-recheck.ts). The small force's people are sent again
 * as a records system without Entra ids sends them: P1 (PS Smith, North Team 1) with an e-mail, P4
 * (PS Evans, North Team 2) with a user principal name.
 */
const SMITH_TEAMS = { teamsUserId: '29:P1', aadObjectId: 'a1a1a1a1-0000-4000-8000-000000000001' };
const P1 = { type: 'person', id: 'P1', name: 'PS 1001 Smith', unitId: 'N-T1', role: 'supervisor', email: 'p1001@example.police.uk' };
const P4 = { type: 'person', id: 'P4', name: 'PS 1004 Evans', unitId: 'N-T2', role: 'supervisor', upn: 'PS.Evans@example.police.uk' };

/** A Bot Connector stand-in: answers each lookup from `answers` in turn (the last one again once they run out). */
class ScriptedDirectory implements TeamsDirectory {
  readonly asked: string[] = [];
  constructor(private readonly answers: MemberLookup[]) {}
  async lookupMember(_reference: object, userId: string): Promise<MemberLookup> {
    this.asked.push(userId);
    return (this.answers.length > 1 ? this.answers.shift() : this.answers[0]) as MemberLookup;
  }
}
const found = (member: { upn?: string; email?: string; aadObjectId?: string }): MemberLookup => ({
  kind: 'found',
  member: { aadObjectId: member.aadObjectId ?? null, upn: member.upn ?? null, email: member.email ?? null },
});

describe.each(DRIVERS)('Teams links on %s', (driver) => {
  let store: DeliveryStore;
  let services: AppServices;
  let links: TeamsLinkStore;

  beforeEach(async () => {
    store = await createDeliveryStore(driver);
    services = await store.open();
    await importSmallForce(services);
    await importLines({ ...P1, aadObjectId: null }, { ...P4, aadObjectId: null });
    links = new TeamsLinkStore(services.db);
  });
  afterEach(async () => {
    await services.db.close();
    await store.drop();
  });

  async function importLines(...records: object[]) {
    const result = await services.importNdjson(
      (async function* () {
        yield records.map((record) => JSON.stringify(record)).join('\n');
      })(),
    );
    return result;
  }

  function identify(directory: TeamsDirectory, user = SMITH_TEAMS): Promise<Identification> {
    return identifyTeamsUser(
      { people: services.people, links, directory, clock: services.clock, logger: services.logger },
      { ...user, conversationId: 'chat-p1', reference: { conversation: { id: 'chat-p1' } } },
    );
  }

  const linkRows = () =>
    services.db.query<{ teamsUserId: string; personId: string; matchedBy: string }>(
      `select teams_user_id as "teamsUserId", person_id as "personId", matched_by as "matchedBy" from teams_links order by 1`,
    );
  const audit = (action: string) =>
    services.db.query<{ subject: string; details: Record<string, unknown> }>(
      `select subject, details from audit_log where action = $1 order by id`,
      [action],
    );

  it('links a Teams user by e-mail once, audited; later turns read the link and ask Teams nothing', async () => {
    const directory = new ScriptedDirectory([found({ upn: 'P1001@Example.Police.UK', email: 'P1001@example.police.uk' })]);
    expect(await identify(directory)).toMatchObject({
      kind: 'person',
      person: { id: 'P1', aadObjectId: SMITH_TEAMS.aadObjectId },
      newLink: true,
    });
    expect(await identify(directory)).toMatchObject({ kind: 'person', person: { id: 'P1' }, matchedBy: 'email', newLink: false });
    expect(directory.asked).toEqual(['29:P1']);
    expect(await linkRows()).toEqual([{ teamsUserId: '29:P1', personId: 'P1', matchedBy: 'email' }]);
    expect(await audit('teams_link.created')).toEqual([
      { subject: 'person:P1', details: { teamsUserId: '29:P1', matchedBy: 'email', replaced: [] } },
    ]);
  });

  it('matches a user principal name written in another letter case', async () => {
    const evans = { teamsUserId: '29:P4', aadObjectId: 'a4a4a4a4-0000-4000-8000-000000000004' };
    const directory = new ScriptedDirectory([found({ upn: 'ps.evans@EXAMPLE.POLICE.UK' })]);
    expect(await identify(directory, evans)).toMatchObject({ kind: 'person', person: { id: 'P4' }, matchedBy: 'upn' });
  });

  it('a failed lookup is recorded (ids only) and tried again on the next turn, which links the user', async () => {
    const directory = new ScriptedDirectory([
      { kind: 'failed', status: 503, code: 'ServiceError' },
      found({ email: 'p1001@example.police.uk' }),
    ]);
    expect(await identify(directory)).toEqual({ kind: 'not_set_up', reason: 'lookup_failed' });
    expect(await services.db.query('select * from teams_unmatched')).toEqual([
      expect.objectContaining({ teams_user_id: '29:P1', aad_object_id: SMITH_TEAMS.aadObjectId, reason: 'lookup_failed', attempts: 1 }),
    ]);
    expect(Object.keys((await services.db.query('select * from teams_unmatched'))[0]!).sort()).toEqual(
      ['aad_object_id', 'attempts', 'first_seen_at', 'last_seen_at', 'reason', 'teams_user_id'].sort(),
    );
    expect(await identify(directory)).toMatchObject({ kind: 'person', person: { id: 'P1' } });
    expect(directory.asked).toHaveLength(2);
    expect(await services.db.query('select * from teams_unmatched')).toEqual([]);
  });

  it('an address on two people matches neither: recorded as ambiguous, and asked again each turn', async () => {
    expect((await importLines({ ...P4, email: 'P1001@example.police.uk' })).ok).toBe(true);
    const directory = new ScriptedDirectory([found({ email: 'p1001@example.police.uk' })]);
    expect(await identify(directory)).toEqual({ kind: 'not_set_up', reason: 'ambiguous' });
    expect(await identify(directory)).toEqual({ kind: 'not_set_up', reason: 'ambiguous' });
    expect(directory.asked).toHaveLength(2);
    expect(await services.db.query('select reason, attempts from teams_unmatched')).toEqual([{ reason: 'ambiguous', attempts: 2 }]);
    expect(await linkRows()).toEqual([]);
  });

  it('the two activities of one install, matched at once, make one link and one audit entry', async () => {
    const link = { ...SMITH_TEAMS, personId: 'P1', matchedBy: 'email' as const, teamsUpn: null, teamsEmail: 'p1001@example.police.uk' };
    const at = services.clock.now();
    // On PostgreSQL: connections open beforehand, so that the two transactions really overlap.
    await Promise.all([1, 2, 3].map(() => services.db.query('select 1')));
    const outcomes = await Promise.all([links.saveLink(link, at), links.saveLink(link, at)]);
    expect(outcomes.sort()).toEqual(['created', 'unchanged']);
    expect(await linkRows()).toEqual([{ teamsUserId: '29:P1', personId: 'P1', matchedBy: 'email' }]);
    expect(await audit('teams_link.created')).toHaveLength(1);
  });

  it('a newer Teams account matched for the person replaces the older link, audited with what it replaced', async () => {
    await identify(new ScriptedDirectory([found({ email: 'p1001@example.police.uk' })]));
    const newAccount = { teamsUserId: '29:P1-new', aadObjectId: 'a1a1a1a1-0000-4000-8000-0000000000ff' };
    expect(await identify(new ScriptedDirectory([found({ email: 'p1001@example.police.uk' })]), newAccount)).toMatchObject({
      kind: 'person',
      person: { id: 'P1' },
      newLink: true,
    });
    expect(await linkRows()).toEqual([{ teamsUserId: '29:P1-new', personId: 'P1', matchedBy: 'email' }]);
    expect(await audit('teams_link.replaced')).toEqual([
      {
        subject: 'person:P1',
        details: { teamsUserId: '29:P1-new', matchedBy: 'email', replaced: [{ teamsUserId: '29:P1', personId: 'P1' }] },
      },
    ]);
  });

  describe('an import checks every link again, in its transaction', () => {
    const messenger = new RecordingMessenger();
    let subscriptionId: string;

    beforeEach(async () => {
      messenger.sent.length = 0;
      await identify(new ScriptedDirectory([found({ email: 'p1001@example.police.uk' })]));
      subscriptionId = await subscribePersonalChat(services, {
        conversationId: 'chat-p1',
        personId: 'P1',
        kind: 'team_digest',
        unitId: 'N-T1',
        localTime: '07:00',
        origin: 'default',
      });
    });

    const run = (at: string) =>
      runDigests(services, messenger, new Date(at), { buildCard: fakeCardBuilder(), sends: sendStore(services), random: () => 1 });
    const subscription = async () =>
      (
        await services.db.query<{ enabled: boolean; reason: string | null }>(
          'select enabled, disabled_reason as reason from subscriptions where id = $1',
          [subscriptionId],
        )
      )[0];

    it('delivers to the chat of a sergeant linked by e-mail, as to one matched by Entra id', async () => {
      expect(await run('2026-11-20T07:00:00Z')).toMatchObject({ due: 1, sent: 1 });
      expect(messenger.sent.map((s) => s.conversationId)).toEqual(['chat-p1']);
    });

    it('a new e-mail for the sergeant drops the link (audited) and stops the digest to that Teams account', async () => {
      expect((await importLines({ ...P1, email: 'john.smith@example.police.uk' })).ok).toBe(true);
      expect(await linkRows()).toEqual([]);
      expect(await audit('teams_link.dropped')).toEqual([
        { subject: 'person:P1', details: { teamsUserId: '29:P1', matchedBy: 'email', reason: 'records_changed' } },
      ]);
      expect(await subscription()).toEqual({ enabled: false, reason: 'teams_account_changed' });
      expect(await run('2026-11-20T07:00:00Z')).toMatchObject({ due: 0, sent: 0 });
      expect(messenger.sent).toEqual([]);
    });

    it('the same person sent again, or with the e-mail in other letters, keeps the link', async () => {
      expect((await importLines(P1)).ok).toBe(true);
      expect((await importLines({ ...P1, email: 'P1001@EXAMPLE.police.uk' })).ok).toBe(true);
      expect(await linkRows()).toEqual([{ teamsUserId: '29:P1', personId: 'P1', matchedBy: 'email' }]);
      expect(await audit('teams_link.dropped')).toEqual([]);
      expect(await subscription()).toEqual({ enabled: true, reason: null });
    });

    it('someone else given the same e-mail makes the link ambiguous: dropped', async () => {
      expect((await importLines({ ...P4, email: 'p1001@example.police.uk' })).ok).toBe(true);
      expect(await audit('teams_link.dropped')).toEqual([
        expect.objectContaining({ details: expect.objectContaining({ reason: 'ambiguous' }) }),
      ]);
    });

    it("the records giving the sergeant the user's own Entra id keep the link; another Entra id drops it", async () => {
      expect((await importLines({ ...P1, aadObjectId: SMITH_TEAMS.aadObjectId.toUpperCase() })).ok).toBe(true);
      expect(await linkRows()).toHaveLength(1);
      expect((await importLines({ ...P1, aadObjectId: 'ffffffff-0000-4000-8000-00000000000f' })).ok).toBe(true);
      expect(await audit('teams_link.dropped')).toEqual([
        expect.objectContaining({ details: expect.objectContaining({ reason: 'object_id_differs' }) }),
      ]);
      expect(await subscription()).toEqual({ enabled: false, reason: 'teams_account_changed' });
    });

    it("the user's Entra id given to someone else in the records: the link goes, that person is the user now", async () => {
      expect((await importLines({ ...P4, aadObjectId: SMITH_TEAMS.aadObjectId })).ok).toBe(true);
      expect(await audit('teams_link.dropped')).toEqual([
        expect.objectContaining({ details: expect.objectContaining({ reason: 'now_someone_else' }) }),
      ]);
      expect(await identify(new ScriptedDirectory([]))).toMatchObject({ kind: 'person', person: { id: 'P4' }, matchedBy: 'aadObjectId' });
    });
  });

  it('imports person.upn and refuses one that is not an address, naming the line', async () => {
    const [row] = await services.db.query<{ upn: string | null }>(`select upn from people where id = 'P4'`);
    expect(row?.upn).toBe('PS.Evans@example.police.uk');
    const refused = await importLines(P1, { ...P4, upn: 'PS Evans' });
    expect(refused).toMatchObject({
      ok: false,
      errors: [{ line: 2, message: "person P4: field 'upn' must be a user principal name, e.g. p1234@example.police.uk" }],
    });
  });
});
