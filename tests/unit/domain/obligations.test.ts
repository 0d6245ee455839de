import { describe, expect, it } from 'vitest';
import { obligationsOf } from '../../../src/domain/obligations.js';
import { defaultPolicy, parsePolicy, type PolicyError } from '../../../src/domain/policy.js';

describe('obligations as policy', () => {
  it('lists every duty with its start, due time, fulfilment and suspension; by default two count towards fully compliant', () => {
    const obligations = obligationsOf(defaultPolicy);
    expect(obligations.map((o) => [o.id, o.due.days, o.due.kind, o.due.enhancedDays, o.countsTowardsFullyCompliant])).toEqual([
      ['needsAssessment', 2, 'working', null, true],
      ['updates', 28, 'calendar', null, true],
      ['referral', 2, 'working', null, false],
      ['writtenAcknowledgement', 1, 'working', null, false],
      ['decisionUpdates', 5, 'working', 1, false],
    ]);
    expect(obligations.find((o) => o.id === 'updates')).toMatchObject({ suspendedBy: 'contact_agreement', due: { agreedFrequency: true } });
  });

  it('takes the days and the fully-compliant set from the policy file', () => {
    const policy = parsePolicy({
      referralWorkingDays: 3,
      fullyCompliant: ['needsAssessment', 'updates', 'referral', 'writtenAcknowledgement'],
    });
    expect(
      obligationsOf(policy)
        .filter((o) => o.countsTowardsFullyCompliant)
        .map((o) => o.id),
    ).toEqual(['needsAssessment', 'updates', 'referral', 'writtenAcknowledgement']);
    expect(obligationsOf(policy).find((o) => o.id === 'referral')?.due.days).toBe(3);
  });

  it('refuses an unknown duty, a repeated one or an empty list, saying what to send', () => {
    const problems = (json: unknown) => {
      try {
        parsePolicy(json);
        return [];
      } catch (error) {
        return (error as PolicyError).problems;
      }
    };
    expect(problems({ fullyCompliant: ['referals'] })).toEqual([
      'fullyCompliant.0: must list obligation ids: needsAssessment, updates, referral, writtenAcknowledgement, decisionUpdates (got ["referals"])',
    ]);
    expect(problems({ fullyCompliant: ['updates', 'updates'] })).toEqual([
      'fullyCompliant: must name each obligation once (got ["updates","updates"])',
    ]);
    expect(problems({ fullyCompliant: [] })).toEqual(['fullyCompliant: must name at least one obligation (got [])']);
  });
});
