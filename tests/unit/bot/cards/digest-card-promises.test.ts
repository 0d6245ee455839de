import { describe, expect, it } from 'vitest';
import { readAcknowledgeAction } from '../../../../src/bot/cards/digest-card-actions.js';
import { digestInputIds, renderDigestCard, type DigestCardItem } from '../../../../src/bot/cards/digest-card.js';
import { sampleDigestItems, sampleSupervisorDigest } from '../../../fixtures/cards/sample-card-data.js';
import { allNodes, expectValidCard, texts } from '../../../support/card-test-helpers.js';

/** Promises on the digest card (issue 17): the planned date on Acknowledge, and each item's promise in words. */

function itemWith(overrides: Partial<DigestCardItem>, index = 0): DigestCardItem {
  return { ...(sampleDigestItems(index + 1)[index] as DigestCardItem), ...overrides };
}

function textBlock(card: unknown, text: string): Record<string, unknown> | undefined {
  return allNodes(card).find((node) => node.type === 'TextBlock' && node.text === text);
}

describe('the digest card with promises', () => {
  it('says the planned date after who acknowledged, and the promise state in words and colour', () => {
    const item = itemWith({
      acknowledgement: { byName: 'PS 1234 Smith', atText: '07:42', plannedOn: '2026-11-27' },
      promise: { state: 'AMBER', plannedOn: '2026-11-27' },
    });
    const card = renderDigestCard({ ...sampleSupervisorDigest(), items: [item] });
    expectValidCard(card);
    expect(texts(card)).toContain('✓ Acknowledged by PS 1234 Smith 07:42 · update planned by Fri 27 Nov');
    expect(textBlock(card, 'AMBER · Promise open')).toMatchObject({ color: 'Warning' });
  });

  it('names who promised, and for when, when the promise was given on the card of the same deadline while it was due soon', () => {
    const item = itemWith({ promise: { state: 'RED', plannedOn: '2026-11-05', byName: 'PS 1234 Smith' } });
    const card = renderDigestCard({ ...sampleSupervisorDigest(), items: [item] });
    expect(textBlock(card, 'RED · Promise missed: PS 1234 Smith planned the update by Thu 5 Nov')).toMatchObject({ color: 'Attention' });
  });

  it('says "needs assessment" for a needs assessment item', () => {
    const item = itemWith(
      {
        acknowledgement: { byName: 'PC 2345 Patel', atText: '07:42', plannedOn: '2026-11-23' },
        promise: { state: 'RED', plannedOn: '2026-11-23' },
      },
      1,
    );
    expect(item.kind).toBe('needs_assessment_missing');
    const card = renderDigestCard({ ...sampleSupervisorDigest(), items: [itemWith({}), item] });
    expect(texts(card)).toContain('✓ Acknowledged by PC 2345 Patel 07:42 · needs assessment planned by Mon 23 Nov');
    expect(texts(card)).toContain('RED · Promise missed');
    const dateInput = allNodes(card).find(
      (node) => node.id === digestInputIds((sampleDigestItems(1)[0] as DigestCardItem).itemRef).plannedOn,
    );
    expect(dateInput?.label).toBe('Update planned by (optional)');
  });

  it('counts the promises under the figures, and says nothing of them when there are none', () => {
    const card = renderDigestCard(sampleSupervisorDigest());
    expect(texts(card)).toContain('Promises with a planned date: 1 missed · 1 open · 3 kept');
    const none = renderDigestCard({ ...sampleSupervisorDigest(), promises: { kept: 0, missed: 0, open: 0 } });
    expect(texts(none).some((text) => text.startsWith('Promises'))).toBe(false);
  });

  it('offers an optional Input.Date with the policy range beside the note, sent with the same Acknowledge', () => {
    const first = sampleSupervisorDigest().items[0] as DigestCardItem;
    const card = renderDigestCard(sampleSupervisorDigest());
    expectValidCard(card);
    const ids = digestInputIds(first.itemRef);
    const dateInput = allNodes(card).find((node) => node.id === ids.plannedOn);
    expect(dateInput).toMatchObject({ type: 'Input.Date', min: '2026-11-20', max: '2026-12-18', label: 'Update planned by (optional)' });
    expect(dateInput?.isRequired).toBeUndefined();
    const showCard = allNodes(card).find((node) => node.type === 'Action.ShowCard' && node.title === 'Add a note or date');
    expect(allNodes(showCard).map((node) => node.id)).toEqual(expect.arrayContaining([ids.note, ids.plannedOn]));
    expect(allNodes(showCard).find((node) => node.verb === 'acknowledgeItem')).toMatchObject({ data: { itemRef: first.itemRef } });
  });

  it('leaves min and max out when the card has no range', () => {
    const card = renderDigestCard({ ...sampleSupervisorDigest(), plannedDates: undefined });
    expectValidCard(card);
    const dateInput = allNodes(card).find((node) => node.type === 'Input.Date');
    expect(dateInput).toBeDefined();
    expect(dateInput).not.toHaveProperty('min');
    expect(dateInput).not.toHaveProperty('max');
  });

  it('reads the date box of the item pressed, as sent, and leaves an empty one out', () => {
    expect(readAcknowledgeAction({ itemRef: 'abc', 'planned-abc': '2026-11-27', 'planned-xyz': '2026-11-30' })).toEqual({
      ok: true,
      value: { itemRef: 'abc', plannedOn: '2026-11-27' },
    });
    expect(readAcknowledgeAction({ itemRef: 'abc', 'planned-abc': '' })).toEqual({ ok: true, value: { itemRef: 'abc' } });
  });
});
