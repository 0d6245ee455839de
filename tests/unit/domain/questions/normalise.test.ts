import { describe, expect, it } from 'vitest';
import { normalise } from '../../../../src/domain/questions/normalise.js';
import { editDistance, isTypoOf } from '../../../../src/domain/questions/typo-distance.js';

describe('normalise', () => {
  it('lower-cases, drops possessives and punctuation, keeps ids, dates and decimals', () => {
    expect(normalise("What's North Team 3's VCOP rate?")).toBe('what north team 3 vcop rate');
    expect(normalise('N-T3 since 01/09/2026, below 87.5%!')).toBe('n-t3 since 01/09/2026 below 87.5 percent');
    expect(normalise("the teams' figures")).toBe('the teams figures');
    expect(normalise('updates since 2026-09-01')).toBe('updates since 2026-09-01');
  });

  it('reads per cent, percent and % alike, and < as below', () => {
    expect(normalise('below 85 per cent')).toBe('below 85 percent');
    expect(normalise('teams < 80%')).toBe('teams below 80 percent');
  });

  it('expands shorthand and US spellings', () => {
    expect(normalise('sgt stats this wk')).toBe('sergeant figures this week');
    expect(normalise('how r u doing, summarize the organization')).toBe('how are you doing summarise the organisation');
  });

  it('mends typos towards the words the parser listens for', () => {
    expect(normalise('complaince needs assesments octobr')).toBe('compliance needs assessments october');
    expect(normalise('updtaes overdeu')).toBe('updates overdue');
  });

  it('leaves everyday words, protected names and ties alone', () => {
    expect(normalise('what do i need to do')).toBe('what do i need to do');
    expect(normalise('in terms of updates')).toBe('in terms of updates');
    expect(normalise('nroth', new Set(['nroth']))).toBe('nroth');
    expect(normalise('tems')).toBe('tems'); // as near "team" as "teams": not guessed
  });

  it('leaves "samples" alone: a dip sample is not a typo of "examples" (issue 16)', () => {
    expect(normalise('how many dip samples are left to do')).toBe('how many dip samples are left to do');
  });

  it('gives the empty string for nothing but marks', () => {
    expect(normalise(' ?! ')).toBe('');
  });
});

describe('typo distance', () => {
  it('counts a swap of neighbouring letters as one typo', () => {
    expect(editDistance('nroth', 'north')).toBe(1);
    expect(editDistance('kitten', 'sitting')).toBe(3);
  });

  it('gives short words less room', () => {
    expect(isTypoOf('did', 'cid')).toBe(false);
    expect(isTypoOf('terms', 'teams')).toBe(false); // one changed letter in a 5-letter word
    expect(isTypoOf('soth', 'south')).toBe(true); // one missing letter
    expect(isTypoOf('nroth', 'north')).toBe(true);
    expect(isTypoOf('septmber', 'september')).toBe(true);
    expect(isTypoOf('asessmnt', 'assessment')).toBe(true);
    expect(isTypoOf('month', 'north')).toBe(false);
    expect(isTypoOf('team3', 'team')).toBe(false);
  });
});

describe('shorthand for teams and exclusions (issue 12)', () => {
  it('reads "t1" and "tm3" as the team of that number, and "excl" as excluding', () => {
    expect(normalise('south t1 vs south t2')).toBe('south team 1 versus south team 2');
    expect(normalise('tm3 figures')).toBe('team 3 figures');
    expect(normalise('RAG all commands excl CID')).toBe('rag all commands excluding cid');
  });

  it('leaves words that only look like the shorthand alone', () => {
    expect(normalise('t100 tt1 at1')).toBe('t100 tt1 at1');
  });
});
