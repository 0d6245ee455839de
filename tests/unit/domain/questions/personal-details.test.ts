import { describe, expect, it } from 'vitest';
import { parseQuestion } from '../../../../src/domain/questions/index.js';
import { askerFor, NOW, PEOPLE, TIME_ZONE, UNITS } from '../../../support/example-force.js';

/** A victim's name, contact details or address are never given in Teams: asked for, the question is refused. */
const read = (question: string) =>
  parseQuestion(question, { asker: askerFor('supervisor of North Team 2'), units: UNITS, people: PEOPLE, now: NOW, timeZone: TIME_ZONE });

describe("a victim's personal details asked for", () => {
  it.each([
    "give me the victim's phone number on the oldest overdue job",
    'whats the victims name on CR123',
    'victim names for my overdue updates',
    'names of the victims on my overdue list',
    'address for the victim on CR 1',
    'their mobile numbers please',
    'IP email addresses for my team',
    'victim date of birth',
  ])('"%s" is refused, with the reason and what to ask instead', (question) => {
    const understanding = read(question);
    expect(understanding).toMatchObject({
      kind: 'cannot_answer',
      reason: expect.stringMatching(/^Victims' names, contact details and addresses/),
    });
    expect(understanding.kind === 'cannot_answer' && understanding.hint).toMatch(/crime reference/);
  });

  it.each([
    ['number of victims waiting on an update', 'query'],
    ['how are amaras numbers this month', 'query'],
    ['victims numbers this month', 'query'],
    ['victims needs assessments', 'query'],
    ['victim updates due', 'query'],
    ['updates for victims contacted by email', 'unread'],
  ])('"%s" is not about personal details', (question, kind) => {
    expect(read(question).kind).toBe(kind);
  });
});
