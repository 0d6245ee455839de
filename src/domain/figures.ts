import type { ObligationFigures } from './obligations.js';
import { OBLIGATION_IDS, type Policy } from './policy.js';
import type { PromiseState } from './promises.js';
import type { PromiseCounts, Rag, Ratio } from './types.js';

/**
 * A rate is a percentage with one decimal, rounded half up. It is computed in integers (tenths of a
 * percent) so a published 87.75% is always 87.8 and never 87.7 through floating-point error.
 * No victims means no rate ("no live cases"), never 0% or 100%.
 */
export function toRatio(compliant: number, total: number): Ratio {
  if (!Number.isSafeInteger(total) || total < 0) throw new RangeError(`total must be a whole number, 0 or more (got ${total})`);
  if (!Number.isSafeInteger(compliant) || compliant < 0 || compliant > total) {
    throw new RangeError(`compliant must be a whole number from 0 to the total ${total} (got ${compliant})`);
  }
  if (total === 0) return { compliant, total, rate: null };
  const tenthsOfPercent = Math.floor((compliant * 2000 + total) / (2 * total));
  return { compliant, total, rate: tenthsOfPercent / 10 };
}

/**
 * GREEN at or above target, AMBER within `amberMargin` below it, RED below that. The AMBER floor is
 * rounded to nine decimals because `target - margin` in floating point can land a hair off
 * (90.2 - 5.1 is 85.10000000000001), which would make a rate of exactly 85.1 RED.
 */
export function ragFor(rate: number | null, policy: Pick<Policy, 'targetRate' | 'amberMargin'>): Rag | null {
  if (rate === null) return null;
  if (rate >= policy.targetRate) return 'GREEN';
  const amberFloor = Number((policy.targetRate - policy.amberMargin).toFixed(9));
  return rate >= amberFloor ? 'AMBER' : 'RED';
}

/** The counts a unit's figures are made of: enough to take one unit's victims out of another's. */
export interface FigureCounts {
  total: number;
  compliant: number;
  needsAssessment: Ratio;
  updates: Ratio;
  /** Every duty's counts, when they were read (the Code's later duties). */
  obligations?: ObligationFigures;
}

/**
 * "Force compliance excluding CID": the whole's counts less each part's, every rate computed again from
 * the counts (never subtracted as rates). Each victim counts in one unit, so a part within the whole is
 * exactly the victims to take out.
 */
export function withoutParts<T extends FigureCounts & { rate: number | null }>(whole: T, parts: readonly FigureCounts[]): T {
  const less = (pick: (f: FigureCounts) => Ratio): Ratio =>
    toRatio(pick(whole).compliant - sum(parts, (p) => pick(p).compliant), pick(whole).total - sum(parts, (p) => pick(p).total));
  const overall = less((f) => ({ compliant: f.compliant, total: f.total, rate: null }));
  const result = { ...whole, ...overall, needsAssessment: less((f) => f.needsAssessment), updates: less((f) => f.updates) };
  const duties = whole.obligations;
  if (!duties) return result;
  const obligations = Object.fromEntries(
    OBLIGATION_IDS.map((id) => [
      id,
      toRatio(
        duties[id].compliant - sum(parts, (p) => p.obligations?.[id].compliant ?? 0),
        duties[id].total - sum(parts, (p) => p.obligations?.[id].total ?? 0),
      ),
    ]),
  ) as ObligationFigures;
  return { ...result, obligations };
}

function sum(parts: readonly FigureCounts[], pick: (part: FigureCounts) => number): number {
  return parts.reduce((total, part) => total + pick(part), 0);
}

/**
 * Acknowledgements with a planned date by state at one instant: GREEN kept, RED missed, AMBER open.
 * GREY ones (the case closed, the victim left the population) are in none of the three, as a closed
 * case is in no compliance figure.
 */
export function countPromises(states: Iterable<PromiseState>): PromiseCounts {
  const counts: PromiseCounts = { kept: 0, missed: 0, open: 0 };
  for (const state of states) {
    if (state === 'GREEN') counts.kept += 1;
    else if (state === 'RED') counts.missed += 1;
    else if (state === 'AMBER') counts.open += 1;
  }
  return counts;
}
