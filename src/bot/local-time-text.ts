import { TZDate } from '@date-fns/tz';
import { format } from 'date-fns';
import { localDateOf } from '../domain/calendar.js';

/** "07:00 Fri 20 Nov 2026": when a card's figures were taken, on the force's wall clock. */
export function asOfText(at: Date, timeZone: string): string {
  return format(new TZDate(at.getTime(), timeZone), 'HH:mm EEE d MMM yyyy');
}

/** "07:42" when it happened on `today` (the card's day), else "07:42 Thu 19 Nov". */
export function actedAtText(at: Date, today: Date, timeZone: string): string {
  const local = new TZDate(at.getTime(), timeZone);
  return localDateOf(at, timeZone) === localDateOf(today, timeZone) ? format(local, 'HH:mm') : format(local, 'HH:mm EEE d MMM');
}
