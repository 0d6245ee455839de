import { describe, expect, it } from 'vitest';
import { validateAdaptiveCard } from '../../support/adaptive-card-validator.js';

const card = (body: unknown[], actions: unknown[] = []) => ({ type: 'AdaptiveCard', version: '1.5', body, actions });
const messages = (value: unknown, forbiddenStrings?: string[]) => validateAdaptiveCard(value, { forbiddenStrings }).map((p) => p.message);

describe('validateAdaptiveCard (the harness must catch what it claims to)', () => {
  it('passes a plain card', () => {
    expect(messages(card([{ type: 'TextBlock', text: 'North Team 3: 87.5%' }]))).toEqual([]);
  });

  it('reports unknown element types, bad enum values and duplicate input ids from the official parser', () => {
    const problems = messages(
      card([
        { type: 'Carousel2' },
        { type: 'TextBlock', text: 'x', color: 'purple' },
        { type: 'Input.Text', id: 'a' },
        { type: 'Input.Text', id: 'a' },
      ]),
    );
    expect(problems.some((m) => m.includes('Carousel2'))).toBe(true);
    expect(problems.some((m) => m.includes('purple'))).toBe(true);
    expect(problems.some((m) => m.includes('Duplicate'))).toBe(true);
  });

  it('reports an Action.Execute without a verb and an Image without a url', () => {
    const problems = messages(card([{ type: 'Image', altText: 'logo' }], [{ type: 'Action.Execute', title: 'Go' }]));
    expect(problems.some((m) => m.includes('Action.Execute has no verb'))).toBe(true);
    expect(problems.some((m) => m.includes('Image has no url'))).toBe(true);
  });

  it.each([
    ['a victim id', 'Victim V-88120 is overdue', 'victim id'],
    ['an e-mail address', 'Ask p1234@example.police.uk', 'e-mail'],
    ['a mobile number', 'Call 07700 900123', 'phone'],
    ['an international number', 'Call +44 20 7946 0958', 'phone'],
    // biome-ignore lint/suspicious/noTemplateCurlyInString: an unexpanded template expression is what this row checks for.
    ['a leftover template expression', 'Hello ${name}', 'unexpanded'],
  ])('reports %s', (_what, text, expected) => {
    expect(messages(card([{ type: 'TextBlock', text }])).some((m) => m.includes(expected))).toBe(true);
  });

  it('does not mistake crime references, times, dates or Entra ids for phone numbers', () => {
    const text = 'CR-26-004512 at 07:42 on 2026-11-20 by 6f1c2a40-1b7e-4c1a-9d0e-3a2b1c0d9e8f, 00000000-0000-0000-0000-000000000000';
    expect(messages(card([{ type: 'TextBlock', text }]))).toEqual([]);
  });

  it('reports forbidden strings and cards over the Teams size limit', () => {
    expect(messages(card([{ type: 'TextBlock', text: 'ref ABC-9' }]), ['ABC-9']).some((m) => m.includes('forbidden'))).toBe(true);
    const huge = card([{ type: 'TextBlock', text: 'x'.repeat(29 * 1024) }]);
    expect(messages(huge).some((m) => m.includes('Teams refuses'))).toBe(true);
  });
});
