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
  ])('"%s" is %s', (text, metric) => {
    expect(readMetric(text)).toBe(metric);
  });

  it('is null when the question names no figure', () => {
    expect(readMetric('how is north team 3 doing')).toBeNull();
  });

  it('does not take "update me on" for the update figure', () => {
    expect(readMetric('update me on north lpa')).toBeNull();
    expect(readMetric('give me an update on north lpa compliance')).toBe('overall');
  });
});
