import { TZDate } from '@date-fns/tz';
import { format } from 'date-fns';
import { isLocalDate, localDateOf } from './calendar.js';
import type { Metric } from './questions/types.js';
import type { LocalDate, PromiseCounts, Ratio } from './types.js';

/**
 * How figures and times read, in one place for the answers, the digests and the cards alike: a rate
 * never shows without the counts behind it where there is room, and no live victims reads
 * "no live cases", never 0% or 100%. Pure: no I/O.
 */

/** What each metric's rate counts, e.g. "87.5% fully compliant". */
export const METRIC_WORDS: Record<Metric, string> = {
  overall: 'fully compliant',
  needs_assessment: 'needs assessments done',
  updates: 'updated on time',
  referral: 'referred to support on time',
  written_acknowledgement: 'acknowledged in writing on time',
  decision_updates: 'told of key decisions on time',
};

const NO_LIVE_CASES = 'no live cases';

/** "90.0%": a target or threshold, always with one decimal. */
export function percentText(value: number): string {
  return `${value.toFixed(1)}%`;
}

/** "87.5%", or "no live cases". */
export function rateText(rate: number | null): string {
  return rate === null ? NO_LIVE_CASES : percentText(rate);
}

/** "35 of 40". */
export function countText(compliant: number, total: number): string {
  return `${compliant} of ${total}`;
}

/** "35 of 40 victims". */
export function victimCountText(compliant: number, total: number): string {
  return `${countText(compliant, total)} victims`;
}

/** "87.5% (35 of 40)" or "no live cases". */
export function figureText(rate: number | null, compliant: number, total: number): string {
  return rate === null ? NO_LIVE_CASES : `${rateText(rate)} (${countText(compliant, total)})`;
}

/** "87.5% (35/40)" or "no live cases": where a row has little room (the trend card). */
export function compactFigureText(rate: number | null, compliant: number, total: number): string {
  return rate === null ? NO_LIVE_CASES : `${rateText(rate)} (${compliant}/${total})`;
}

/** "+2.1 pts", "−0.4 pts", "no change"; null when either period had no live cases. */
export function changeText(change: number | null): string | null {
  if (change === null) return null;
  if (change === 0) return 'no change';
  return `${change > 0 ? '+' : '−'}${Math.abs(change).toFixed(1)} pts`;
}

/**
 * "North Team 3: 87.5% fully compliant — 35 of 40 victims — at 20 Nov 2026". Without `atLabel`, the
 * digest card's "North Team 3: 87.5% fully compliant — 35 of 40 victims" (or "North Team 3: no live cases").
 */
export function headline(name: string, figures: Ratio, atLabel?: string): string {
  return metricHeadline(name, { ...figures, inBreach: figures.total - figures.compliant }, 'overall', atLabel);
}

/**
 * A metric's headline: "North Team 3: 80.0% updated on time — 32 of 40 victims, 8 overdue an update —
 * at 20 Nov 2026". `inBreach` is said for the updates and needs-assessment metrics only.
 */
export function metricHeadline(name: string, figures: Ratio & { inBreach: number }, metric: Metric, atLabel?: string): string {
  const at = atLabel === undefined ? '' : ` — at ${atLabel}`;
  if (figures.rate === null) return `${name}: ${NOBODY_WORDS[metric]}${at}`;
  const breaches = metric === 'overall' ? '' : `, ${figures.inBreach} ${BREACH_SHORT[metric]}`;
  return (
    `${name}: ${rateText(figures.rate)} ${METRIC_WORDS[metric]} — ` + `${victimCountText(figures.compliant, figures.total)}${breaches}${at}`
  );
}

/** Said after the counts of a metric's headline: "32 of 40 victims, 8 overdue an update". */
const BREACH_SHORT: Record<Exclude<Metric, 'overall'>, string> = {
  needs_assessment: 'missing',
  updates: 'overdue an update',
  referral: 'overdue',
  written_acknowledgement: 'overdue',
  decision_updates: 'overdue',
};

/** A rate with nobody behind it: a duty that applies to no victim is not 0% or 100%. */
const NOBODY_WORDS: Record<Metric, string> = {
  overall: NO_LIVE_CASES,
  needs_assessment: NO_LIVE_CASES,
  updates: NO_LIVE_CASES,
  written_acknowledgement: NO_LIVE_CASES,
  referral: 'no victim on a live case asked for a referral',
  decision_updates: 'no key decision recorded on a live case',
};

/** What a victim in breach of each metric is: "8 victims overdue an update". */
export const BREACH_WORDS: Record<Metric, string> = {
  overall: 'not fully compliant',
  needs_assessment: 'missing a needs assessment',
  updates: 'overdue an update',
  referral: 'overdue a referral to support',
  written_acknowledgement: 'without a written acknowledgement in time',
  decision_updates: 'not told of a key decision in time',
};

/**
 * "How many…" leads with the number asked for, the rate and its counts beside it: "North Team 3: 8
 * victims overdue an update — 80.0% updated on time — 32 of 40 victims — at 20 Nov 2026".
 */
export function countHeadline(name: string, figures: Ratio & { inBreach: number }, metric: Metric, atLabel: string): string {
  if (figures.rate === null) return `${name}: ${NOBODY_WORDS[metric]} — at ${atLabel}`;
  const victims = figures.inBreach === 1 ? 'victim' : 'victims';
  const rate = `${rateText(figures.rate)} ${METRIC_WORDS[metric]}`;
  return (
    `${name}: ${figures.inBreach} ${victims} ${BREACH_WORDS[metric]} — ${rate} — ` +
    `${victimCountText(figures.compliant, figures.total)} — at ${atLabel}`
  );
}

/** "… — at 20 Nov 2026 (3 items in other teams are not shown)": a note said after a headline, when there is one. */
export function withNote(text: string, note: string | null | undefined): string {
  return note === null || note === undefined ? text : `${text} (${note})`;
}

/** "20 Nov 2026": the force's local date of an instant. */
export function dateLabel(instant: Date, timeZone: string): string {
  return format(new TZDate(`${localDateOf(instant, timeZone)}T12:00:00`, timeZone), 'd MMM yyyy');
}

/** "07:00 Fri 20 Nov 2026": when a card's figures were taken, on the force's wall clock. */
export function asOfText(at: Date, timeZone: string): string {
  return format(new TZDate(at.getTime(), timeZone), 'HH:mm EEE d MMM yyyy');
}

/** "07:42" when it happened on `today` (the card's day), else "07:42 Thu 19 Nov". */
export function actedAtText(at: Date, today: Date, timeZone: string): string {
  const local = new TZDate(at.getTime(), timeZone);
  return localDateOf(at, timeZone) === localDateOf(today, timeZone) ? format(local, 'HH:mm') : format(local, 'HH:mm EEE d MMM');
}

/** `"forse"`, `"weather" and "leeds"`: words as typed, each in quotes, for a reply that names them. */
export function quotedList(words: readonly string[]): string {
  const each = words.map((word) => `"${word}"`);
  return each.length <= 1 ? (each[0] ?? '') : `${each.slice(0, -1).join(', ')} and ${each.at(-1)}`;
}

const WEEKDAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/**
 * "Fri 27 Nov" from "2026-11-27": a local date needs no time zone, only the calendar. With `today`, a date
 * in another year says it: "Mon 4 Jan 2027".
 */
export function dayText(date: LocalDate, today?: LocalDate): string {
  if (!isLocalDate(date)) throw new RangeError(`a local date must be YYYY-MM-DD (got '${date}')`);
  const [year, month, day] = date.split('-').map(Number) as [number, number, number];
  const weekday = new Date(Date.UTC(year, month - 1, day)).getUTCDay();
  const text = `${WEEKDAYS[weekday]} ${day} ${MONTHS[month - 1]}`;
  return today !== undefined && today.slice(0, 4) !== date.slice(0, 4) ? `${text} ${year}` : text;
}

/** "1 missed · 2 open · 3 kept": acknowledgements with a planned date by state (GREY ones are in none). */
export function promiseCountsText(counts: PromiseCounts): string {
  return `${counts.missed} missed · ${counts.open} open · ${counts.kept} kept`;
}
