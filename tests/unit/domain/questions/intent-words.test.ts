import { describe, expect, it } from 'vitest';
import { type IntentClues, readIntent } from '../../../../src/domain/questions/intent-words.js';
import { readMetric } from '../../../../src/domain/questions/metric-words.js';

const clues = (text: string, extra: Partial<IntentClues> = {}): IntentClues => ({
  metric: readMetric(text),
  pastPeriod: false,
  trendMonths: null,
  defaultTrendMonths: 6,
  comparesPeriods: false,
  ...extra,
});
const intentOf = (text: string, extra: Partial<IntentClues> = {}) => readIntent(text, clues(text, extra)).intent;

describe('readIntent', () => {
  it.each([
    ['north team 3 compliance', { kind: 'figure' }],
    ['compare my teams', { kind: 'compare_children' }],
    ['break it down by team', { kind: 'compare_children' }],
    ['how are my officers doing', { kind: 'compare_children' }],
    ['which teams are above target', { kind: 'compare_children' }],
    ['which teams are below target', { kind: 'below_target', threshold: null }],
    ['teams below 85 percent', { kind: 'below_target', threshold: 85 }],
    ['teams under 87.5', { kind: 'below_target', threshold: 87.5 }],
    ['teams not meeting the target', { kind: 'below_target', threshold: null }],
    ['which teams are failing', { kind: 'below_target', threshold: null }],
    ['best team', { kind: 'rank', order: 'best' }],
    ['league table', { kind: 'rank', order: 'best' }],
    ['worst team', { kind: 'rank', order: 'worst' }],
    ['rank my officers worst first', { kind: 'rank', order: 'worst' }],
    ['teams best to worst', { kind: 'rank', order: 'best' }],
    ['have i missed any promised dates', { kind: 'promises' }],
    ['did i keep my promises', { kind: 'promises' }],
    ['what overdue for my team', { kind: 'my_items' }],
    ['what updates do i have overdue', { kind: 'my_items' }],
    ['what due today', { kind: 'my_items' }],
    ['do i have any referrals outstanding', { kind: 'my_items' }],
    ['any decision updates due', { kind: 'my_items' }],
    ['written acknowledgements i still need to send', { kind: 'my_items' }],
    ['my stuff', { kind: 'my_items' }],
    ['how many items have i got overdue', { kind: 'my_items' }],
    ['which promises are still open', { kind: 'promises' }],
    ['promises ive got open', { kind: 'promises' }],
    ['written acknowledgements outstanding', { kind: 'my_items' }],
    ['which team has the most overdue referrals', { kind: 'rank', order: 'worst' }],
    ['who has the most missing written acknowledgements', { kind: 'rank', order: 'worst' }],
    ['anything coming due soon', { kind: 'my_items' }],
    ['lowest needs assessment rate', { kind: 'rank', order: 'worst' }],
    ['least compliant team', { kind: 'rank', order: 'worst' }],
    ['most compliant team', { kind: 'rank', order: 'best' }],
    ['who has the most overdue updates', { kind: 'most', of: 'overdue_updates' }],
    ['which team has the most missing needs assessments', { kind: 'most', of: 'missing_needs_assessments' }],
    ['who has the most nas missing', { kind: 'most', of: 'missing_needs_assessments' }],
    ['highest number of overdue updates', { kind: 'most', of: 'overdue_updates' }],
    ['trend', { kind: 'trend', months: 6 }],
    ['is it improving', { kind: 'trend', months: 6 }],
    ['my overdue updates', { kind: 'my_items' }],
    ['my items', { kind: 'my_items' }],
    ['what do i need to do', { kind: 'my_items' }],
    ['anything overdue for me', { kind: 'my_items' }],
  ])('"%s"', (text, intent) => {
    expect(intentOf(text)).toEqual(intent);
  });

  it('reads "improved since <a day>" as the figure then and now, unless the series itself is asked for', () => {
    expect(intentOf('has south team 2 improved', { sincePeriod: true })).toEqual({ kind: 'figure' });
    expect(intentOf('how has compliance changed', { sincePeriod: true })).toEqual({ kind: 'figure' });
    expect(intentOf('compliance trend', { sincePeriod: true, defaultTrendMonths: 3 })).toEqual({ kind: 'trend', months: 3 });
    expect(intentOf('has it gone up or down', { sincePeriod: true, defaultTrendMonths: 4 })).toEqual({ kind: 'trend', months: 4 });
    expect(intentOf('has south team 2 improved')).toEqual({ kind: 'trend', months: 6 });
    expect(intentOf('are we improving', { comparesPeriods: true })).toEqual({ kind: 'figure' });
  });

  it('uses the months a period phrase gave a trend', () => {
    expect(intentOf('compliance', { trendMonths: 12 })).toEqual({ kind: 'trend', months: 12 });
    expect(intentOf('trend', { defaultTrendMonths: 4 })).toEqual({ kind: 'trend', months: 4 });
  });

  it('reads "compared with last month" as the figure, which carries the previous period', () => {
    expect(intentOf('compare north lpa with', { comparesPeriods: true })).toEqual({ kind: 'figure' });
    expect(intentOf('compare my teams', { comparesPeriods: true })).toEqual({ kind: 'compare_children' });
  });

  it('says what a list ranks', () => {
    expect(readIntent('which team is worst', clues('which team is worst')).listNoun).toBe('teams');
    expect(readIntent('who is worst', clues('who is worst')).listNoun).toBe('officers');
    expect(readIntent('which lpa is worst', clues('which lpa is worst')).listNoun).toBe('commands');
  });

  it('ignores a threshold that is not a percentage', () => {
    expect(intentOf('teams below 250')).toEqual({ kind: 'compare_children' });
  });

  it('marks a plain figure question as not explicit', () => {
    expect(readIntent('north lpa', clues('north lpa')).explicit).toBe(false);
  });
});
