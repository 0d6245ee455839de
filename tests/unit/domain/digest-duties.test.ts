import { describe, expect, it } from 'vitest';
import { compareDigestItems, digestItemsFor, groupByDuty, itemRef } from '../../../src/domain/digest.js';
import { defaultPolicy, OBLIGATION_IDS, type Policy } from '../../../src/domain/policy.js';
import { evaluateVictim, type VictimFacts } from '../../../src/domain/rules.js';
import type { DigestItem, DigestItemKind } from '../../../src/domain/types.js';
import { englandAndWales } from '../../support/england-and-wales.js';

/**
 * The later duties' digest items (compliance-rules.md 4-6 and "Digest items"), hand-computed on the England &
 * Wales calendar in Europe/London. The case is recorded on Friday 27 March 2026 at 23:30 GMT, before the
 * clocks go forward (Sunday 29 March); its deadlines fall after it, around Easter (Good Friday 3 April,
 * Easter Monday 6 April):
 * - written acknowledgement, 1 working day: Monday 30 March;
 * - referral (the victim asked for one), 2 working days: Tuesday 31 March;
 * - key decisions D-1 (Thursday 2 April 00:30 BST, i.e. 1 April 23:30 UTC) and D-2 (2 April 08:00 BST): 5
 *   working days from Thursday 2 April skipping Good Friday and Easter Monday: 7, 8, 9, 10, 13 → Monday 13
 *   April; for an enhanced victim 1 working day → Tuesday 7 April.
 */
const RECORDED = new Date('2026-03-27T23:30:00Z');
const VICTIM = { victimId: 'V-1', caseId: 'CR-26-0001', oicId: 'P-1', category: 'burglary', enhanced: false };
const ALL_DUTIES: Policy = { ...defaultPolicy, digestDuties: [...OBLIGATION_IDS] };
const DECISIONS = [
  { id: 'D-1', at: new Date('2026-04-01T23:30:00Z') },
  { id: 'D-2', at: new Date('2026-04-02T08:00:00+01:00') },
];

function facts(overrides: Partial<VictimFacts> = {}): VictimFacts {
  return {
    victimId: 'V-1',
    caseId: 'CR-26-0001',
    enhanced: false,
    recordedAt: RECORDED,
    closedAt: null,
    // Done on Saturday 28 March: the victim wants a referral, not yet made.
    needsAssessment: { completedAt: new Date('2026-03-28T10:00:00Z'), updateFrequencyDays: null, referralWanted: true, referredAt: null },
    contacts: [],
    decisions: DECISIONS,
    ...overrides,
  };
}

function itemsAt(at: string, f: VictimFacts = facts(), policy: Policy = ALL_DUTIES): DigestItem[] {
  return digestItemsFor(evaluateVictim(f, new Date(at), policy, englandAndWales), { ...VICTIM, enhanced: f.enhanced }, policy).sort(
    compareDigestItems,
  );
}

const summary = (items: DigestItem[]) => items.map((i) => [i.kind, i.dueDate, i.daysOverdue, i.decisionId ?? null]);

describe('the later duties in the digest', () => {
  it('lists none of them with the default digestDuties: every existing digest is unchanged', () => {
    expect(itemsAt('2026-04-10T09:00:00+01:00', facts(), defaultPolicy)).toEqual([]);
  });

  it('on Friday 10 April: acknowledgement and referral overdue, both decisions due soon (one item per decision)', () => {
    expect(summary(itemsAt('2026-04-10T09:00:00+01:00'))).toEqual([
      ['written_acknowledgement_overdue', '2026-03-30', 11, null],
      ['referral_overdue', '2026-03-31', 10, null],
      ['decision_update_due_soon', '2026-04-13', 0, 'D-1'],
      ['decision_update_due_soon', '2026-04-13', 0, 'D-2'],
    ]);
    // Thursday 9 April is four days before the 13th: outside the 3-day warning.
    expect(summary(itemsAt('2026-04-09T09:00:00+01:00')).filter(([kind]) => String(kind).startsWith('decision'))).toEqual([]);
  });

  it('judges by the local date after the clocks go forward: 23:30 UTC on Monday 30 March is already Tuesday', () => {
    expect(summary(itemsAt('2026-03-30T22:59:59Z'))).toEqual([
      ['written_acknowledgement_due_soon', '2026-03-30', 0, null],
      ['referral_due_soon', '2026-03-31', 0, null],
    ]);
    expect(summary(itemsAt('2026-03-30T23:00:00Z'))).toEqual([
      ['written_acknowledgement_overdue', '2026-03-30', 1, null],
      ['referral_due_soon', '2026-03-31', 0, null],
    ]);
  });

  it('has a decision told item only for the decision not yet told, overdue from local midnight of the 14th', () => {
    const toldD1 = facts({ contacts: [{ at: new Date('2026-04-13T10:00:00+01:00'), kind: 'decision_update', decisionId: 'D-1' }] });
    const decisions = (at: string) => summary(itemsAt(at, toldD1)).filter(([kind]) => String(kind).startsWith('decision'));
    expect(decisions('2026-04-13T22:59:59Z')).toEqual([['decision_update_due_soon', '2026-04-13', 0, 'D-2']]);
    expect(decisions('2026-04-13T23:00:00Z')).toEqual([['decision_update_overdue', '2026-04-13', 1, 'D-2']]);
  });

  it('gives an enhanced victim 1 working day, over Good Friday and Easter Monday: due Tuesday 7 April', () => {
    const enhanced = facts({ enhanced: true });
    const decisions = (at: string) => itemsAt(at, enhanced).filter((i) => i.kind.startsWith('decision'));
    expect(summary(decisions('2026-04-06T12:00:00+01:00'))).toEqual([
      ['decision_update_due_soon', '2026-04-07', 0, 'D-1'],
      ['decision_update_due_soon', '2026-04-07', 0, 'D-2'],
    ]);
    expect(decisions('2026-04-08T00:00:00+01:00').map((i) => [i.kind, i.daysOverdue, i.enhanced])).toEqual([
      ['decision_update_overdue', 1, true],
      ['decision_update_overdue', 1, true],
    ]);
  });

  it('lists only the duties named: a referral only while it is wanted and not made', () => {
    const referralOnly = { ...defaultPolicy, digestDuties: ['referral' as const] };
    expect(summary(itemsAt('2026-04-10T09:00:00+01:00', facts(), referralOnly))).toEqual([['referral_overdue', '2026-03-31', 10, null]]);
    const referred = facts({ needsAssessment: { ...facts().needsAssessment!, referredAt: new Date('2026-04-01T09:00:00+01:00') } });
    expect(itemsAt('2026-04-10T09:00:00+01:00', referred, referralOnly)).toEqual([]);
    const notWanted = facts({ needsAssessment: { ...facts().needsAssessment!, referralWanted: false } });
    expect(itemsAt('2026-04-10T09:00:00+01:00', notWanted, referralOnly)).toEqual([]);
  });

  it('keeps each item free of victim details: ids, category and crime reference only', () => {
    for (const item of itemsAt('2026-04-10T09:00:00+01:00')) {
      expect(Object.keys(item).sort()).toEqual(
        [
          'caseId',
          'category',
          'daysOverdue',
          'dueDate',
          'enhanced',
          'kind',
          'oicId',
          'victimId',
          ...(item.decisionId ? ['decisionId'] : []),
        ].sort(),
      );
    }
  });
});

describe('itemRef of a decision update', () => {
  const d1 = { kind: 'decision_update_overdue' as const, victimId: 'V-1', dueDate: '2026-04-13', decisionId: 'D-1' };

  it('keeps two decisions of one day apart, and each stays the same while its deadline does', () => {
    expect(itemRef(d1)).not.toBe(itemRef({ ...d1, decisionId: 'D-2' }));
    expect(itemRef({ ...d1 })).toBe(itemRef(d1));
    // The ref is made of the item, never of the day it is seen: the same decision's item on two mornings.
    const [first] = itemsAt('2026-04-14T09:00:00+01:00').filter((i) => i.decisionId === 'D-1');
    const [later] = itemsAt('2026-04-20T09:00:00+01:00').filter((i) => i.decisionId === 'D-1');
    expect(first && later && itemRef(first)).toBe(itemRef(later as DigestItem));
  });

  it('leaves the refs of every other kind as they were (made of kind, victim and due date only)', () => {
    // sha256 of ["update_overdue","V-88120","2026-10-29"], as pinned in digest.test.ts.
    expect(itemRef({ kind: 'update_overdue', victimId: 'V-88120', dueDate: '2026-10-29' })).toBe('vq9YgVU2L8J5rITE');
  });
});

describe('groupByDuty', () => {
  const kinds = (entries: DigestItemKind[]) => groupByDuty(entries, (kind) => kind);

  it('puts each duty together, the groups in the order of their most urgent item, keeping the order inside each', () => {
    expect(
      kinds([
        'referral_overdue',
        'update_overdue',
        'decision_update_overdue',
        'needs_assessment_missing',
        'referral_due_soon',
        'update_due_soon',
      ]),
    ).toEqual([
      'referral_overdue',
      'referral_due_soon',
      'update_overdue',
      'needs_assessment_missing',
      'update_due_soon',
      'decision_update_overdue',
    ]);
  });

  it('leaves a digest of the two default duties exactly as it was', () => {
    const today: DigestItemKind[] = ['needs_assessment_missing', 'update_overdue', 'needs_assessment_due_soon', 'update_due_soon'];
    expect(kinds(today)).toEqual(today);
  });
});
