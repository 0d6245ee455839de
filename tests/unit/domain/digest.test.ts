import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compareDigestItems, digestItemsFor, itemRef } from '../../../src/domain/digest.js';
import { defaultPolicy, type Policy } from '../../../src/domain/policy.js';
import { evaluateVictim, type VictimFacts } from '../../../src/domain/rules.js';
import type { DigestItem } from '../../../src/domain/types.js';
import { englandAndWales } from '../../support/england-and-wales.js';

const RECORDED = new Date('2026-10-01T09:12:00+01:00'); // Thursday: NA due Mon 5 Oct, update due Thu 29 Oct
const CASE = { victimId: 'V-1', caseId: 'CR-1', oicId: 'P-1', category: 'violence', enhanced: true };

function itemsAt(at: string, overrides: Partial<VictimFacts> = {}, policy: Policy = defaultPolicy): DigestItem[] {
  const facts: VictimFacts = {
    victimId: 'V-1',
    caseId: 'CR-1',
    enhanced: true,
    recordedAt: RECORDED,
    closedAt: null,
    needsAssessment: null,
    contacts: [],
    ...overrides,
  };
  return digestItemsFor(evaluateVictim(facts, new Date(at), policy, englandAndWales), CASE, policy);
}

const assessed = { needsAssessment: { completedAt: RECORDED, updateFrequencyDays: null } };

describe('digestItemsFor', () => {
  it('lists each breach with its days overdue and the case details', () => {
    expect(itemsAt('2026-11-10T12:00:00Z')).toEqual([
      {
        kind: 'update_overdue',
        caseId: 'CR-1',
        victimId: 'V-1',
        oicId: 'P-1',
        category: 'violence',
        dueDate: '2026-10-29',
        daysOverdue: 12,
        enhanced: true,
      },
      {
        kind: 'needs_assessment_missing',
        caseId: 'CR-1',
        victimId: 'V-1',
        oicId: 'P-1',
        category: 'violence',
        dueDate: '2026-10-05',
        daysOverdue: 36,
        enhanced: true,
      },
    ]);
  });

  it('warns of an update due within dueSoonDays, from today until the due date', () => {
    expect(itemsAt('2026-10-25T12:00:00Z', assessed)).toEqual([]);
    expect(itemsAt('2026-10-26T12:00:00Z', assessed)).toMatchObject([{ kind: 'update_due_soon', dueDate: '2026-10-29', daysOverdue: 0 }]);
    expect(itemsAt('2026-10-29T12:00:00Z', assessed)).toMatchObject([{ kind: 'update_due_soon', dueDate: '2026-10-29' }]);
    expect(itemsAt('2026-10-30T12:00:00Z', assessed)).toMatchObject([{ kind: 'update_overdue', daysOverdue: 1 }]);
  });

  it('warns of a needs assessment due soon while it is still pending', () => {
    expect(itemsAt('2026-10-01T12:00:00+01:00')).toEqual([]); // due 5 Oct, 4 days away
    expect(itemsAt('2026-10-02T12:00:00+01:00')).toMatchObject([
      { kind: 'needs_assessment_due_soon', dueDate: '2026-10-05', daysOverdue: 0 },
    ]);
    expect(itemsAt('2026-10-02T12:00:00+01:00', assessed)).toEqual([]);
  });

  it('follows the policy window', () => {
    const sameDayOnly = { ...defaultPolicy, dueSoonDays: 0 };
    expect(itemsAt('2026-10-28T12:00:00Z', assessed, sameDayOnly)).toEqual([]);
    expect(itemsAt('2026-10-29T12:00:00Z', assessed, sameDayOnly)).toMatchObject([{ kind: 'update_due_soon' }]);
  });

  it('has nothing on updates while an agreement suspends them', () => {
    const suspended = { ...assessed, contacts: [{ at: new Date('2026-10-02T10:00:00+01:00'), kind: 'agreement' as const }] };
    expect(itemsAt('2026-10-27T12:00:00Z', suspended)).toEqual([]);
    expect(itemsAt('2026-11-10T12:00:00Z', suspended)).toEqual([]);
  });

  it('has nothing for a victim outside the population', () => {
    expect(itemsAt('2026-11-10T12:00:00Z', { closedAt: new Date('2026-11-01T12:00:00Z') })).toEqual([]);
    expect(itemsAt('2026-09-30T12:00:00Z')).toEqual([]);
  });
});

function item(overrides: Partial<DigestItem>): DigestItem {
  return {
    kind: 'update_overdue',
    caseId: 'CR-1',
    victimId: 'V-1',
    oicId: 'P-1',
    category: 'violence',
    dueDate: '2026-10-29',
    daysOverdue: 12,
    enhanced: false,
    ...overrides,
  };
}

const ORDERED: DigestItem[] = [
  item({ kind: 'needs_assessment_missing', caseId: 'CR-3', dueDate: '2026-10-05', daysOverdue: 36 }),
  item({ caseId: 'CR-9', enhanced: true }),
  item({ kind: 'needs_assessment_missing', caseId: 'CR-1', victimId: 'V-1' }),
  item({ caseId: 'CR-1', victimId: 'V-1' }),
  item({ caseId: 'CR-1', victimId: 'V-2' }),
  item({ caseId: 'CR-2' }),
  item({ caseId: 'CR-4', daysOverdue: 1 }),
  item({ kind: 'needs_assessment_due_soon', caseId: 'CR-5', dueDate: '2026-11-11', daysOverdue: 0 }),
  item({ kind: 'update_due_soon', caseId: 'CR-7', dueDate: '2026-11-12', daysOverdue: 0, enhanced: true }),
  item({ kind: 'update_due_soon', caseId: 'CR-1', dueDate: '2026-11-12', daysOverdue: 0 }),
];

describe('compareDigestItems', () => {
  it('puts breaches first, most overdue and enhanced first, then due-soon items soonest and enhanced first', () => {
    expect([...ORDERED].reverse().sort(compareDigestItems)).toEqual(ORDERED);
  });

  it('gives the same order whatever order the items come in', () => {
    fc.assert(
      fc.property(fc.shuffledSubarray(ORDERED, { minLength: ORDERED.length }), (shuffled) => {
        expect(shuffled.sort(compareDigestItems)).toEqual(ORDERED);
      }),
    );
  });

  it('is a consistent comparison', () => {
    fc.assert(
      fc.property(fc.constantFrom(...ORDERED), fc.constantFrom(...ORDERED), (a, b) => {
        expect(Math.sign(compareDigestItems(a, b))).toBe(-Math.sign(compareDigestItems(b, a)) || 0);
        expect(compareDigestItems(a, a)).toBe(0);
      }),
    );
  });
});

/** sha256 of `["update_overdue","V-88120","2026-10-29"]`, base64url, first 16 characters (checked with openssl). */
const PINNED_REF = 'vq9YgVU2L8J5rITE';

describe('itemRef', () => {
  const base = { kind: 'update_overdue' as const, victimId: 'V-88120', dueDate: '2026-10-29' };

  it('is a short opaque base64url string that does not reveal the victim id', () => {
    const ref = itemRef(base);
    expect(ref).toMatch(/^[A-Za-z0-9_-]{16}$/);
    expect(ref).not.toContain('88120');
  });

  it('is stable across releases: stored acknowledgements refer to it', () => {
    expect(itemRef(base)).toBe(PINNED_REF);
    expect(itemRef({ ...base })).toBe(itemRef(base));
  });

  it('differs when the kind, the victim or the deadline differs', () => {
    const refs = new Set([
      itemRef(base),
      itemRef({ ...base, kind: 'update_due_soon' }),
      itemRef({ ...base, victimId: 'V-88121' }),
      itemRef({ ...base, dueDate: '2026-10-30' }),
    ]);
    expect(refs.size).toBe(4);
  });
});
