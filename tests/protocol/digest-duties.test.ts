import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { digestInputIds } from '../../src/bot/cards/index.js';
import { itemRef } from '../../src/domain/digest.js';
import type { DigestItem, Person } from '../../src/domain/types.js';
import { validateAdaptiveCard } from '../support/adaptive-card-validator.js';
import {
  type BotHarness,
  Conversation,
  cardText,
  cardsOf,
  executeActions,
  invokeCard,
  shownItemRefs,
  startBotHarness,
  teamsUserOf,
  textBlocks,
} from '../support/bot-harness.js';

/**
 * A force whose policy puts referrals to support services in the digest (`digestDuties`), over the demo force
 * (where many victims asked for a referral that was never made). A sergeant's morning: the digest lists the
 * team's overdue referrals under their own heading, and an overdue referral is acknowledged with a planned date.
 */
let harness: BotHarness;
let dir: string;
let supervisor: Person;
let oic: Person;
let referral: DigestItem;
let referralsInTeam: number;

/** The message the bot sent in answer to `text`, as its first card. */
async function ask(person: Person, text: string): Promise<{ chat: Conversation; card: Record<string, unknown> }> {
  const chat = new Conversation(harness.serviceUrl, teamsUserOf(person));
  const seen = harness.connector.mark();
  await harness.post(chat.message(text));
  const sent = seen().filter((c) => c.method === 'POST' && c.body.type === 'message');
  return { chat, card: cardsOf(sent[sent.length - 1]!.body)[0]! };
}

/** "Show more" until the page holding `ref` (a digest lists the most urgent group first). */
async function pageHolding(chat: Conversation, first: Record<string, unknown>, ref: string): Promise<Record<string, unknown>> {
  let card = first;
  for (let page = 0; page < 50 && !shownItemRefs(card).includes(ref); page++) {
    const [more] = executeActions(card, 'showMore');
    if (!more) break;
    card = invokeCard(await harness.post(chat.cardAction('showMore', more.data as Record<string, unknown>)));
  }
  return card;
}

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'vcop-digest-duties-'));
  const policyFile = join(dir, 'policy.json');
  await writeFile(policyFile, JSON.stringify({ digestDuties: ['needsAssessment', 'updates', 'referral'] }));
  harness = await startBotHarness({ VCOP_POLICY_FILE: policyFile });
  const { queries, people, clock } = harness.app.services;
  for (const digest of await queries.allTeamDigests(clock.now())) {
    const team = await people.listByUnit(digest.unit.id);
    const sergeant = team.find((p) => p.role === 'supervisor' && p.aadObjectId !== null);
    const item = digest.items.find((i) => i.kind === 'referral_overdue' && team.some((p) => p.id === i.oicId && p.aadObjectId !== null));
    if (sergeant && item) {
      supervisor = sergeant;
      referral = item;
      oic = team.find((p) => p.id === item.oicId) as Person;
      referralsInTeam = digest.items.filter((i) => i.kind.startsWith('referral')).length;
      break;
    }
  }
  expect(referral).toBeDefined();
}, 60_000);

afterAll(async () => {
  await harness?.close();
  await rm(dir, { recursive: true, force: true });
});

describe("a sergeant's digest with referrals in it", () => {
  it('shows the overdue referral under its own heading, with the crime reference and no victim details', async () => {
    const { chat, card: first } = await ask(supervisor, 'digest');
    const ref = itemRef(referral);
    const card = await pageHolding(chat, first, ref);
    expect(shownItemRefs(card)).toContain(ref);
    const texts = textBlocks(card);
    expect(texts).toContain(`Referrals to support services (${referralsInTeam})`);
    expect(texts).toContain('Referral overdue');
    expect(texts.some((t) => t.startsWith(`${referral.caseId} · `))).toBe(true);
    expect(texts).toContain(referral.daysOverdue === 1 ? '1 day overdue' : `${referral.daysOverdue} days overdue`);
    expect(cardText(card)).toContain('"label":"Referral planned by (optional)"');
    // The sergeant may reassign the case from it, as from any item.
    expect(executeActions(card, 'reassignItem').map((a) => (a.data as { itemRef: string }).itemRef)).toContain(ref);
    expect(cardText(card)).not.toContain(referral.victimId);
    expect(validateAdaptiveCard(card)).toEqual([]);
  });

  it('lists each duty together, across the pages: the groups never interleave', async () => {
    const { chat, card: first } = await ask(supervisor, 'digest');
    const labels: string[] = [];
    let card = first;
    for (let page = 0; page < 50; page++) {
      labels.push(...textBlocks(card).filter((t) => /^(Referral|Update|Needs assessment) (overdue|due soon|missing)$/.test(t)));
      const [more] = executeActions(card, 'showMore');
      if (!more || !(more.title as string).startsWith('Show more')) break;
      card = invokeCard(await harness.post(chat.cardAction('showMore', more.data as Record<string, unknown>)));
    }
    const groups = labels.map((label) => (label.startsWith('Referral') ? 'referral' : 'updatesAndAssessments'));
    const switches = groups.filter((group, i) => i > 0 && group !== groups[i - 1]).length;
    expect(groups.filter((g) => g === 'referral')).toHaveLength(referralsInTeam);
    expect(switches).toBeLessThanOrEqual(1);
  });

  it('records an acknowledgement of it with a planned date, shown on the card, audited, and a promise', async () => {
    const { chat, card: first } = await ask(supervisor, 'digest');
    const ref = itemRef(referral);
    const card = await pageHolding(chat, first, ref);
    expect(shownItemRefs(card)).toContain(ref);
    const data = { itemRef: ref, digestId: `team:${supervisor.unitId}`, [digestInputIds(ref).plannedOn]: '2026-11-23' };
    const answered = invokeCard(await harness.post(chat.cardAction('acknowledgeItem', data, 'digest-message-1')));
    // 07:30Z is 07:30 in London in November.
    expect(cardText(answered)).toContain(`Acknowledged by ${supervisor.name} 07:30 · referral planned by Mon 23 Nov`);
    expect(textBlocks(answered)).toContain('AMBER · Promise open');
    const rows = await harness.app.services.db.query<{ kind: string; planned_on: string }>(
      `select r.kind, a.planned_on::text as planned_on from acknowledgements a join digest_item_refs r on r.ref = a.item_ref
       where a.item_ref = $1`,
      [ref],
    );
    expect(rows).toEqual([{ kind: 'referral_overdue', planned_on: '2026-11-23' }]);
    const [audited] = await harness.app.services.db.query<{ n: number }>(
      `select count(*)::int as n from audit_log where action = 'item.acknowledged' and details->>'itemRef' = $1`,
      [ref],
    );
    expect(audited?.n).toBe(1);
  });

  it("puts the referral in its OIC's own reminder too", async () => {
    const { card } = await ask(oic, 'my items');
    expect(cardText(card)).toContain('Your items');
    const own = await harness.app.services.queries.digest(supervisor.unitId, harness.app.services.clock.now(), { oicId: oic.id });
    expect(own.items.map(itemRef)).toContain(itemRef(referral));
    const shown = textBlocks(card);
    expect(shown.some((t) => t.startsWith('Referrals to support services ('))).toBe(own.items.some((i) => !i.kind.startsWith('referral')));
    expect(shown).toContain('Referral overdue');
  });

  it('reassigns the case from the referral item: the item follows the case to its new OIC', async () => {
    const team = await harness.app.services.people.listByUnit(supervisor.unitId);
    const newOic = team.find((p) => p.role === 'officer' && p.id !== oic.id) as Person;
    const ref = itemRef(referral);
    const ids = digestInputIds(ref);
    const chat = new Conversation(harness.serviceUrl, teamsUserOf(supervisor));
    const data = { itemRef: ref, digestId: `team:${supervisor.unitId}`, [ids.officer]: newOic.id, [ids.reason]: 'PC on leave' };
    invokeCard(await harness.post(chat.cardAction('reassignItem', data, 'digest-message-2')));
    const apiDigest = (await (await harness.api(`/v1/units/${supervisor.unitId}/digest`)).json()) as { items: DigestItem[] };
    expect(apiDigest.items.filter((i) => i.kind === 'referral_overdue' && i.caseId === referral.caseId).map((i) => i.oicId)).toEqual([
      newOic.id,
    ]);
    const [audited] = await harness.app.services.db.query<{ n: number }>(
      `select count(*)::int as n from audit_log where action = 'case.reassigned' and details->>'itemRef' = $1`,
      [ref],
    );
    expect(audited?.n).toBe(1);
  });
});
