import { describe, expect, it } from 'vitest';
import { renderDigestCard } from '../../../../src/bot/cards/digest-card.js';
import { sampleDutiesDigest } from '../../../fixtures/cards/sample-duties-digest.js';
import { sampleSupervisorDigest } from '../../../fixtures/cards/sample-card-data.js';
import { allNodes, expectValidCard, texts } from '../../../support/card-test-helpers.js';

/** The digest card with the later duties in it (src/bot/cards/digest-kinds.ts). */
const HEADINGS = [
  'Referrals to support services (3)',
  'Updates and needs assessments (3)',
  'Key decisions told (2)',
  'Written acknowledgements (1)',
];

describe('the digest card with the later duties', () => {
  it('puts a heading over each duty group, in the order the digest gives, with the group size', () => {
    const card = renderDigestCard(sampleDutiesDigest());
    expectValidCard(card);
    const shown = texts(card);
    expect(shown.filter((t) => HEADINGS.includes(t))).toEqual(HEADINGS);
    expect(shown.indexOf('Referrals to support services (3)')).toBeLessThan(shown.indexOf('16 days overdue'));
    expect(shown.indexOf('Key decisions told (2)')).toBeLessThan(shown.indexOf('Key decision not told'));
    expect(shown).toContain('Act on these first, by duty, most overdue at the top of each (1–9 of 9)');
  });

  it('names each kind, counts the other duties overdue, and says what a planned date is for', () => {
    const card = renderDigestCard(sampleDutiesDigest());
    const shown = texts(card);
    for (const label of [
      'Referral overdue',
      'Referral due soon',
      'Key decision not told',
      'Key decision to tell soon',
      'Written acknowledgement overdue',
    ])
      expect(shown).toContain(label);
    expect(shown).toEqual(expect.arrayContaining(['4', 'other duties overdue', '3', 'due soon']));
    expect(shown).toContain('✓ Acknowledged by PS 1234 Smith 07:42 · referral planned by Mon 23 Nov');
    const labels = allNodes(card)
      .filter((n) => n.type === 'Input.Date')
      .map((n) => n.label);
    expect(labels).toEqual(
      expect.arrayContaining(['Decision update planned by (optional)', 'Written acknowledgement planned by (optional)']),
    );
  });

  it('names the group again at the top of the next page', () => {
    const card = renderDigestCard({ ...sampleDutiesDigest(), pageSize: 4 });
    expect(texts(card).filter((t) => HEADINGS.includes(t))).toEqual([
      'Referrals to support services (3)',
      'Updates and needs assessments (3)',
    ]);
    const next = renderDigestCard({ ...sampleDutiesDigest(), pageSize: 4, offset: 4 });
    expect(texts(next).filter((t) => HEADINGS.includes(t))).toEqual(['Updates and needs assessments (3)', 'Key decisions told (2)']);
  });

  it('keeps the look of a digest of the two default duties: no headings, no fourth count', () => {
    const shown = texts(renderDigestCard(sampleSupervisorDigest()));
    expect(shown.filter((t) => /\(\d+\)$/.test(t))).toEqual([]);
    expect(shown).not.toContain('other duties overdue');
    expect(shown).toContain('Act on these first, most overdue at the top (1–10 of 14)');
  });
});
