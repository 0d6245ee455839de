import { describe, expect, it, vi } from 'vitest';

// Every call of the parser's normaliser is counted: reading a person's name words is the parser's dearest step.
const calls = vi.hoisted(() => ({ names: [] as string[] }));
vi.mock('../../../../src/domain/questions/normalise.js', async (importOriginal) => {
  const original = await importOriginal<typeof import('../../../../src/domain/questions/normalise.js')>();
  return {
    ...original,
    normalise: (raw: string, protectedWords?: ReadonlySet<string>) => {
      calls.names.push(raw);
      return original.normalise(raw, protectedWords);
    },
  };
});

const { findOfficerMention, personNameWords } = await import('../../../../src/domain/questions/officer-matching.js');

/** Letters only, one word per number: names have no digits in their words. */
const letters = (n: number): string => (n < 26 ? '' : letters(Math.floor(n / 26) - 1)) + String.fromCharCode(97 + (n % 26));

/** A force of 3,000 people, as a 100,000-victim force's question reads them all to find a name in it. */
const people = Array.from({ length: 3000 }, (_, i) => ({
  id: `P${i}`,
  name: `PC ${2000 + i} Amara${letters(i)} Shahzz${letters(i)}`,
  unitId: `T${i % 40}`,
  role: 'officer' as const,
}));

describe('officer names in a question', () => {
  it("reads each person's name words once, not again for every question", () => {
    expect(findOfficerMention(`how is pc shahzz${letters(17)} doing`, people, new Set())?.candidates.map((p) => p.id)).toEqual(['P17']);
    personNameWords(people);
    calls.names.length = 0;
    // The next questions over the same people normalise no name again.
    expect(
      findOfficerMention(`what about amara${letters(42)} shahzz${letters(42)}`, people, new Set())?.candidates.map((p) => p.id),
    ).toEqual(['P42']);
    expect(personNameWords(people).has(`shahzz${letters(2999)}`)).toBe(true);
    expect(calls.names.filter((raw) => raw.startsWith('PC '))).toEqual([]);
  });

  it("reads a renamed person's new name, never the words of the name they had", () => {
    const renamed = [{ ...people[5]!, name: 'PC 2005 Amara Okafor' }];
    expect(findOfficerMention('how is pc okafor doing', renamed, new Set())?.candidates.map((p) => p.id)).toEqual(['P5']);
    expect(findOfficerMention(`how is pc shahzz${letters(5)} doing`, renamed, new Set())).toBeNull();
  });
});
