import { describe, expect, it } from 'vitest';
import type { DipAuditPeriodFigures } from '../../../../src/service/dip-audit-period.js';
import { MAX_LISTED, dipFacts, dipHeadline, monthLabel, unlistedNote } from '../../../../src/service/questions/dip-audit-wording.js';

/** The words of a dip-audit answer, on hand-made figures (issue 16 part 3). */
const TEAM = { id: 'N-T1', name: 'North Team 1' };
const OIC = { id: 'P2', name: 'PC 2002 Patel' };

function figures(over: Partial<DipAuditPeriodFigures> = {}): DipAuditPeriodFigures {
  return {
    unit: { id: 'N-T1', name: 'North Team 1', kind: 'team' },
    months: [{ period: '2026-10', sampled: 10, submitted: 4, started: 1 }],
    notDrawn: [],
    sampled: 10,
    submitted: 4,
    outstanding: 6,
    started: 1,
    codeCompliant: { compliant: 3, total: 4, rate: 75 },
    goodService: null,
    questions: [],
    dataFullyCompliant: { compliant: 4, total: 4, rate: 100 },
    dataSaidCompliantReviewerSaidNot: [{ crimeReference: 'CR-1', category: 'hate', team: TEAM, oic: OIC, period: '2026-10' }],
    ...over,
  };
}

describe('dip-audit answer wording', () => {
  it('names the month as people say it', () => {
    expect(monthLabel('2026-10')).toBe('October 2026');
    expect(monthLabel('2027-01')).toBe('January 2027');
  });

  it("sets the reviewers' figure beside the records', and says a question the policy does not ask", () => {
    expect(dipHeadline('North Team 1', 'October 2026', { kind: 'dip_audit', show: 'results' }, figures())).toBe(
      'North Team 1 dip sample, October 2026: 75.0% Code compliant (of 4 audited) · ' +
        'the records said 100.0% (4 of 4) fully compliant for the same cases.',
    );
    expect(dipFacts('results', figures()).find((f) => f.title === 'Good service (reviewers)')?.value).toBe('not asked by the policy');
  });

  it('says when nothing is outstanding, and when no case was box-ticked', () => {
    const done = figures({ submitted: 10, outstanding: 0, dataSaidCompliantReviewerSaidNot: [] });
    expect(dipHeadline('North Team 1', 'October 2026', { kind: 'dip_audit', show: 'outstanding' }, done)).toBe(
      'North Team 1 dip sample, October 2026: no audits outstanding, all 10 drawn cases submitted.',
    );
    expect(dipHeadline('North Team 1', 'October 2026', { kind: 'dip_audit', show: 'box_ticked' }, done)).toBe(
      'North Team 1 dip sample, October 2026: none of the 10 audited cases was called compliant by the records and not by the reviewer.',
    );
  });

  it('lists at most MAX_LISTED box-ticked cases by crime reference, and counts the rest', () => {
    const many = Array.from({ length: MAX_LISTED + 5 }, (_unused, i) => ({
      crimeReference: `CR-${i}`,
      category: 'hate',
      team: TEAM,
      oic: OIC,
      period: '2026-10',
    }));
    const f = figures({ submitted: 50, dataSaidCompliantReviewerSaidNot: many });
    const facts = dipFacts('box_ticked', f);
    expect(facts).toHaveLength(MAX_LISTED);
    expect(facts[0]).toEqual({ title: 'CR-0', value: 'North Team 1 · October 2026' });
    expect(JSON.stringify(facts)).not.toContain('Patel');
    expect(unlistedNote(f)).toBe('And 5 more: ask about one team or one month to list them.');
    expect(unlistedNote(figures())).toBeNull();
  });
});
