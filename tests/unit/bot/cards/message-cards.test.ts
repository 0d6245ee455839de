import { describe, expect, it } from 'vitest';
import { renderAmbiguousCard } from '../../../../src/bot/cards/ambiguous-card.js';
import { expandTemplate } from '../../../../src/bot/cards/expand-template.js';
import { renderHelpCard } from '../../../../src/bot/cards/help-card.js';
import { renderNotSetUpCard } from '../../../../src/bot/cards/not-set-up-card.js';
import { renderNotUnderstoodCard } from '../../../../src/bot/cards/not-understood-card.js';
import { renderRefusalCard } from '../../../../src/bot/cards/refusal-card.js';
import { renderSubscriptionConfirmationCard } from '../../../../src/bot/cards/subscription-confirmation-card.js';
import { actions, expectValidCard, texts } from '../../../support/card-test-helpers.js';

describe('message cards', () => {
  it('a refusal says why and carries no figures', () => {
    const card = renderRefusalCard({ reason: 'You can see figures for North Team 3 only.' });
    expectValidCard(card);
    expect(texts(card)).toEqual(["I can't show you that", 'You can see figures for North Team 3 only.']);
  });

  it('help lists example questions as buttons and the digest commands', () => {
    const card = renderHelpCard();
    expectValidCard(card);
    expect(actions(card, 'askQuestion').map((a) => (a.data as { question: string }).question)).toContain("my team's compliance this month");
    expect(texts(card)).toEqual(expect.arrayContaining(['digest at 06:30', 'digest off', 'my items']));
  });

  it('not understood offers suggestions as buttons and does not echo what was typed', () => {
    const card = renderNotUnderstoodCard({ suggestions: ['my items', 'which teams are below target?'] });
    expectValidCard(card);
    expect(actions(card, 'askQuestion').map((a) => a.title)).toEqual(['my items', 'which teams are below target?']);
  });

  it('ambiguous offers one "Did you mean" button per reading and needs at least one', () => {
    const card = renderAmbiguousCard({
      prompt: '"Team 3" could be one of these:',
      options: [
        { title: 'North Team 3', question: { unitId: 'N-T3' } },
        { title: 'South Team 3', question: { unitId: 'S-T3' } },
      ],
    });
    expectValidCard(card);
    expect(texts(card)[0]).toBe('Did you mean…');
    expect(actions(card, 'askQuestion').map((a) => a.data)).toEqual([{ question: { unitId: 'N-T3' } }, { question: { unitId: 'S-T3' } }]);
    expect(() => renderAmbiguousCard({ prompt: 'x', options: [] })).toThrow(/at least one option/);
  });

  it('not set up explains what to do, with or without the account id', () => {
    expectValidCard(renderNotSetUpCard());
    const card = renderNotSetUpCard({ userObjectId: '6f1c2a40-1b7e-4c1a-9d0e-3a2b1c0d9e8f', administrator: 'the VCOP team' });
    expectValidCard(card);
    expect(JSON.stringify(card)).toContain('6f1c2a40-1b7e-4c1a-9d0e-3a2b1c0d9e8f');
    expect(texts(card).some((t) => t.startsWith('Ask the VCOP team'))).toBe(true);
  });

  it('subscription confirmation states the time, or that the digest is off', () => {
    const on = renderSubscriptionConfirmationCard({
      active: true,
      subject: "North Team 3's digest",
      timeText: '06:30',
      whereText: 'in this chat',
      timeZone: 'Europe/London',
    });
    expectValidCard(on);
    expect(texts(on)[0]).toBe("✓ North Team 3's digest at 06:30 every day");
    const off = renderSubscriptionConfirmationCard({ active: false, subject: 'your reminder', whereText: 'in this chat' });
    expectValidCard(off);
    expect(texts(off)[0]).toBe('Your reminder is off');
  });

  // biome-ignore lint/suspicious/noTemplateCurlyInString: the test's name quotes the template syntax it guards against.
  it('a template field missing from the data is an error naming it, not "${field}" on a card', () => {
    expect(() => expandTemplate('refusal', { hasHint: false, hint: '' })).toThrow(/cards\/refusal\.json uses \$\{title\}, \$\{reason\}/);
  });
});
