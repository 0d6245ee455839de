import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { digestInputIds } from '../../src/bot/cards/index.js';
import { itemRef } from '../../src/domain/digest.js';
import type { DigestItem, Person } from '../../src/domain/types.js';
import {
  Conversation,
  NOW,
  cardText,
  cardsOf,
  invokeCard,
  pickTeam,
  shownItemRefs,
  startBotHarness,
  teamsUserOf,
  type BotHarness,
} from '../support/bot-harness.js';

let harness: BotHarness;
let team: Awaited<ReturnType<typeof pickTeam>>;
let outsider: Person;

/** A supervisor's card as the bot sent it in answer to "digest". */
async function digestCardFor(person: Person): Promise<{ chat: Conversation; card: Record<string, unknown> }> {
  const chat = new Conversation(harness.serviceUrl, teamsUserOf(person));
  const seen = harness.connector.mark();
  await harness.post(chat.message('digest'));
  const sent = seen().filter((c) => c.method === 'POST' && c.body.type === 'message');
  const card = cardsOf(sent[0]!.body)[0]!;
  return { chat, card };
}

async function auditCount(action: string, itemRefValue: string): Promise<number> {
  const [row] = await harness.app.services.db.query<{ n: number }>(
    `select count(*)::int as n from audit_log where action = $1 and details->>'itemRef' = $2`,
    [action, itemRefValue],
  );
  return row!.n;
}

beforeAll(async () => {
  harness = await startBotHarness();
  team = await pickTeam(harness);
  const [row] = await harness.app.services.db.query<{ id: string }>(
    `select id from people where role = 'officer' and unit_id <> $1 and aad_object_id is not null order by id limit 1`,
    [team.unitId],
  );
  outsider = (await harness.app.services.people.findById(row!.id))!;
}, 60_000);

afterAll(async () => {
  await harness?.close();
});

describe('Acknowledge on the digest card', () => {
  it('records who and when, shows it on the card for everyone, and is one acknowledgement on a double tap', async () => {
    const { chat, card } = await digestCardFor(team.supervisor);
    const ref = shownItemRefs(card)[0]!;
    const digestId = `team:${team.unitId}`;

    const first = invokeCard(
      await harness.post(
        chat.cardAction('acknowledgeItem', { itemRef: ref, digestId, [digestInputIds(ref).note]: 'Ringing today' }, 'digest-message-1'),
      ),
    );
    // 07:30Z is 07:30 in London in November.
    expect(cardText(first)).toContain(`Acknowledged by ${team.supervisor.name} 07:30`);
    expect(cardText(first)).toContain('Ringing today');
    expect((first.refresh as { userIds: string[] }).userIds).toContain(team.supervisor.aadObjectId);
    expect(harness.connector.updatesIn(chat.id).map((u) => u.activityId)).toEqual(['digest-message-1']);

    const replay = invokeCard(await harness.post(chat.cardAction('acknowledgeItem', { itemRef: ref, digestId }, 'digest-message-1')));
    expect(cardText(replay)).toContain(`Acknowledged by ${team.supervisor.name} 07:30`);
    const [rows] = await harness.app.services.db.query<{ n: number }>(
      `select count(*)::int as n from acknowledgements where item_ref = $1`,
      [ref],
    );
    expect(rows!.n).toBe(1);
    expect(await auditCount('item.acknowledged', ref)).toBe(1);
    // The replay changed nothing, so the message was not edited again.
    expect(harness.connector.updatesIn(chat.id)).toHaveLength(1);
  });

  it("lets the item's OIC acknowledge it from their own reminder", async () => {
    const own = team.items.find((item) => item.oicId === team.oic.id)!;
    const chat = new Conversation(harness.serviceUrl, teamsUserOf(team.oic));
    await harness.post(chat.message('my items'));
    const ref = itemRef(own);
    const answered = invokeCard(
      await harness.post(chat.cardAction('acknowledgeItem', { itemRef: ref, digestId: `officer:${team.oic.id}` })),
    );
    expect(cardText(answered)).toMatch(/Acknowledged by .+ \d\d:\d\d/);
  });

  it('refuses an officer of another team, saying why, and records nothing', async () => {
    await digestCardFor(team.supervisor);
    const item = team.items.at(-1) as DigestItem;
    const ref = itemRef(item);
    const chat = new Conversation(harness.serviceUrl, teamsUserOf(outsider));
    const refusal = cardText(
      invokeCard(await harness.post(chat.cardAction('acknowledgeItem', { itemRef: ref, digestId: `team:${team.unitId}` }))),
    );
    expect(refusal).toContain("You can't acknowledge this item");
    expect(refusal).toContain('your own items only');
    expect(await auditCount('item.acknowledged', ref)).toBe(0);
  });

  it('refuses a forged item ref', async () => {
    const chat = new Conversation(harness.serviceUrl, teamsUserOf(team.supervisor));
    const forged = itemRef({ kind: 'update_overdue', victimId: 'V-does-not-matter', dueDate: '2026-11-01' });
    const refusal = cardText(invokeCard(await harness.post(chat.cardAction('acknowledgeItem', { itemRef: forged }))));
    expect(refusal).toContain("I can't find that item");
    const [rows] = await harness.app.services.db.query<{ n: number }>(
      `select count(*)::int as n from acknowledgements where item_ref = $1`,
      [forged],
    );
    expect(rows!.n).toBe(0);
  });

  it('answers a press by an unmapped user with the not-set-up card', async () => {
    const chat = new Conversation(harness.serviceUrl, { aadObjectId: 'bbbbbbbb-0000-4000-8000-00000000ffff', name: 'Stranger' });
    const answered = cardText(invokeCard(await harness.post(chat.cardAction('acknowledgeItem', { itemRef: itemRef(team.items[0]!) }))));
    expect(answered).toContain("isn't linked to anyone");
  });
});

describe('Reassign on the digest card', () => {
  it('moves the case within the team, keeps the history, tells the new OIC and publishes the change', async () => {
    const newOicChat = new Conversation(harness.serviceUrl, teamsUserOf(team.otherOfficer));
    await harness.post(newOicChat.installationUpdate('add'));
    const { chat, card } = await digestCardFor(team.supervisor);
    const item = team.items.find((i) => i.oicId !== team.otherOfficer.id && shownItemRefs(card).includes(itemRef(i)))!;
    const ref = itemRef(item);
    const ids = digestInputIds(ref);
    const press = chat.cardAction(
      'reassignItem',
      { itemRef: ref, digestId: `team:${team.unitId}`, [ids.officer]: team.otherOfficer.id, [ids.reason]: 'Original OIC on leave' },
      'digest-message-2',
    );

    const answered = invokeCard(await harness.post(press));
    expect(cardText(answered)).toContain(`OIC ${team.otherOfficer.name}`);
    const apiDigest = (await (await harness.api(`/v1/units/${team.unitId}/digest`)).json()) as { items: DigestItem[] };
    expect(apiDigest.items.filter((i) => i.caseId === item.caseId).map((i) => i.oicId)).toEqual(
      apiDigest.items.filter((i) => i.caseId === item.caseId).map(() => team.otherOfficer.id),
    );
    expect(apiDigest.items.some((i) => i.caseId === item.caseId)).toBe(true);
    const history = await harness.app.services.db.query<{ oic_id: string; source: string; open: boolean }>(
      `select oic_id, source, valid_to = 'infinity' as open from case_allocations where case_id = $1 order by id`,
      [item.caseId],
    );
    expect(history).toEqual([
      { oic_id: item.oicId, source: 'import', open: false },
      { oic_id: team.otherOfficer.id, source: 'reassign', open: true },
    ]);

    const changes = (await (await harness.api(`/v1/allocations/changes?since=${encodeURIComponent('2026-11-20T00:00:00Z')}`)).json()) as {
      changes: { caseId: string; from: { oicId: string }; to: { oicId: string }; changedBy: string; reason: string; at: string }[];
    };
    expect(changes.changes).toContainEqual(
      expect.objectContaining({
        caseId: item.caseId,
        from: expect.objectContaining({ oicId: item.oicId }),
        to: expect.objectContaining({ oicId: team.otherOfficer.id }),
        changedBy: team.supervisor.id,
        reason: 'Original OIC on leave',
        at: new Date(NOW).toISOString(),
      }),
    );
    expect(await auditCount('case.reassigned', ref)).toBe(1);

    await harness.connector.waitFor(() => harness.connector.sentTo(newOicChat.id).some((a) => String(a.text ?? '').includes(item.caseId)));
    const notice = harness.connector.sentTo(newOicChat.id).find((a) => String(a.text ?? '').includes(item.caseId))!;
    expect(notice.text).toContain(`${team.supervisor.name} has reassigned case ${item.caseId}`);

    // A double tap: the case is already with that officer, so nothing changes a second time.
    invokeCard(await harness.post(press));
    expect(await auditCount('case.reassigned', ref)).toBe(1);
  });

  it('refuses the OIC (an officer), and an officer of another team, saying why', async () => {
    const item = team.items.find((i) => i.oicId === team.oic.id)!;
    const ref = itemRef(item);
    const ids = digestInputIds(ref);
    const data = { itemRef: ref, [ids.officer]: team.supervisor.id, [ids.reason]: 'Please' };
    for (const person of [team.oic, outsider]) {
      const chat = new Conversation(harness.serviceUrl, teamsUserOf(person));
      const refusal = cardText(invokeCard(await harness.post(chat.cardAction('reassignItem', data))));
      expect(refusal).toContain("You can't reassign this case");
      expect(refusal).toContain('Only a supervisor');
    }
    expect(await auditCount('case.reassigned', ref)).toBe(0);
  });

  it('refuses a new officer from outside the owning team', async () => {
    const item = team.items.find((i) => i.oicId === team.oic.id)!;
    const ref = itemRef(item);
    const ids = digestInputIds(ref);
    const chat = new Conversation(harness.serviceUrl, teamsUserOf(team.supervisor));
    const refusal = cardText(
      invokeCard(await harness.post(chat.cardAction('reassignItem', { itemRef: ref, [ids.officer]: outsider.id, [ids.reason]: 'Swap' }))),
    );
    expect(refusal).toContain(`${outsider.name} is not an officer of`);
    expect(await auditCount('case.reassigned', ref)).toBe(0);
  });
});

describe('Show more and refresh', () => {
  it('rebuilds the same view for the person asking', async () => {
    const chat = new Conversation(harness.serviceUrl, teamsUserOf(team.supervisor));
    const refreshed = invokeCard(await harness.post(chat.cardAction('refreshDigest', { offset: 0, digestId: `team:${team.unitId}` })));
    expect(shownItemRefs(refreshed).length).toBeGreaterThan(0);
    const officerView = invokeCard(
      await harness.post(
        new Conversation(harness.serviceUrl, teamsUserOf(outsider)).cardAction('refreshDigest', {
          offset: 0,
          digestId: `team:${team.unitId}`,
        }),
      ),
    );
    // An officer of another team sees only their own items in that team: none.
    expect(shownItemRefs(officerView)).toEqual([]);
  });
});

describe('an action in a channel', () => {
  /** A channel subscribed to the team's digest (or not), with the digest posted in it. */
  async function channelWithTeamDigest(subscribed: boolean): Promise<Conversation> {
    const unitName = (await harness.app.services.queries.findUnit(team.unitId))!.name;
    const channel = new Conversation(harness.serviceUrl, teamsUserOf(team.supervisor), 'channel');
    if (subscribed) await harness.post(channel.message(`subscribe ${unitName} at 07:30`));
    await harness.post(channel.message('digest'));
    return channel;
  }

  /** An item of the team's digest not acknowledged yet, and its OIC, an officer of the team. */
  async function openItemOfAnOfficer(): Promise<{ item: DigestItem; officer: Person }> {
    const { queries, people, clock } = harness.app.services;
    const digest = await queries.digest(team.unitId, clock.now());
    const officers = (await people.listByUnit(team.unitId)).filter((p) => p.role === 'officer' && p.aadObjectId !== null);
    for (const item of digest.items) {
      const officer = officers.find((p) => p.id === item.oicId);
      const [row] = await harness.app.services.db.query<{ n: number }>(
        `select count(*)::int as n from acknowledgements where item_ref = $1`,
        [itemRef(item)],
      );
      if (officer && row!.n === 0) return { item, officer };
    }
    throw new Error('no unacknowledged item of an officer left in the team digest');
  }

  it("an officer's Acknowledge keeps the channel's team digest the team digest, and only the officer sees their own view", async () => {
    const channel = await channelWithTeamDigest(true);
    const unitName = (await harness.app.services.queries.findUnit(team.unitId))!.name;
    const { item, officer } = await openItemOfAnOfficer();
    const asOfficer = channel.memberSpeaking(teamsUserOf(officer));

    const answered = invokeCard(
      await harness.post(
        asOfficer.cardAction('acknowledgeItem', { itemRef: itemRef(item), digestId: `team:${team.unitId}` }, 'channel-digest-1'),
      ),
    );
    expect(cardText(answered)).toContain('Your items');

    const [update] = harness.connector.updatesIn(channel.id);
    expect(update?.activityId).toBe('channel-digest-1');
    const shared = cardsOf(update!.body)[0]!;
    expect(cardText(shared)).toContain(unitName);
    expect(cardText(shared)).not.toContain('Your items');
    expect(cardText(shared)).toContain(`Acknowledged by ${officer.name}`);
    expect(shownItemRefs(shared).length).toBeGreaterThan(shownItemRefs(answered).length);
    expect((shared.refresh as { userIds: string[] }).userIds[0]).toBe(team.supervisor.aadObjectId);
  });

  it('leaves the message as it is when no one there is subscribed to the view it shows', async () => {
    const channel = await channelWithTeamDigest(false);
    const { item, officer } = await openItemOfAnOfficer();
    const asOfficer = channel.memberSpeaking(teamsUserOf(officer));
    const answered = invokeCard(
      await harness.post(
        asOfficer.cardAction('acknowledgeItem', { itemRef: itemRef(item), digestId: `team:${team.unitId}` }, 'channel-digest-2'),
      ),
    );
    expect(cardText(answered)).toContain(`Acknowledged by ${officer.name}`);
    expect(cardText(answered)).toContain('Your items');
    expect(harness.connector.updatesIn(channel.id)).toEqual([]);
  });
});
