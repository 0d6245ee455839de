import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { digestInputIds } from '../../src/bot/cards/index.js';
import { itemRef } from '../../src/domain/digest.js';
import type { DigestItem, Person } from '../../src/domain/types.js';
import {
  Conversation,
  cardText,
  invokeCard,
  pickTeam,
  shownItemRefs,
  startBotHarness,
  teamsUserOf,
  type BotHarness,
} from '../support/bot-harness.js';

/**
 * Action.Execute requests as an attacker (or a stale client) could craft them: another team's item,
 * refs no card carried, data changed to point at another team's officer, the same press sent many times
 * at once, and presses from a Teams user who maps to no one. Each is refused or idempotent, changes
 * nothing it should not, shows nothing outside the presser's scope, and leaves an audit entry.
 */
let harness: BotHarness;
/** Team A: the attacker's own team. */
let teamA: Awaited<ReturnType<typeof pickTeam>>;
/** Team B: another team, with its own supervisor, officers and items. */
let teamB: { unitId: string; supervisor: Person; officer: Person; items: DigestItem[] };

beforeAll(async () => {
  harness = await startBotHarness();
  teamA = await pickTeam(harness);
  const { queries, people, clock } = harness.app.services;
  for (const digest of await queries.allTeamDigests(clock.now())) {
    if (digest.unit.id === teamA.unitId || digest.items.length < 2) continue;
    const members = await people.listByUnit(digest.unit.id);
    const supervisor = members.find((p) => p.role === 'supervisor' && p.aadObjectId);
    const officer = members.find((p) => p.role === 'officer');
    if (supervisor && officer) {
      teamB = { unitId: digest.unit.id, supervisor, officer, items: digest.items };
      break;
    }
  }
  expect(teamB).toBeDefined();
  // Both supervisors ask for their digests, so the items' refs exist as they would after a morning run.
  for (const supervisor of [teamA.supervisor, teamB.supervisor])
    await harness.post(new Conversation(harness.serviceUrl, teamsUserOf(supervisor)).message('digest'));
}, 60_000);

afterAll(async () => {
  await harness?.close();
});

interface AuditRow {
  actor_id: string | null;
  action: string;
  subject: string;
  details: Record<string, unknown>;
}

async function auditSince(id: number): Promise<AuditRow[]> {
  return harness.app.services.db.query<AuditRow>(`select actor_id, action, subject, details from audit_log where id > $1 order by id`, [
    id,
  ]);
}

async function lastAuditId(): Promise<number> {
  const [row] = await harness.app.services.db.query<{ id: number }>(`select coalesce(max(id), 0)::int as id from audit_log`);
  return row!.id;
}

async function count(sql: string, params: unknown[]): Promise<number> {
  const [row] = await harness.app.services.db.query<{ n: number }>(sql, params);
  return row!.n;
}

const acknowledgements = (ref: string) => count(`select count(*)::int as n from acknowledgements where item_ref = $1`, [ref]);
const allocationRows = (caseId: string) => count(`select count(*)::int as n from case_allocations where case_id = $1`, [caseId]);

/** Nothing about the item beyond what the presser may see: no case or victim id of it on the card. */
function expectNothingAbout(card: object, item: DigestItem): void {
  expect(cardText(card)).not.toContain(item.caseId);
  expect(cardText(card)).not.toContain(item.victimId);
}

describe('forged Action.Execute requests', () => {
  it("refuses another team's item to a supervisor, shows nothing of it, and audits the refusal", async () => {
    const item = teamB.items[0]!;
    const ref = itemRef(item);
    const from = await lastAuditId();
    const chat = new Conversation(harness.serviceUrl, teamsUserOf(teamA.supervisor));
    const refusal = invokeCard(await harness.post(chat.cardAction('acknowledgeItem', { itemRef: ref, digestId: `team:${teamB.unitId}` })));
    expect(cardText(refusal)).toContain("You can't acknowledge this item");
    expectNothingAbout(refusal, item);
    expect(await acknowledgements(ref)).toBe(0);
    expect(await auditSince(from)).toEqual([
      {
        actor_id: teamA.supervisor.id,
        action: 'item.acknowledge_refused',
        subject: `case:${item.caseId}`,
        details: { reason: 'not_authorised', itemRef: ref, ownerUnitId: teamB.unitId },
      },
    ]);
  });

  it('refuses refs no card carried, for acknowledge and reassign, and audits both', async () => {
    const forged = itemRef({ kind: 'update_overdue', victimId: teamB.items[0]!.victimId, dueDate: '2026-01-01' });
    const from = await lastAuditId();
    const chat = new Conversation(harness.serviceUrl, teamsUserOf(teamA.supervisor));
    const ids = digestInputIds(forged);
    for (const press of [
      chat.cardAction('acknowledgeItem', { itemRef: forged }),
      chat.cardAction('reassignItem', { itemRef: forged, [ids.officer]: teamA.otherOfficer.id, [ids.reason]: 'x' }),
    ]) {
      expect(cardText(invokeCard(await harness.post(press)))).toContain("I can't find that item");
    }
    expect(await acknowledgements(forged)).toBe(0);
    expect((await auditSince(from)).map((row) => [row.actor_id, row.action, row.subject, row.details.reason])).toEqual([
      [teamA.supervisor.id, 'item.acknowledge_refused', `item:${forged}`, 'unknown_item'],
      [teamA.supervisor.id, 'case.reassign_refused', `item:${forged}`, 'unknown_item'],
    ]);
  });

  it('refuses a reassignment whose officer was changed to one of another team, and audits it', async () => {
    const { card } = await digestOf(teamA.supervisor);
    const ref = shownItemRefs(card)[0]!;
    const item = teamA.items.find((i) => itemRef(i) === ref)!;
    const ids = digestInputIds(ref);
    const before = await allocationRows(item.caseId);
    const from = await lastAuditId();
    const chat = new Conversation(harness.serviceUrl, teamsUserOf(teamA.supervisor));
    const refusal = invokeCard(
      await harness.post(
        chat.cardAction('reassignItem', {
          itemRef: ref,
          digestId: `team:${teamA.unitId}`,
          [ids.officer]: teamB.officer.id,
          [ids.reason]: 'Tampered',
        }),
      ),
    );
    expect(cardText(refusal)).toContain(`${teamB.officer.name} is not an officer of`);
    expect(await allocationRows(item.caseId)).toBe(before);
    expect(await auditSince(from)).toEqual([
      {
        actor_id: teamA.supervisor.id,
        action: 'case.reassign_refused',
        subject: `case:${item.caseId}`,
        details: { reason: 'not_authorised', itemRef: ref, ownerUnitId: teamA.unitId, toOfficerId: teamB.officer.id },
      },
    ]);
  });

  it("refuses a reassignment whose item was changed to another team's (to an officer of that team), and audits it", async () => {
    const item = teamB.items[1]!;
    const ref = itemRef(item);
    const ids = digestInputIds(ref);
    const before = await allocationRows(item.caseId);
    const from = await lastAuditId();
    const chat = new Conversation(harness.serviceUrl, teamsUserOf(teamA.supervisor));
    const refusal = invokeCard(
      await harness.post(
        chat.cardAction('reassignItem', {
          itemRef: ref,
          digestId: `team:${teamA.unitId}`,
          [ids.officer]: teamB.officer.id,
          [ids.reason]: 'Tampered',
        }),
      ),
    );
    expect(cardText(refusal)).toContain("You can't reassign this case");
    expectNothingAbout(refusal, item);
    expect(await allocationRows(item.caseId)).toBe(before);
    expect((await auditSince(from)).map((row) => [row.action, row.subject, row.details.reason])).toEqual([
      ['case.reassign_refused', `case:${item.caseId}`, 'not_authorised'],
    ]);
  });

  it('a page request for another team shows the presser nothing of it', async () => {
    const chat = new Conversation(harness.serviceUrl, teamsUserOf(teamA.supervisor));
    const card = invokeCard(await harness.post(chat.cardAction('showMore', { offset: 0, digestId: `team:${teamB.unitId}` })));
    expect(shownItemRefs(card)).toEqual([]);
    for (const item of teamB.items) expectNothingAbout(card, item);
  });

  it('answers presses from an unmapped Teams user with the not-set-up card, changes nothing, and audits each', async () => {
    const stranger = { aadObjectId: 'cccccccc-0000-4000-8000-00000000ffff', name: 'Stranger' };
    const chat = new Conversation(harness.serviceUrl, stranger);
    const ref = itemRef(teamB.items[0]!);
    const ids = digestInputIds(ref);
    const from = await lastAuditId();
    for (const press of [
      chat.cardAction('acknowledgeItem', { itemRef: ref }),
      chat.cardAction('reassignItem', { itemRef: ref, [ids.officer]: teamB.officer.id, [ids.reason]: 'x' }),
      chat.cardAction('showMore', { offset: 0, digestId: `team:${teamB.unitId}` }),
    ]) {
      const card = invokeCard(await harness.post(press));
      expect(cardText(card)).toContain("isn't linked to anyone");
      expectNothingAbout(card, teamB.items[0]!);
    }
    expect(await acknowledgements(ref)).toBe(0);
    expect((await auditSince(from)).map((row) => [row.actor_id, row.action, row.subject, row.details.reason, row.details.verb])).toEqual([
      [null, 'card_action_refused', `teams-user:${stranger.aadObjectId}`, 'unmapped_user', 'acknowledgeItem'],
      [null, 'card_action_refused', `teams-user:${stranger.aadObjectId}`, 'unmapped_user', 'reassignItem'],
      [null, 'card_action_refused', `teams-user:${stranger.aadObjectId}`, 'unmapped_user', 'showMore'],
    ]);
  });
});

describe('replayed Action.Execute requests', () => {
  it('the same Acknowledge sent six times at once is one acknowledgement and one audit entry', async () => {
    const { chat, card } = await digestOf(teamB.supervisor);
    const ref = shownItemRefs(card).at(-1)!;
    const press = chat.cardAction('acknowledgeItem', { itemRef: ref, digestId: `team:${teamB.unitId}` });
    const answers = await Promise.all(Array.from({ length: 6 }, () => harness.post(press)));
    for (const answer of answers) expect(cardText(invokeCard(answer))).toContain(`Acknowledged by ${teamB.supervisor.name}`);
    expect(await acknowledgements(ref)).toBe(1);
    expect(
      await count(`select count(*)::int as n from audit_log where action = 'item.acknowledged' and details->>'itemRef' = $1`, [ref]),
    ).toBe(1);
  });

  it('the same Reassign sent six times at once moves the case once: one change, one audit entry', async () => {
    const { chat, card } = await digestOf(teamB.supervisor);
    const members = await harness.app.services.people.listByUnit(teamB.unitId);
    const ref = shownItemRefs(card).find((r) => {
      const item = teamB.items.find((i) => itemRef(i) === r);
      return item && members.some((p) => p.role === 'officer' && p.id !== item.oicId);
    })!;
    const item = teamB.items.find((i) => itemRef(i) === ref)!;
    const newOic = members.find((p) => p.role === 'officer' && p.id !== item.oicId)!;
    const ids = digestInputIds(ref);
    const press = chat.cardAction('reassignItem', {
      itemRef: ref,
      digestId: `team:${teamB.unitId}`,
      [ids.officer]: newOic.id,
      [ids.reason]: 'Replayed',
    });
    const answers = await Promise.all(Array.from({ length: 6 }, () => harness.post(press)));
    for (const answer of answers) invokeCard(answer);
    expect(await count(`select count(*)::int as n from allocation_changes where case_id = $1`, [item.caseId])).toBe(1);
    expect(
      await count(`select count(*)::int as n from case_allocations where case_id = $1 and valid_to = 'infinity' and oic_id = $2`, [
        item.caseId,
        newOic.id,
      ]),
    ).toBe(1);
    expect(
      await count(`select count(*)::int as n from audit_log where action = 'case.reassigned' and subject = $1`, [`case:${item.caseId}`]),
    ).toBe(1);
    // Sent again later, it is still one.
    invokeCard(await harness.post(press));
    expect(await count(`select count(*)::int as n from allocation_changes where case_id = $1`, [item.caseId])).toBe(1);
  });
});

async function digestOf(person: Person): Promise<{ chat: Conversation; card: Record<string, unknown> }> {
  const chat = new Conversation(harness.serviceUrl, teamsUserOf(person));
  const seen = harness.connector.mark();
  await harness.post(chat.message('digest'));
  const reply = seen().find((c) => c.method === 'POST' && c.body.type === 'message')!;
  const attachments = reply.body.attachments as { content: Record<string, unknown> }[];
  return { chat, card: attachments[0]!.content };
}
