import { createHash } from 'node:crypto';
import { addCalendarDays, startOfLocalDay, type WorkingDays } from './calendar.js';
import { parseMonthParam } from './periods.js';
import type { LocalDate } from './types.js';

/**
 * The dip sample (issue 16): each month an inspector reads a few cases per unit against the audit's
 * questions. The draw is pure and reproducible: seeded by the unit and the month, so whoever asks, and
 * however the candidates are listed, the same cases come out. It is stratified by category: the
 * categories take turns (in an order seeded the same way), one case each, until the sample is full or
 * the pool runs dry, so a rare category (RASSO, hate) is read every month and not only when it happens
 * to be common.
 */

/** A case that may be drawn: live at the draw, or closed a short while before it. */
export interface DipCandidate {
  caseId: string;
  category: string;
  unitId: string;
  oicId: string;
}

export interface DipDrawInput {
  unitId: string;
  /** `YYYY-MM`. */
  period: string;
  candidates: readonly DipCandidate[];
  size: number;
  /** Only these categories (case-insensitive), in turn; empty: every category the candidates carry. */
  categories: readonly string[];
  /** Cases drawn in the look-back window (any unit): never drawn again. */
  excludedCaseIds: ReadonlySet<string>;
}

/** The cases drawn, in the order they were drawn (the first of each category first). */
export function drawDipSample(input: DipDrawInput): DipCandidate[] {
  if (!Number.isInteger(input.size) || input.size < 1) throw new RangeError(`a sample has 1 case or more (got ${input.size})`);
  const seed = `${input.unitId}\u0000${input.period}`;
  const wanted = new Set(input.categories.map(categoryKey));
  const strata = new Map<string, { key: string; cases: { hash: string; candidate: DipCandidate }[] }>();
  const seen = new Set<string>();
  for (const candidate of input.candidates) {
    if (input.excludedCaseIds.has(candidate.caseId) || seen.has(candidate.caseId)) continue;
    seen.add(candidate.caseId);
    const key = categoryKey(candidate.category);
    if (wanted.size > 0 && !wanted.has(key)) continue;
    const stratum = strata.get(key) ?? { key: hashOf(`${seed}\u0000category\u0000${key}`), cases: [] };
    stratum.cases.push({ hash: hashOf(`${seed}\u0000case\u0000${candidate.caseId}`), candidate });
    strata.set(key, stratum);
  }
  const turns = [...strata.values()].sort((a, b) => compare(a.key, b.key)).map((s) => s.cases.sort((a, b) => compare(a.hash, b.hash)));
  const drawn: DipCandidate[] = [];
  for (let round = 0; drawn.length < input.size; round += 1) {
    const before = drawn.length;
    for (const cases of turns) {
      const next = cases[round];
      if (next && drawn.length < input.size) drawn.push(next.candidate);
    }
    if (drawn.length === before) break;
  }
  return drawn;
}

/** The local date a month's sample is drawn on: its n-th working day. Null for a string that is not `YYYY-MM`. */
export function dipDrawDate(period: string, drawWorkingDay: number, calendar: WorkingDays): LocalDate | null {
  const month = parseMonthParam(period);
  if (!month) return null;
  const lastDayBefore = addCalendarDays(`${period}-01`, -1);
  return calendar.addWorkingDays(lastDayBefore, drawWorkingDay);
}

/** The instant the sample's pool is read at: the start of the draw date in the force's zone. */
export function dipDrawInstant(drawDate: LocalDate, timeZone: string): Date {
  return startOfLocalDay(drawDate, timeZone);
}

/** `YYYY-MM` moved by whole months (the look-back window's ends). */
export function shiftPeriod(period: string, months: number): string {
  const month = parseMonthParam(period);
  if (!month) throw new RangeError(`'${period}' is not a month: expected YYYY-MM, e.g. 2026-11`);
  const index = month.year * 12 + (month.month - 1) + months;
  return `${String(Math.floor(index / 12)).padStart(4, '0')}-${String((index % 12) + 1).padStart(2, '0')}`;
}

function categoryKey(category: string): string {
  return category.trim().toLowerCase();
}

function hashOf(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
