import { describe, expect, it } from 'vitest';
import { readIntent } from '../../../../src/domain/questions/intent-words.js';
import { readMetric } from '../../../../src/domain/questions/metric-words.js';
import { normalise } from '../../../../src/domain/questions/normalise.js';
import { findOfficerMention, personNameWords } from '../../../../src/domain/questions/officer-matching.js';
import { readScope } from '../../../../src/domain/questions/scope-words.js';
import { unitNameWords } from '../../../../src/domain/questions/unit-matching.js';
import { askerFor, PEOPLE, UNITS } from '../../../support/example-force.js';

const unitWords = unitNameWords(UNITS);

function scopeOf(persona: string, question: string) {
  const text = normalise(question, new Set([...unitWords, ...personNameWords(PEOPLE)]));
  const intent = readIntent(text, {
    metric: readMetric(text),
    pastPeriod: false,
    trendMonths: null,
    defaultTrendMonths: 6,
    comparesPeriods: false,
  });
  return readScope(text, {
    asker: askerFor(persona),
    units: UNITS,
    people: PEOPLE,
    unitWords,
    intent: intent.intent,
    listNoun: intent.listNoun,
    ownItems: intent.ownItems,
  });
}
const scope = (persona: string, question: string) => {
  const reading = scopeOf(persona, question);
  return reading.kind === 'scope' ? reading.scope : reading.kind;
};

describe('readScope: no scope in the question', () => {
  it.each([
    ['officer', { kind: 'officer', personId: 'self' }],
    ['supervisor of North Team 2', { kind: 'unit', unitId: 'N-T2' }],
    ['inspector of South LPA', { kind: 'unit', unitId: 'S-LPA' }],
    ['senior lead', { kind: 'force' }],
  ])('is the natural scope of the %s', (persona, expected) => {
    expect(scope(persona, 'compliance this month')).toEqual(expected);
  });
});

describe('readScope: words for the asker', () => {
  it('reads "my team" and "we" as the asker\'s unit, for an officer too', () => {
    expect(scope('supervisor of North Team 2', 'how is my team doing')).toEqual({ kind: 'unit', unitId: 'N-T2' });
    expect(scope('officer', 'how are we doing')).toEqual({ kind: 'unit', unitId: 'N-T2' });
    expect(scope('inspector of South LPA', 'my team')).toEqual({ kind: 'unit', unitId: 'S-LPA' });
  });

  it('reads "my area" as the inspector\'s unit, or the command above a team', () => {
    expect(scope('inspector of South LPA', 'my area')).toEqual({ kind: 'unit', unitId: 'S-LPA' });
    expect(scope('supervisor of North Team 2', 'my lpa')).toEqual({ kind: 'unit', unitId: 'N-LPA' });
    expect(scope('senior lead', 'my teams')).toEqual({ kind: 'force' });
  });

  it('reads "my victims" as the officer\'s own and the supervisor\'s team', () => {
    expect(scope('officer', 'my victims overdue')).toEqual({ kind: 'officer', personId: 'self' });
    expect(scope('supervisor of North Team 2', 'my victims overdue')).toEqual({ kind: 'unit', unitId: 'N-T2' });
  });

  it('reads the force, by word or by name', () => {
    expect(scope('inspector of South LPA', 'the whole force')).toEqual({ kind: 'force' });
    expect(scope('supervisor of North Team 2', 'example constabulary')).toEqual({ kind: 'force' });
  });

  it("takes a list of teams from the asker's area, and a list of commands from the force", () => {
    expect(scope('supervisor of North Team 2', 'which team is worst')).toEqual({ kind: 'unit', unitId: 'N-LPA' });
    expect(scope('supervisor of North Team 2', 'who is worst')).toEqual({ kind: 'unit', unitId: 'N-T2' });
    expect(scope('inspector of South LPA', 'which lpa is worst')).toEqual({ kind: 'force' });
  });

  it('keeps "my items" to the asker', () => {
    expect(scope('supervisor of North Team 2', 'my overdue updates')).toEqual({ kind: 'officer', personId: 'self' });
  });
});

describe('readScope: named units', () => {
  it("prefers the fit in the asker's own command, and asks when there is none", () => {
    expect(scope('inspector of South LPA', 'team 1')).toEqual({ kind: 'unit', unitId: 'S-T1' });
    expect(scope('supervisor of North Team 2', 'team 1')).toEqual({ kind: 'unit', unitId: 'N-T1' });
    const reading = scopeOf('senior lead', 'team 1');
    expect(reading.kind).toBe('ambiguous');
  });

  it('reads a partial name from that command\'s inspector as the command: "south" from the South inspector', () => {
    expect(scopeOf('inspector of South LPA', 'south')).toEqual({ kind: 'scope', scope: { kind: 'unit', unitId: 'S-LPA' }, named: true });
    // A sergeant sees only their team: every fit stays, and the answerer offers the one they may see.
    expect(scopeOf('supervisor of North Team 2', 'north')).toMatchObject({ kind: 'ambiguous' });
  });

  it('reads a bare area name from a senior lead as the command: "city" is City LPA', () => {
    expect(scopeOf('senior lead', 'city')).toEqual({ kind: 'scope', scope: { kind: 'unit', unitId: 'C-LPA' }, named: true });
  });

  it('asks which unit when a partial name fits a command and its teams, commands first', () => {
    const reading = scopeOf('inspector of North LPA', 'south');
    expect(reading).toEqual({
      kind: 'ambiguous',
      said: 'south',
      options: [
        { label: 'South LPA', scope: { kind: 'unit', unitId: 'S-LPA' } },
        { label: 'South Team 1', scope: { kind: 'unit', unitId: 'S-T1' } },
        { label: 'South Team 2', scope: { kind: 'unit', unitId: 'S-T2' } },
      ],
    });
  });

  it('ranks within the area a partial name gives in a list', () => {
    expect(scope('senior lead', 'worst team in south')).toEqual({ kind: 'unit', unitId: 'S-LPA' });
    expect(scope('senior lead', 'which north team has the most overdue updates')).toEqual({ kind: 'unit', unitId: 'N-LPA' });
  });

  it('compares two named siblings within their parent', () => {
    expect(scope('senior lead', 'compare north team 1 and north team 2')).toEqual({ kind: 'unit', unitId: 'N-LPA' });
  });

  it('asks which of two named units when the question is not a comparison', () => {
    const reading = scopeOf('senior lead', 'north lpa city lpa compliance');
    expect(reading.kind === 'ambiguous' && reading.options.map((o) => o.label)).toEqual(['North LPA', 'City LPA']);
  });

  it('reports a unit that does not exist instead of answering for another', () => {
    expect(scopeOf('senior lead', 'east lpa compliance')).toEqual({ kind: 'unknown_name', said: 'east lpa' });
    expect(scopeOf('senior lead', 'pc khan compliance')).toEqual({ kind: 'unknown_name', said: 'pc khan' });
  });
});

describe('officers', () => {
  it('finds an officer by full name, by rank and surname, or by an unusual surname', () => {
    expect(findOfficerMention('how is tom okafor doing', PEOPLE, unitWords)?.candidates.map((p) => p.id)).toEqual(['P-2102']);
    expect(findOfficerMention('pc okafor', PEOPLE, unitWords)?.candidates.map((p) => p.id)).toEqual(['P-2102']);
    expect(findOfficerMention('okafor compliance', PEOPLE, unitWords)?.candidates.map((p) => p.id)).toEqual(['P-2102']);
  });

  it('lists everyone a shared surname fits', () => {
    expect(findOfficerMention('sergeant shah', PEOPLE, unitWords)?.candidates.map((p) => p.id)).toEqual(['P-2101', 'P-2103']);
    expect(scopeOf('supervisor of North Team 2', 'shah').kind).toBe('ambiguous');
  });

  it('lets the rank said pick between two of one surname: a PC Shah and a DC Shah (issue 12)', () => {
    expect(scopeOf('supervisor of North Team 2', 'pc shah')).toMatchObject({ scope: { kind: 'officer', personId: 'P-2101' } });
    expect(scopeOf('supervisor of North Team 2', 'dc shah')).toMatchObject({ scope: { kind: 'officer', personId: 'P-2103' } });
  });

  it('reads a possessive without its apostrophe, and a first name only one person has', () => {
    expect(scopeOf('supervisor of North Team 2', 'okafors updates')).toMatchObject({ scope: { kind: 'officer', personId: 'P-2102' } });
    expect(scopeOf('supervisor of North Team 2', 'amaras update rate')).toMatchObject({ scope: { kind: 'officer', personId: 'P-2101' } });
  });

  it('finds nobody when no name is given', () => {
    expect(findOfficerMention('how is my team doing', PEOPLE, unitWords)).toBeNull();
  });
});

describe('readScope: lists within a named team number', () => {
  it("still prefers the asker's own command", () => {
    expect(scope('inspector of South LPA', 'who has the most overdue updates in team 1')).toEqual({ kind: 'unit', unitId: 'S-T1' });
  });
});

describe('readScope: "the team" from above a team (issue 12)', () => {
  it('asks an inspector which of their teams "the team" is, and reads "my team" as their own unit', () => {
    expect(scopeOf('inspector of South LPA', 'hows the team doing on updates')).toMatchObject({
      kind: 'ambiguous',
      options: [{ label: 'South Team 1' }, { label: 'South Team 2' }],
    });
    expect(scopeOf('inspector of South LPA', 'my team')).toMatchObject({ kind: 'scope', scope: { kind: 'unit', unitId: 'S-LPA' } });
    expect(scopeOf('supervisor of North Team 2', 'hows the team doing')).toMatchObject({
      kind: 'scope',
      scope: { kind: 'unit', unitId: 'N-T2' },
    });
  });
});

describe("readScope: a team named through a person, and a sergeant's possessive (issue 12)", () => {
  it.each([
    ['senior lead', 'compliance for PS Evans team', { kind: 'unit', unitId: 'N-T2' }],
    ['inspector of North LPA', "Tom Okafor's lot", { kind: 'unit', unitId: 'N-T2' }],
    ['supervisor of North Team 2', 'how many of my teams victims are overdue an update', { kind: 'unit', unitId: 'N-T2' }],
    ['supervisor of North Team 2', 'any missing needs assessments on the shift', { kind: 'unit', unitId: 'N-T2' }],
    // From an inspector "my teams" are the teams of the area.
    ['inspector of North LPA', 'my teams figures', { kind: 'unit', unitId: 'N-LPA' }],
    ['senior lead', 'how is PS Evans doing', { kind: 'officer', personId: 'P-2100' }],
  ])('%s: "%s"', (persona, question, expected) => {
    expect(scope(persona, question)).toEqual(expected);
  });
});
