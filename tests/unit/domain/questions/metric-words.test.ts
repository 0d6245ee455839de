import { describe, expect, it } from 'vitest';
import { readMetric } from '../../../../src/domain/questions/metric-words.js';

describe('readMetric', () => {
  it.each([
    ['vcop compliance', 'overall'],
    ['fully compliant rate', 'overall'],
    ['needs assessments', 'needs_assessment'],
    ['na rate', 'needs_assessment'],
    ['missing nas', 'needs_assessment'],
    ['overdue vnas', 'needs_assessment'],
    ['how many victims were assessed', 'needs_assessment'],
    ['updates', 'updates'],
    ['overdue', 'updates'],
    ['victim contact', 'updates'],
    ['contacting victims', 'updates'],
    ['28 day rule', 'updates'],
    ['needs assessments and updates', 'overall'],
    // The Code's later duties (issue 14), named the ways people name them.
    ['referrals overdue', 'referral'],
    ['how many victims referred to victim support', 'referral'],
    ['support services referral rate', 'referral'],
    ['written acknowledgement rate', 'written_acknowledgement'],
    ['acknowledgement letters sent', 'written_acknowledgement'],
    ['crime reference letters', 'written_acknowledgement'],
    ['key decision updates this month', 'decision_updates'],
    ['victims told of charging decisions', 'decision_updates'],
    ['decisions', 'decision_updates'],
    ['are victims being told about arrests and charges in time', 'decision_updates'],
    ['referrals done within the 2 days', 'referral'],
    ['victims updated about their case', 'updates'],
  ])('"%s" is %s', (text, metric) => {
    expect(readMetric(text)).toBe(metric);
  });

  it('does not take an acknowledged item or a promise for the written acknowledgement', () => {
    expect(readMetric('items i acknowledged')).toBeNull();
    expect(readMetric('acknowledged updates')).toBe('updates');
  });

  it('is null when the question names no figure', () => {
    expect(readMetric('how is north team 3 doing')).toBeNull();
  });

  it('does not take "update me on" for the update figure', () => {
    expect(readMetric('update me on north lpa')).toBeNull();
    expect(readMetric('give me an update on north lpa compliance')).toBe('overall');
  });
});
