import { addCalendarDays, type WorkingDays } from './calendar.js';
import { parseMonthParam } from './periods.js';
import type { LocalDate } from './types.js';

/**
 * When a month's dip-sample audits are due and when they are overdue (issue 16, part 4), on the working
 * calendar (weekends and bank holidays are not working days), as the draw day is.
 */
export interface DipAuditDays {
  /** The audits are due by the end of this day; an inspector with audits left is reminded at its start. */
  dueOn: LocalDate;
  /** The audits still unfinished after this day are overdue (shown to the senior lead). */
  overdueAfter: LocalDate;
}

/** What is owed on `today` for the month `period`: nothing yet, a reminder, or the overdue audits. */
export type DipAuditStage = 'before_due_day' | 'due' | 'overdue';

export function dipAuditDays(
  period: string,
  policy: { dipAuditReminderWorkingDay: number; dipAuditOverdueWorkingDay: number | 'last' },
  calendar: WorkingDays,
): DipAuditDays {
  const overdue = policy.dipAuditOverdueWorkingDay;
  return {
    dueOn: workingDayOfMonth(period, policy.dipAuditReminderWorkingDay, calendar),
    overdueAfter: overdue === 'last' ? lastWorkingDayOfMonth(period, calendar) : workingDayOfMonth(period, overdue, calendar),
  };
}

export function dipAuditStage(days: DipAuditDays, today: LocalDate): DipAuditStage {
  if (today > days.overdueAfter) return 'overdue';
  return today >= days.dueOn ? 'due' : 'before_due_day';
}

/** The month's n-th working day; its last working day when the month has fewer than n. */
export function workingDayOfMonth(period: string, n: number, calendar: WorkingDays): LocalDate {
  const first = firstDayOf(period);
  const nth = calendar.addWorkingDays(addCalendarDays(first, -1), n);
  return nth.slice(0, 7) === period ? nth : lastWorkingDayOfMonth(period, calendar);
}

/** The month's last working day. */
export function lastWorkingDayOfMonth(period: string, calendar: WorkingDays): LocalDate {
  let day = addCalendarDays(nextMonthStart(period), -1);
  while (!calendar.isWorkingDay(day)) day = addCalendarDays(day, -1);
  return day;
}

function firstDayOf(period: string): LocalDate {
  if (!parseMonthParam(period)) throw new RangeError(`'${period}' is not a month: expected YYYY-MM, e.g. 2026-11`);
  return `${period}-01`;
}

function nextMonthStart(period: string): LocalDate {
  return addCalendarDays(`${firstDayOf(period).slice(0, 8)}28`, 4)
    .slice(0, 8)
    .concat('01');
}
