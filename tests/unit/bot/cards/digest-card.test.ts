import { describe, expect, it } from 'vitest';
import { itemRef } from '../../../../src/domain/digest.js';
import { TEAMS_MESSAGE_LIMIT_BYTES, cardBytes } from '../../../../src/bot/cards/card-size.js';
import { digestInputIds, renderDigestCard, type DigestCardData, type DigestCardItem } from '../../../../src/bot/cards/digest-card.js';
import { sampleDigestItems, sampleOfficerReminder, sampleSupervisorDigest } from '../../../fixtures/cards/sample-card-data.js';
import { actions, allNodes, expectValidCard, texts } from '../../../support/card-test-helpers.js';

function digest(overrides: Partial<DigestCardData> = {}): DigestCardData {
  return { ...sampleSupervisorDigest(), ...overrides };
}

describe('renderDigestCard', () => {
  it('shows the headline, the RAG status and the counts of the whole digest', () => {
    const card = renderDigestCard(digest());
    const shown = texts(card);
    expect(shown).toContain('North Team 3: 87.5% fully compliant — 35 of 40 victims');
    expect(shown).toContain('AMBER · just below target');
    expect(shown).toEqual(expect.arrayContaining(['7', 'overdue updates', '3', 'missing needs assessments', '4', 'due soon']));
  });

  it('lists the items in the order given, most overdue first, with what the sergeant needs', () => {
    const card = renderDigestCard(digest());
    const shown = texts(card);
    expect(shown.indexOf('14 days overdue')).toBeLessThan(shown.indexOf('13 days overdue'));
    expect(shown).toContain('CR-26-004512 · violence');
    expect(shown).toContain('OIC PC 2345 Patel');
    expect(shown).toContain('Enhanced');
    expect(shown).toContain('✓ Acknowledged by PS 1234 Smith 07:42');
  });

  it('writes an item that is due soon as its due date', () => {
    const card = renderDigestCard(digest({ offset: 10 }));
    expect(texts(card)).toContain('due Mon 23 Nov');
  });

  it('gives each item Acknowledge and Reassign as Action.Execute with its itemRef, and unique input ids', () => {
    const card = renderDigestCard(digest());
    expectValidCard(card);
    const first = sampleSupervisorDigest().items[0] as DigestCardItem;
    const acknowledge = actions(card, 'acknowledgeItem');
    expect(acknowledge[0]).toMatchObject({ type: 'Action.Execute', data: { itemRef: first.itemRef, digestId: 'dg-2026-11-20-N-T3' } });
    const reassign = actions(card, 'reassignItem');
    expect(reassign).toHaveLength(10);
    const ids = allNodes(card)
      .filter((n) => typeof n.type === 'string' && n.type.startsWith('Input.'))
      .map((n) => n.id);
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids).toContain(digestInputIds(first.itemRef).note);
  });

  it("offers the team's officers for Reassign, without the item's current OIC", () => {
    const card = renderDigestCard(digest());
    const first = sampleSupervisorDigest().items[0] as DigestCardItem;
    const choiceSet = allNodes(card).find((n) => n.id === digestInputIds(first.itemRef).officer);
    const values = ((choiceSet?.choices ?? []) as { value: string }[]).map((c) => c.value);
    expect(values).not.toContain(first.oicId);
    expect(values).toHaveLength(4);
  });

  it('hides Acknowledge on an acknowledged item and shows the note', () => {
    const card = renderDigestCard(digest());
    const acknowledgedRef = (sampleSupervisorDigest().items[1] as DigestCardItem).itemRef;
    expect(actions(card, 'acknowledgeItem').some((a) => (a.data as { itemRef: string }).itemRef === acknowledgedRef)).toBe(false);
    expect(texts(card)).toContain('Note: Spoke to PC Okafor, update by 12:00 today');
  });

  it('blanks e-mail addresses and phone numbers typed into a note', () => {
    const items = sampleDigestItems(1).map((item) => ({
      ...item,
      acknowledgement: { byName: 'PS 1234 Smith', atText: '07:42', note: 'Rang 07700 900123, emailed someone@example.com' },
    }));
    const card = renderDigestCard(digest({ items }));
    expectValidCard(card);
    // The brackets are escaped like any Markdown character (plain-text.ts): Teams shows "[contact removed]".
    expect(texts(card)).toContain('Note: Rang \\[contact removed\\], emailed \\[contact removed\\]');
  });

  it('has no Reassign on an officer reminder, only Acknowledge', () => {
    const card = renderDigestCard(sampleOfficerReminder());
    expectValidCard(card);
    expect(actions(card, 'reassignItem')).toEqual([]);
    expect(actions(card, 'acknowledgeItem').length).toBeGreaterThan(0);
    expect(texts(card)).not.toContain('No live cases');
  });

  it('links each item to its case from the URL template, and has no link without one', () => {
    const linked = renderDigestCard(digest());
    expect(actions(linked).filter((a) => a.type === 'Action.OpenUrl')[0]).toMatchObject({
      url: 'https://records.example.police.uk/cases/CR-26-004512',
    });
    const unlinked = renderDigestCard(digest({ caseUrlTemplate: undefined }));
    expect(actions(unlinked).filter((a) => a.type === 'Action.OpenUrl')).toEqual([]);
  });

  it('refreshes for the listed users with verb refreshDigest, at most 60 of them', () => {
    const userIds = Array.from({ length: 75 }, (_, i) => `00000000-0000-0000-0000-${String(i).padStart(12, '0')}`);
    const card = renderDigestCard(digest({ refreshUserIds: userIds, offset: 10 }));
    expectValidCard(card);
    expect(card.refresh?.action).toMatchObject({
      type: 'Action.Execute',
      verb: 'refreshDigest',
      data: { offset: 10, digestId: 'dg-2026-11-20-N-T3' },
    });
    expect(card.refresh?.userIds).toHaveLength(60);
    expect(renderDigestCard(digest({ refreshUserIds: [] })).refresh).toBeUndefined();
  });

  it('with zero items says there is nothing to act on, with no paging', () => {
    const card = renderDigestCard(digest({ items: [], headline: 'North Team 3: 100.0% fully compliant — 40 of 40 victims', rag: 'GREEN' }));
    expectValidCard(card);
    expect(texts(card)).toContain('Nothing to act on');
    expect(actions(card, 'showMore')).toEqual([]);
    expect(actions(card, 'acknowledgeItem')).toEqual([]);
  });

  it('with 60 items shows a page of 10 and "Show more" from the 11th', () => {
    const items = sampleDigestItems(60);
    const first = renderDigestCard(digest({ items }));
    expectValidCard(first);
    expect(actions(first, 'acknowledgeItem').filter((a) => a.title === 'Acknowledge')).toHaveLength(10);
    expect(actions(first, 'showMore')).toEqual([
      expect.objectContaining({ title: 'Show more (50 left)', data: { offset: 10, digestId: 'dg-2026-11-20-N-T3' } }),
    ]);

    const last = renderDigestCard(digest({ items, offset: 50 }));
    expectValidCard(last);
    expect(texts(last).some((t) => t.includes('(51–60 of 60)'))).toBe(true);
    expect(actions(last, 'showMore')).toEqual([
      expect.objectContaining({ title: 'Back to the most overdue', data: { offset: 0, digestId: 'dg-2026-11-20-N-T3' } }),
    ]);
  });

  it('honours a page size', () => {
    const card = renderDigestCard(digest({ items: sampleDigestItems(60), pageSize: 5 }));
    expect(actions(card, 'reassignItem')).toHaveLength(5);
  });

  it('cuts a page down rather than send a card over 28 KB, carrying on from the first item left out', () => {
    const officers = Array.from({ length: 40 }, (_, i) => ({
      id: `P${9000 + i}`,
      name: `Detective Constable ${9000 + i} ${'Featherstonehaugh-'.repeat(3)}${i}`,
    }));
    const items = sampleDigestItems(30).map((item) => ({
      ...item,
      category: 'serious acquisitive crime including burglary of a dwelling '.repeat(2),
    }));
    const card = renderDigestCard(digest({ items, officers, pageSize: 20 }));
    expectValidCard(card);
    expect(cardBytes(card)).toBeLessThan(TEAMS_MESSAGE_LIMIT_BYTES);
    const shown = actions(card, 'reassignItem').length;
    expect(shown).toBeGreaterThan(0);
    expect(shown).toBeLessThan(20);
    expect(actions(card, 'showMore')[0]).toMatchObject({ data: { offset: shown } });
  });

  it('shows at least one item a page, without its Reassign choices when they alone are over the budget, so "Show more" moves on', () => {
    const officers = Array.from({ length: 60 }, (_, i) => ({
      id: `P${9000 + i}`,
      name: `PC ${9000 + i} ${'Featherstonehaugh '.repeat(30)}`,
    }));
    const items = sampleDigestItems(3);
    for (let offset = 0; offset < items.length; offset++) {
      const card = renderDigestCard(digest({ items, officers, offset }));
      expectValidCard(card);
      expect(cardBytes(card)).toBeLessThan(TEAMS_MESSAGE_LIMIT_BYTES);
      const shown = actions(card, 'acknowledgeItem')
        .filter((a) => a.title === 'Acknowledge')
        .map((a) => (a.data as { itemRef: string }).itemRef);
      expect(shown).toEqual([(items[offset] as DigestCardItem).itemRef]);
      if (offset < items.length - 1) expect(actions(card, 'showMore')[0]).toMatchObject({ data: { offset: offset + 1 } });
    }
  });

  it('keeps long names readable and valid', () => {
    const longName = 'Temporary Detective Sergeant 12345 Montgomery-Featherstonehaugh-Smythe';
    const items = sampleDigestItems(10).map((item) => ({
      ...item,
      oicName: longName,
      acknowledgement: { byName: longName, atText: '07:42' },
    }));
    const card = renderDigestCard(digest({ items, title: 'North Safeguarding and Public Protection Investigation Team 3' }));
    expectValidCard(card);
    expect(texts(card)).toContain(`OIC ${longName}`);
  });

  it('never carries the victim ids behind its items', () => {
    const victims = ['V-88120', 'V-88121', 'V-90000'];
    const items: DigestCardItem[] = victims.map((victimId, index) => ({
      itemRef: itemRef({ kind: 'update_overdue', victimId, dueDate: '2026-11-10' }),
      crimeReference: `CR-26-00451${index}`,
      category: 'violence',
      oicName: 'PC 2345 Patel',
      kind: 'update_overdue',
      dueDate: '2026-11-10',
      daysOverdue: 10,
      enhanced: false,
    }));
    expectValidCard(renderDigestCard(digest({ items })), { forbiddenStrings: victims });
  });

  it('refuses a due date that is not a local date, naming the field', () => {
    const items = sampleDigestItems(1).map((item) => ({
      ...item,
      kind: 'update_due_soon' as const,
      daysOverdue: 0,
      dueDate: '24/11/2026',
    }));
    expect(() => renderDigestCard(digest({ items }))).toThrow(/dueDate must be YYYY-MM-DD/);
  });
});
