import { readFileSync } from 'node:fs';
import { isDeepStrictEqual } from 'node:util';
import { describe, expect, it } from 'vitest';
import { parseQuestion, type Understanding } from '../../../../src/domain/questions/index.js';
import { askerFor, NOW, PEOPLE, TIME_ZONE, UNITS } from '../../../support/example-force.js';

/**
 * Measured understanding (issue 4, part 5): every phrasing of the labelled set is parsed and compared
 * with its expected reading; the parser must get at least 95% right.
 */

interface Labelled {
  line: number;
  persona: string;
  question: string;
  expected: string;
}

const MINIMUM_ACCURACY = 0.95;

function readLabelledSet(): Labelled[] {
  const text = readFileSync(new URL('../../../fixtures/questions.tsv', import.meta.url), 'utf8');
  return text.split('\n').flatMap((row, index) => {
    if (row.trim() === '' || row.startsWith('#')) return [];
    const [persona, question, expected, ...extra] = row.split('\t');
    if (persona === undefined || question === undefined || expected === undefined || extra.length > 0) {
      throw new Error(`questions.tsv line ${index + 1}: expected 3 tab-separated columns (persona, question, expected)`);
    }
    return [{ line: index + 1, persona, question, expected }];
  });
}

/** The reading in the labelled set's notation, so a mismatch prints both sides alike. */
function notationOf(understanding: Understanding): string {
  switch (understanding.kind) {
    case 'query':
      return JSON.stringify(understanding.query);
    case 'ambiguous':
      return `ambiguous:${understanding.options
        .map((option) =>
          option.query.scope.kind === 'unit'
            ? option.query.scope.unitId
            : option.query.scope.kind === 'officer'
              ? option.query.scope.personId
              : 'force',
        )
        .join(',')}`;
    case 'help':
      return 'help';
    case 'not_understood':
      return 'not_understood';
    case 'unread':
      // Nothing else read: the answer is "not understood", naming the words.
      return understanding.reading === null ? 'not_understood' : `unread:${understanding.words.join(',')}`;
    case 'unknown_name':
      return 'unknown_name';
    case 'cannot_answer':
      return 'cannot_answer';
  }
}

function matches(expected: string, actual: string): boolean {
  if (expected.startsWith('{')) return actual.startsWith('{') && isDeepStrictEqual(JSON.parse(expected), JSON.parse(actual));
  if (expected.startsWith('ambiguous:')) {
    const ids = (value: string) => value.slice('ambiguous:'.length).split(',').sort();
    return actual.startsWith('ambiguous:') && isDeepStrictEqual(ids(expected), ids(actual));
  }
  return expected === actual;
}

describe('the labelled set of questions', () => {
  const labelled = readLabelledSet();

  it('holds at least 150 distinct phrasings', () => {
    expect(labelled.length).toBeGreaterThanOrEqual(150);
    expect(new Set(labelled.map((l) => `${l.persona}\t${l.question}`)).size).toBe(labelled.length);
  });

  it(`is understood at ${MINIMUM_ACCURACY * 100}% or better`, () => {
    const misses: string[] = [];
    for (const { line, persona, question, expected } of labelled) {
      const understanding = parseQuestion(question, {
        asker: askerFor(persona),
        units: UNITS,
        people: PEOPLE,
        now: NOW,
        timeZone: TIME_ZONE,
      });
      const actual = notationOf(understanding);
      if (!matches(expected, actual))
        misses.push(`  line ${line} (${persona}) "${question}"\n    expected ${expected}\n    got      ${actual}`);
      if (understanding.kind === 'not_understood') expect(understanding.suggestions.length).toBeGreaterThanOrEqual(3);
    }
    const accuracy = (labelled.length - misses.length) / labelled.length;
    console.log(
      `question understanding: ${(accuracy * 100).toFixed(1)}% (${labelled.length - misses.length} of ${labelled.length})${misses.length > 0 ? `\n${misses.join('\n')}` : ''}`,
    );
    expect(accuracy).toBeGreaterThanOrEqual(MINIMUM_ACCURACY);
  });
});
