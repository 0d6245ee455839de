import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { addCalendarDays } from '../../../src/domain/calendar.js';
import { compareDigestItems } from '../../../src/domain/digest.js';
import { countPromises } from '../../../src/domain/figures.js';
import { defaultPolicy } from '../../../src/domain/policy.js';
import {
  checkPlannedDate,
  compareWithPromises,
  promiseState,
  type PlannedPromise,
  type PromiseState,
} from '../../../src/domain/promises.js';
import { evaluateVictim, type VictimFacts } from '../../../src/domain/rules.js';
import type { DigestItem, DigestItemKind } from '../../../src/domain/types.js';
import { dateOfDayNumber, dayNumber, englandAndWales, intlLocalDate } from '../../support/england-and-wales.js';

const LONDON = 'Europe/London';

// Recorded Thu 1 Oct 2026; assessed at once; last update Tue 20 Oct: update due Tue 17 Nov, overdue from Wed 18 Nov.
const RECORDED = new Date('2026-10-01T09:12:00+01:00');
const FACTS: VictimFacts = {
  victimId: 'V-1',
  caseId: 'CR-1',
  enhanced: false,
  recordedAt: RECORDED,
  closedAt: null,
  needsAssessment: { completedAt: RECORDED, updateFrequencyDays: null },
  contacts: [{ at: new Date('2026-10-20T15:30:00+01:00'), kind: 'update' }],
};
// Acknowledged on Fri 20 Nov: "update planned by Tue 24 Nov".
const LONG_AGO = new Date('2019-01-01T09:00:00Z');
const PROMISE: PlannedPromise = { kind: 'update_overdue', dueDate: '2026-11-17', plannedOn: '2026-11-24' };

function stateAt(at: string, facts: Partial<VictimFacts> = {}, promise: PlannedPromise = PROMISE): PromiseState {
  return promiseState(promise, evaluateVictim({ ...FACTS, ...facts }, new Date(at), defaultPolicy, englandAndWales));
}

describe('promiseState: from the records and the clock', () => {
  it('is AMBER while the planned date has not passed and the update is still overdue, through the end of that local day', () => {
    expect(stateAt('2026-11-20T07:42:00Z')).toBe('AMBER');
    expect(stateAt('2026-11-24T23:59:59.999Z')).toBe('AMBER'); // 23:59 GMT on the planned day
  });

  it('is RED ("promise missed") from the local midnight after the planned date while the duty is still in breach', () => {
    expect(stateAt('2026-11-25T00:00:00Z')).toBe('RED');
    expect(stateAt('2026-12-10T12:00:00Z')).toBe('RED');
  });

  it('is GREEN once an update contact is recorded, before or after the planned date', () => {
    const updated = (at: string) => ({ contacts: [...FACTS.contacts, { at: new Date(at), kind: 'update' as const }] });
    expect(stateAt('2026-11-23T12:00:00Z', updated('2026-11-23T10:00:00Z'))).toBe('GREEN');
    expect(stateAt('2026-11-27T12:00:00Z', updated('2026-11-26T10:00:00Z'))).toBe('GREEN');
    // Graded at an instant: before the contact happened it was still open.
    expect(stateAt('2026-11-22T12:00:00Z', updated('2026-11-23T10:00:00Z'))).toBe('AMBER');
  });

  it('is GREEN when the victim agrees to be contacted only on significant developments (updates suspended)', () => {
    expect(
      stateAt('2026-11-26T12:00:00Z', { contacts: [...FACTS.contacts, { at: new Date('2026-11-23T10:00:00Z'), kind: 'agreement' }] }),
    ).toBe('GREEN');
  });

  it('is GREY once the case closes or before it was recorded: counted nowhere', () => {
    expect(stateAt('2026-11-26T12:00:00Z', { closedAt: new Date('2026-11-22T09:00:00Z') })).toBe('GREY');
    expect(stateAt('2026-11-22T09:00:00Z', { closedAt: new Date('2026-11-22T09:00:00Z') })).toBe('GREY');
    expect(promiseState(PROMISE, null)).toBe('GREY');
  });

  it('keeps a needs assessment promise open until the assessment is completed', () => {
    const promise: PlannedPromise = { kind: 'needs_assessment_missing', dueDate: '2026-10-05', plannedOn: '2026-11-24' };
    const notDone = { needsAssessment: { completedAt: null, updateFrequencyDays: null } };
    const doneOn23rd = { needsAssessment: { completedAt: new Date('2026-11-23T10:00:00Z'), updateFrequencyDays: null } };
    expect(stateAt('2026-11-20T12:00:00Z', notDone, promise)).toBe('AMBER');
    expect(stateAt('2026-11-25T12:00:00Z', notDone, promise)).toBe('RED');
    expect(stateAt('2026-11-23T12:00:00Z', doneOn23rd, promise)).toBe('GREEN');
    expect(stateAt('2026-11-22T12:00:00Z', doneOn23rd, promise)).toBe('AMBER');
  });

  it('is RED for an item still due soon whose planned date passed before its deadline: the promise was missed', () => {
    // The update falls due Tue 17 Nov; "planned by Mon 16 Nov", acknowledged while it was due soon.
    const promise: PlannedPromise = { kind: 'update_due_soon', dueDate: '2026-11-17', plannedOn: '2026-11-16' };
    expect(stateAt('2026-11-16T20:00:00Z', {}, promise)).toBe('AMBER');
    expect(stateAt('2026-11-17T09:00:00Z', {}, promise)).toBe('RED');
    // The same deadline overdue is the same promise.
    expect(stateAt('2026-11-19T09:00:00Z', {}, promise)).toBe('RED');
  });

  it('stays open when a new assessment shortens the agreed frequency without a contact (the deadline moves earlier, not on)', () => {
    const shorter = { needsAssessment: { completedAt: new Date('2026-11-21T10:00:00Z'), updateFrequencyDays: 14 } };
    expect(stateAt('2026-11-22T12:00:00Z', shorter)).toBe('AMBER');
  });

  it('turns RED exactly at the local midnight after the planned date, across DST changes and month ends', () => {
    const aroundEdges = [
      '2026-03-28',
      '2026-03-29',
      '2026-10-24',
      '2026-10-25',
      '2027-03-28',
      '2026-01-31',
      '2028-02-28',
      '2028-02-29',
      '2026-04-30',
      '2026-12-31',
    ];
    const plannedDates = fc.oneof(
      fc.constantFrom(...aroundEdges),
      fc.integer({ min: dayNumber('2020-01-01'), max: dayNumber('2030-12-31') }).map(dateOfDayNumber),
    );
    fc.assert(
      fc.property(plannedDates, fc.integer({ min: -3 * 3_600_000, max: 3 * 3_600_000 }), (plannedOn, offsetMs) => {
        // The instant `offsetMs` from the UTC midnight after the planned date: London is then on GMT or BST.
        const at = new Date(Date.parse(`${addCalendarDays(plannedOn, 1)}T00:00:00Z`) + offsetMs);
        // Never updated since 2019: the update is overdue at every instant drawn, its deadline Tue 29 Jan 2019.
        const evaluation = evaluateVictim({ ...FACTS, recordedAt: LONG_AGO, contacts: [] }, at, defaultPolicy, englandAndWales);
        const expected = intlLocalDate(at, LONDON) > plannedOn ? 'RED' : 'AMBER';
        return promiseState({ kind: 'update_overdue', dueDate: '2019-01-29', plannedOn }, evaluation) === expected;
      }),
    );
  });
});

describe('checkPlannedDate: not in the past, within the policy maximum', () => {
  const at = new Date('2026-11-20T07:42:00Z'); // Fri 20 Nov
  const check = (value: string, when = at, plannedDateMaxDays = 28) =>
    checkPlannedDate(value, when, { timeZone: LONDON, plannedDateMaxDays });

  it('accepts today up to the maximum, inclusive', () => {
    expect(check('2026-11-20')).toEqual({ ok: true, plannedOn: '2026-11-20' });
    expect(check('2026-12-18')).toEqual({ ok: true, plannedOn: '2026-12-18' });
    expect(check('2026-11-20', at, 0)).toEqual({ ok: true, plannedOn: '2026-11-20' });
  });

  it('refuses a date in the past, saying which dates it can take', () => {
    expect(check('2026-11-19')).toEqual({
      ok: false,
      problem: 'in_the_past',
      reason:
        'The planned date Thu 19 Nov is in the past. Pick a date from today (Fri 20 Nov) to Fri 18 Dec, or acknowledge without a date.',
    });
  });

  it('refuses a date beyond the maximum, naming the maximum and the latest date', () => {
    expect(check('2026-12-19')).toMatchObject({ ok: false, problem: 'too_far_ahead' });
    expect(check('2027-01-04', at, 60)).toMatchObject({ ok: true });
    const far = check('2027-01-04');
    expect(far.ok ? '' : far.reason).toBe(
      "The planned date Mon 4 Jan 2027 is more than 28 days ahead, the most the force's policy allows. Pick a date from today (Fri 20 Nov) to Fri 18 Dec, or acknowledge without a date.",
    );
  });

  it('refuses what is not a date, quoting it shortened', () => {
    expect(check('2026-02-30')).toMatchObject({ ok: false, problem: 'not_a_date' });
    expect(check('next Friday')).toMatchObject({
      ok: false,
      problem: 'not_a_date',
      reason: expect.stringMatching(/^'next Friday' is not a date/),
    });
    const long = check('x'.repeat(500));
    expect(long.ok ? 0 : long.reason.length).toBeLessThan(250);
  });

  it('takes "today" as the London date, so a press at 00:30 BST is on the new day', () => {
    const justAfterMidnightBst = new Date('2026-05-31T23:30:00Z'); // 00:30 Mon 1 Jun BST
    expect(check('2026-05-31', justAfterMidnightBst)).toMatchObject({ ok: false, problem: 'in_the_past' });
    expect(check('2026-06-01', justAfterMidnightBst)).toMatchObject({ ok: true });
  });

  it('agrees with the London calendar for any instant and date around DST changes and month ends', () => {
    const instants = fc
      .oneof(
        fc.constantFrom(
          '2026-03-29T00:30:00Z',
          '2026-03-29T01:30:00Z',
          '2026-10-24T23:30:00Z',
          '2026-10-25T01:30:00Z',
          '2028-02-28T23:59:00Z',
        ),
        fc
          .integer({ min: Date.parse('2020-01-01T00:00:00Z'), max: Date.parse('2030-12-31T00:00:00Z') })
          .map((ms) => new Date(ms).toISOString()),
      )
      .map((iso) => new Date(iso));
    fc.assert(
      fc.property(instants, fc.integer({ min: -3, max: 32 }), fc.integer({ min: 0, max: 40 }), (when, days, maxDays) => {
        const today = intlLocalDate(when, LONDON);
        const planned = dateOfDayNumber(dayNumber(today) + days);
        const result = check(planned, when, maxDays);
        return result.ok === (days >= 0 && days <= maxDays);
      }),
    );
  });
});

function item(kind: DigestItemKind, daysOverdue: number, caseId: string): DigestItem {
  return { kind, caseId, victimId: `V-${caseId}`, oicId: 'P1', category: 'violence', dueDate: '2026-11-10', daysOverdue, enhanced: false };
}

describe('compareWithPromises: missed promises first within their kind', () => {
  it('puts a breach with a missed promise ahead of breaches more overdue, but never ahead of breaches when it is due soon', () => {
    const entries = [
      { item: item('update_overdue', 10, 'A'), promiseState: null },
      { item: item('needs_assessment_missing', 8, 'B'), promiseState: 'AMBER' as const },
      { item: item('update_overdue', 2, 'C'), promiseState: 'RED' as const },
      { item: { ...item('update_due_soon', 0, 'D'), dueDate: '2026-11-22' }, promiseState: null },
      { item: { ...item('update_due_soon', 0, 'E'), dueDate: '2026-11-23' }, promiseState: 'RED' as const },
    ];
    expect(
      [...entries]
        .reverse()
        .sort(compareWithPromises)
        .map((e) => e.item.caseId),
    ).toEqual(['C', 'A', 'B', 'E', 'D']);
  });

  it('is the digest order when no promise was missed, and a total order', () => {
    const kinds: DigestItemKind[] = ['update_overdue', 'needs_assessment_missing', 'update_due_soon', 'needs_assessment_due_soon'];
    const states: (PromiseState | null)[] = [null, 'AMBER', 'RED'];
    const entry = fc.record({
      kind: fc.constantFrom(...kinds),
      days: fc.nat(30),
      caseId: fc.constantFrom('A', 'B', 'C'),
      state: fc.constantFrom(...states),
    });
    fc.assert(
      fc.property(entry, entry, (a, b) => {
        const x = { item: item(a.kind, a.days, a.caseId), promiseState: a.state };
        const y = { item: item(b.kind, b.days, b.caseId), promiseState: b.state };
        const noneMissed = a.state !== 'RED' && b.state !== 'RED';
        return (
          Math.sign(compareWithPromises(x, y)) === -Math.sign(compareWithPromises(y, x)) &&
          (!noneMissed || compareWithPromises(x, y) === compareDigestItems(x.item, y.item))
        );
      }),
    );
  });
});

describe('countPromises', () => {
  it('counts GREEN as kept, RED as missed, AMBER as open, and GREY in none', () => {
    expect(countPromises(['GREEN', 'RED', 'RED', 'AMBER', 'GREY', 'GREY'])).toEqual({ kept: 1, missed: 2, open: 1 });
    expect(countPromises([])).toEqual({ kept: 0, missed: 0, open: 0 });
  });
});

describe('promiseState on the later duties', () => {
  // Recorded Thu 2 Apr 2026 10:00 BST, referral wanted (due Wed 8 Apr); two decisions that day (due Mon 13 Apr).
  const recordedAt = new Date('2026-04-02T10:00:00+01:00');
  const later: VictimFacts = {
    victimId: 'V-9',
    caseId: 'CR-9',
    enhanced: false,
    recordedAt,
    closedAt: null,
    needsAssessment: { completedAt: recordedAt, updateFrequencyDays: null, referralWanted: true, referredAt: null },
    contacts: [],
    decisions: [
      { id: 'D-1', at: new Date('2026-04-02T12:00:00+01:00') },
      { id: 'D-2', at: new Date('2026-04-02T15:00:00+01:00') },
    ],
  };
  const state = (promise: PlannedPromise, at: string, facts: Partial<VictimFacts> = {}) =>
    promiseState(promise, evaluateVictim({ ...later, ...facts }, new Date(at), defaultPolicy, englandAndWales));

  it('keeps a referral promise once referredAt is recorded, and misses it after the planned day without one', () => {
    const promise: PlannedPromise = { kind: 'referral_overdue', dueDate: '2026-04-08', plannedOn: '2026-04-10' };
    expect(state(promise, '2026-04-10T20:00:00+01:00')).toBe('AMBER');
    expect(state(promise, '2026-04-11T00:00:00+01:00')).toBe('RED');
    const referred = { needsAssessment: { ...later.needsAssessment!, referredAt: new Date('2026-04-12T09:00:00+01:00') } };
    expect(state(promise, '2026-04-12T10:00:00+01:00', referred)).toBe('GREEN');
  });

  it('keeps a written-acknowledgement promise with its contact', () => {
    const promise: PlannedPromise = { kind: 'written_acknowledgement_overdue', dueDate: '2026-04-07', plannedOn: '2026-04-09' };
    const sent = { contacts: [{ at: new Date('2026-04-09T09:00:00+01:00'), kind: 'written_acknowledgement' as const }] };
    expect(state(promise, '2026-04-09T10:00:00+01:00')).toBe('AMBER');
    expect(state(promise, '2026-04-09T10:00:00+01:00', sent)).toBe('GREEN');
  });

  it('keeps a decision promise only when that decision is told, not another of the same day', () => {
    const promise: PlannedPromise = { kind: 'decision_update_due_soon', dueDate: '2026-04-13', plannedOn: '2026-04-13', decisionId: 'D-2' };
    const toldD1 = { contacts: [{ at: new Date('2026-04-10T09:00:00+01:00'), kind: 'decision_update' as const, decisionId: 'D-1' }] };
    expect(state(promise, '2026-04-10T10:00:00+01:00', toldD1)).toBe('AMBER');
    const toldD2 = { contacts: [{ at: new Date('2026-04-10T09:00:00+01:00'), kind: 'decision_update' as const, decisionId: 'D-2' }] };
    expect(state(promise, '2026-04-10T10:00:00+01:00', toldD2)).toBe('GREEN');
    expect(state(promise, '2026-04-14T10:00:00+01:00', toldD1)).toBe('RED');
  });
});
