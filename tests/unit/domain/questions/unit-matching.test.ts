import { describe, expect, it } from 'vitest';
import { normalise } from '../../../../src/domain/questions/normalise.js';
import { findUnitMentions, unitNameWords } from '../../../../src/domain/questions/unit-matching.js';
import { UNITS } from '../../../support/example-force.js';

const idsFor = (question: string) =>
  findUnitMentions(normalise(question, unitNameWords(UNITS)), UNITS).map((mention) => mention.candidates.map((unit) => unit.id).sort());

describe('findUnitMentions', () => {
  it.each([
    ['North Team 3 compliance', ['N-T3']],
    ['team 3 north', ['N-T3']],
    ['north team three', ['N-T3']],
    ['north 3', ['N-T3']],
    ['N-T3', ['N-T3']],
    ['nt3 updates', ['N-T3']],
    ['cid-t1', ['CID-T1']],
    ['north lpa', ['N-LPA']],
    ['North local policing area', ['N-LPA']],
    ['nroth lpa', ['N-LPA']],
    ['Southe LPA', ['S-LPA']],
    ['the north teams', ['N-LPA']],
    ['CID', ['CID']],
    ['cid team', ['CID-T1']],
    ['example constabulary', ['FORCE']],
    ['team 3', ['N-T3']],
  ])('"%s" names %j', (question, ids) => {
    expect(idsFor(question)).toEqual([ids]);
  });

  it('lists every fit of a partial name, so the caller can ask', () => {
    expect(idsFor('south')).toEqual([['S-LPA', 'S-T1', 'S-T2']]);
    expect(idsFor('city')).toEqual([['C-LPA', 'C-T1', 'C-T2']]);
    expect(idsFor('north team')).toEqual([['N-T1', 'N-T2', 'N-T3']]);
    expect(idsFor('team 1')).toEqual([['C-T1', 'CID-T1', 'N-T1', 'S-T1']]);
  });

  it('finds no fit for a unit that does not exist', () => {
    expect(idsFor('south team 3')).toEqual([[]]);
    expect(idsFor('east lpa compliance')).toEqual([[]]);
    expect(idsFor('how is bravo team 2 doing')).toEqual([[]]);
  });

  it('names nothing for kind words alone or ordinary words', () => {
    expect(idsFor('my team')).toEqual([]);
    expect(idsFor('which lpa is worst')).toEqual([]);
    expect(idsFor('how did the worst performing team do')).toEqual([]);
    expect(idsFor('teams below 85 percent')).toEqual([]);
    expect(idsFor('what did it do')).toEqual([]); // "did" is not "cid"
  });

  it('finds each of several units', () => {
    expect(idsFor('north lpa versus city lpa')).toEqual([['N-LPA'], ['C-LPA']]);
  });
});
