import { describe, expect, it } from 'vitest';
import { renderNotSetUpCard } from '../../../../src/bot/cards/not-set-up-card.js';
import type { UnmatchedReason } from '../../../../src/domain/teams-identity.js';
import { validateAdaptiveCard } from '../../../support/adaptive-card-validator.js';

const textsOf = (card: unknown): string[] =>
  [...JSON.stringify(card).matchAll(/"text":"((?:[^"\\]|\\.)*)"/g)].map((m) => JSON.parse(`"${m[1]}"`));

describe('the not-set-up card', () => {
  it.each<[UnmatchedReason, string, string]>([
    [
      'no_match',
      'No one in the records has your Teams sign-in name or e-mail address.',
      'Ask the VCOP team to add your Teams sign-in name',
    ],
    ['ambiguous', "is on more than one person's record, so I can't tell which one is you.", 'Ask the VCOP team to correct the records'],
    ['object_id_differs', 'carries a different Teams account id.', 'Ask the VCOP team to check the Teams account id'],
    ['lookup_failed', "I couldn't ask Teams who you are just now.", 'Say "help" again in a minute'],
  ])('says why (%s) and what to do, under the same first lines', (reason, why, nextStep) => {
    const card = renderNotSetUpCard({ reason, administrator: 'the VCOP team', userObjectId: '6f1c2a40-1b7e-4c1a-9d0e-3a2b1c0d9e8f' });
    expect(validateAdaptiveCard(card)).toEqual([]);
    const [title, explanation, reasonText, next] = textsOf(card);
    expect(title).toBe("You're not set up yet");
    expect(explanation).toContain("isn't linked to anyone in the records system");
    expect(reasonText).toContain(why);
    expect(next).toContain(nextStep);
  });

  it('without a reason, shows no reason line', () => {
    const card = renderNotSetUpCard();
    expect(validateAdaptiveCard(card)).toEqual([]);
    expect(textsOf(card)).toHaveLength(3);
  });
});
