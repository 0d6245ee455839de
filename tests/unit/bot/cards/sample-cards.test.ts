import { describe, expect, it } from 'vitest';
import { sampleCards } from '../../../fixtures/cards/sample-card-data.js';
import { TEAMS_MESSAGE_LIMIT_BYTES, cardBytes } from '../../../../src/bot/cards/card-size.js';
import { expectValidCard, actions } from '../../../support/card-test-helpers.js';

describe('every card with sample data', () => {
  const cards = sampleCards();

  it('covers every template in cards/', () => {
    expect(cards.map((c) => c.name)).toEqual(
      expect.arrayContaining([
        'digest',
        'officer-reminder',
        'figure-answer',
        'ranking',
        'trend',
        'refusal',
        'help',
        'not-understood',
        'ambiguous',
        'not-set-up',
        'subscription-confirmation',
        'weekly',
        'cover-digest',
        'dip-sample',
        'dip-audit',
        'dip-results',
      ]),
    );
  });

  it.each(cards.map((c) => [c.name, c.card] as const))('%s parses at Adaptive Cards 1.5 with no errors or warnings', (_name, card) => {
    expectValidCard(card);
    expect(cardBytes(card)).toBeLessThan(TEAMS_MESSAGE_LIMIT_BYTES);
  });

  it.each(cards.map((c) => [c.name, c.card] as const))('%s uses only verbs the bot routes', (_name, card) => {
    const verbs = new Set(
      actions(card)
        .filter((a) => a.type === 'Action.Execute')
        .map((a) => a.verb),
    );
    const routed = [
      'acknowledgeItem',
      'reassignItem',
      'showMore',
      'refreshDigest',
      'askQuestion',
      'openDipSample',
      'openDipAudit',
      'saveDipAudit',
    ];
    for (const verb of verbs) expect(routed).toContain(verb);
  });
});
