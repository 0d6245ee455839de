import { describe, expect, it } from 'vitest';
import { dipAuditDays, dipAuditStage, lastWorkingDayOfMonth, workingDayOfMonth } from '../../../src/domain/dip-deadlines.js';
import { defaultPolicy, parsePolicy, type PolicyError } from '../../../src/domain/policy.js';
import { englandAndWales } from '../../support/england-and-wales.js';

const days = (period: string, overrides: Partial<typeof defaultPolicy> = {}) =>
  dipAuditDays(period, { ...defaultPolicy, ...overrides }, englandAndWales);

describe("a month's dip-audit days", () => {
  it('are due on the 15th working day: Fri 20 Nov 2026, overdue after the last working day, Mon 30 Nov', () => {
    expect(days('2026-11')).toEqual({ dueOn: '2026-11-20', overdueAfter: '2026-11-30' });
  });

  it('skip a bank holiday: May 2026 counts past Mon 4 May (early May bank holiday), so its 15th is Fri 22 May', () => {
    expect(days('2026-05').dueOn).toBe('2026-05-22');
  });

  it('skip a weekend at the month end: October 2026 ends on a Saturday, so its last working day is Fri 30 Oct', () => {
    expect(lastWorkingDayOfMonth('2026-10', englandAndWales)).toBe('2026-10-30');
    expect(days('2026-10').overdueAfter).toBe('2026-10-30');
  });

  it('skip a bank holiday at the month end: Mon 31 Aug 2026 is one, so August ends on Fri 28 Aug', () => {
    expect(days('2026-08').overdueAfter).toBe('2026-08-28');
  });

  it('take a numbered overdue day on the working calendar: the 18th of December 2026 is Thu 24 Dec', () => {
    expect(days('2026-12', { dipAuditOverdueWorkingDay: 18 })).toEqual({ dueOn: '2026-12-21', overdueAfter: '2026-12-24' });
  });

  it('stop at the month end when the month has fewer working days than asked', () => {
    expect(workingDayOfMonth('2026-12', 25, englandAndWales)).toBe('2026-12-31');
  });
});

describe('what a month owes on a day', () => {
  const november = days('2026-11');
  it('is nothing before the due day, a reminder from the due day to the overdue day, then overdue', () => {
    expect(dipAuditStage(november, '2026-11-19')).toBe('before_due_day');
    expect(dipAuditStage(november, '2026-11-20')).toBe('due');
    expect(dipAuditStage(november, '2026-11-30')).toBe('due');
    expect(dipAuditStage(november, '2026-12-01')).toBe('overdue');
  });
});

describe('the dip-audit policy keys', () => {
  it('default to the 15th working day and "last"', () => {
    expect(defaultPolicy).toMatchObject({ dipAuditReminderWorkingDay: 15, dipAuditOverdueWorkingDay: 'last' });
    expect(parsePolicy({ dipAuditReminderWorkingDay: 10, dipAuditOverdueWorkingDay: 12 })).toMatchObject({
      dipAuditReminderWorkingDay: 10,
      dipAuditOverdueWorkingDay: 12,
    });
  });

  it('list every problem, each naming its key', () => {
    const problems = (json: object) => {
      try {
        parsePolicy(json);
        return [];
      } catch (error) {
        return (error as PolicyError).problems;
      }
    };
    expect(problems({ dipAuditReminderWorkingDay: 30, dipAuditOverdueWorkingDay: 'end' })).toEqual([
      'dipAuditReminderWorkingDay: must be a whole number from 2 to 18 (got 30)',
      'dipAuditOverdueWorkingDay: must be "last" (the last working day of the month) or a whole number from 2 to 18 (got "end")',
    ]);
    expect(problems({ dipSampleDrawWorkingDay: 5, dipAuditReminderWorkingDay: 5, dipAuditOverdueWorkingDay: 4 })).toEqual([
      'dipAuditReminderWorkingDay: must be after the draw day (dipSampleDrawWorkingDay 5) (got 5)',
      'dipAuditOverdueWorkingDay: must be on or after the reminder day (dipAuditReminderWorkingDay 5), or "last" (got 4)',
    ]);
  });
});
