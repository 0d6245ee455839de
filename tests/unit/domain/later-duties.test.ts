import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { localDateOf } from '../../../src/domain/calendar.js';
import { evaluateLaterDuties, type LaterFacts } from '../../../src/domain/later-duties.js';
import { defaultPolicy } from '../../../src/domain/policy.js';
import { evaluateVictim } from '../../../src/domain/rules.js';
import { englandAndWales } from '../../support/england-and-wales.js';

/** Hand-computed from compliance-rules.md "Later duties", on the England & Wales calendar in Europe/London. */

// Thursday 2 April 2026, 10:00 BST: Good Friday (3 Apr) and Easter Monday (6 Apr) follow.
const RECORDED = new Date('2026-04-02T10:00:00+01:00');
const facts = (overrides: Partial<LaterFacts> = {}): LaterFacts => ({
  enhanced: false,
  recordedAt: RECORDED,
  needsAssessment: null,
  contacts: [],
  ...overrides,
});
const later = (f: LaterFacts, at: string) => evaluateLaterDuties(f, new Date(at), defaultPolicy, englandAndWales);
const wantsReferral = (referredAt: string | null = null) => ({
  completedAt: new Date('2026-04-02T11:00:00+01:00'),
  referralWanted: true,
  referredAt: referredAt === null ? null : new Date(referredAt),
});

describe('referral to support services (2 working days)', () => {
  it('over Easter is due Wednesday 8 April, and in breach on the 9th', () => {
    expect(later(facts({ needsAssessment: wantsReferral() }), '2026-04-08T22:59:59Z').referral).toEqual({
      status: 'due',
      dueDate: '2026-04-08',
    });
    expect(later(facts({ needsAssessment: wantsReferral() }), '2026-04-08T23:00:00Z').referral).toEqual({
      status: 'breach',
      dueDate: '2026-04-08',
    });
  });

  it('applies only once a completed needs assessment records referralWanted: true', () => {
    expect(later(facts(), '2026-05-01T12:00:00Z').referral).toBeNull();
    const notWanted = { ...wantsReferral(), referralWanted: false };
    expect(later(facts({ needsAssessment: notWanted }), '2026-05-01T12:00:00Z').referral).toBeNull();
    expect(later(facts({ needsAssessment: wantsReferral() }), '2026-04-02T10:30:00+01:00').referral).toBeNull();
  });

  it('is met by referredAt at or before t, never by one after it', () => {
    const referred = facts({ needsAssessment: wantsReferral('2026-04-10T09:00:00+01:00') });
    expect(later(referred, '2026-04-10T08:59:59Z').referral?.status).toBe('met');
    expect(later(referred, '2026-04-10T07:59:59Z').referral?.status).toBe('breach');
  });
});

describe('written acknowledgement (1 working day)', () => {
  it('over Easter is due Tuesday 7 April; met by a written_acknowledgement contact at or before t', () => {
    expect(later(facts(), '2026-04-07T12:00:00Z').writtenAcknowledgement).toEqual({ status: 'due', dueDate: '2026-04-07' });
    expect(later(facts(), '2026-04-08T00:00:00+01:00').writtenAcknowledgement.status).toBe('breach');
    const sent = facts({ contacts: [{ at: new Date('2026-04-09T09:00:00+01:00'), kind: 'written_acknowledgement' }] });
    expect(later(sent, '2026-04-09T09:00:00+01:00').writtenAcknowledgement.status).toBe('met');
    const update = facts({ contacts: [{ at: new Date('2026-04-02T12:00:00+01:00'), kind: 'update' }] });
    expect(later(update, '2026-04-09T09:00:00+01:00').writtenAcknowledgement.status).toBe('breach');
  });
});

describe('key decisions told (5 working days, 1 for an enhanced victim)', () => {
  // 23:30 UTC on Saturday 24 October 2026 is 00:30 BST on Sunday the 25th, the night the clocks go back.
  const charged = { id: 'DEC-1', at: new Date('2026-10-24T23:30:00Z') };
  // Christmas Eve: Christmas Day (Fri), then the substitute Boxing Day (Mon 28), then New Year's Day (Fri 1 Jan).
  const bailed = { id: 'DEC-2', at: new Date('2026-12-24T15:00:00Z') };

  it('count from the local date of the decision, across the clock change and the Christmas bank holidays', () => {
    const standard = later(facts({ decisions: [charged, bailed] }), '2026-12-24T16:00:00Z').decisionUpdates;
    expect(standard?.decisions).toEqual([
      { decisionId: 'DEC-1', status: 'breach', dueDate: '2026-10-30' },
      { decisionId: 'DEC-2', status: 'due', dueDate: '2027-01-05' },
    ]);
    expect(standard?.status).toBe('breach');
    const enhanced = later(facts({ enhanced: true, decisions: [charged, bailed] }), '2026-12-24T16:00:00Z').decisionUpdates;
    expect(enhanced?.decisions.map((d) => d.dueDate)).toEqual(['2026-10-26', '2026-12-29']);
  });

  it('are met by a decision_update naming that decision at or before t; do not apply before any decision', () => {
    expect(later(facts({ decisions: [bailed] }), '2026-12-24T14:59:59Z').decisionUpdates).toBeNull();
    const told = facts({
      decisions: [charged, bailed],
      contacts: [
        { at: new Date('2026-10-26T10:00:00Z'), kind: 'decision_update', decisionId: 'DEC-1' },
        { at: new Date('2026-12-24T16:00:00Z'), kind: 'decision_update', decisionId: 'DEC-9' },
      ],
    });
    const judged = later(told, '2027-01-06T12:00:00Z').decisionUpdates;
    expect(judged?.decisions.map((d) => d.status)).toEqual(['met', 'breach']);
    expect(judged?.status).toBe('breach');
  });

  it('for any decision instant: due is a working day, the enhanced one never later, and breach only after the due date', () => {
    const instant = fc.integer({ min: Date.parse('2026-01-01T00:00:00Z'), max: Date.parse('2027-11-30T00:00:00Z') });
    fc.assert(
      fc.property(instant, fc.integer({ min: 0, max: 20 * 86_400_000 }), (decidedAt, after) => {
        const decision = { id: 'D', at: new Date(decidedAt) };
        const at = new Date(decidedAt + after);
        const standard = later(facts({ recordedAt: new Date(decidedAt), decisions: [decision] }), at.toISOString()).decisionUpdates;
        const enhanced = later(
          facts({ enhanced: true, recordedAt: new Date(decidedAt), decisions: [decision] }),
          at.toISOString(),
        ).decisionUpdates;
        const [s, e] = [standard?.decisions[0], enhanced?.decisions[0]];
        if (!s || !e) return false;
        const decidedOn = localDateOf(decision.at, 'Europe/London');
        expect(englandAndWales.addWorkingDays(decidedOn, 5)).toBe(s.dueDate);
        expect(e.dueDate <= s.dueDate && e.dueDate > decidedOn).toBe(true);
        expect(s.status).toBe(localDateOf(at, 'Europe/London') > s.dueDate ? 'breach' : 'due');
        return true;
      }),
      { seed: 14, numRuns: 300 },
    );
  });
});

describe('fully compliant', () => {
  const victim = {
    victimId: 'V-1',
    caseId: 'CR-1',
    enhanced: false,
    recordedAt: RECORDED,
    closedAt: null,
    needsAssessment: {
      completedAt: new Date('2026-04-02T11:00:00+01:00'),
      updateFrequencyDays: null,
      referralWanted: true,
      referredAt: null,
    },
    contacts: [{ at: new Date('2026-04-03T10:00:00+01:00'), kind: 'update' as const }],
  };

  it('by default needs only the needs assessment and updates; a policy may add referral and written acknowledgement', () => {
    const at = new Date('2026-04-10T12:00:00+01:00');
    expect(evaluateVictim(victim, at, defaultPolicy, englandAndWales).fullyCompliant).toBe(true);
    const stricter = { ...defaultPolicy, fullyCompliant: ['needsAssessment', 'updates', 'referral', 'writtenAcknowledgement'] as const };
    expect(evaluateVictim(victim, at, { ...stricter, fullyCompliant: [...stricter.fullyCompliant] }, englandAndWales).fullyCompliant).toBe(
      false,
    );
  });
});
