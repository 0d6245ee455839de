import { dateLabel } from '../../domain/wording.js';
import type { Policy } from '../../domain/policy.js';
import type { OfficerCases } from '../officer-view.js';
import { promiseFiguresForPeriod, type PromiseQueries, type PromiseTarget } from '../promise-figures.js';
import type { BareAnswer } from './answer-types.js';
import type { Snapshot } from './figure-answer.js';
import type { Target } from './scope-checks.js';

/**
 * "How many promises did my team miss this month?" (issue 17): acknowledgements with a planned date by
 * state at the period's snapshot — kept, missed, open; GREY ones (case closed) in none — beside the same
 * at the previous period's end, as every figure answer is.
 */

/** "1 promise missed · 2 open · 4 kept". */
function promiseHeadline(counts: { kept: number; missed: number; open: number }): string {
  return `${counts.missed} ${counts.missed === 1 ? 'promise' : 'promises'} missed · ${counts.open} open · ${counts.kept} kept`;
}

export interface PromisesDeps {
  queries: PromiseQueries;
  policy: Pick<Policy, 'timeZone'>;
}

export async function promisesAnswer(
  deps: PromisesDeps,
  target: Target,
  cases: OfficerCases,
  { period, atLabel }: Snapshot,
): Promise<BareAnswer<'promises'>> {
  const promiseTarget: PromiseTarget =
    target.kind === 'unit'
      ? { kind: 'unit', unitId: target.unit.id }
      : { kind: 'officer', officerId: target.officer.id, ...(cases.kind === 'within' ? { withinUnitId: cases.unitId } : {}) };
  const figures = await promiseFiguresForPeriod(deps.queries, promiseTarget, period);
  const name = target.kind === 'unit' ? target.unit.name : target.officer.name;
  const previousLabel = dateLabel(period.previousSnapshotAt, deps.policy.timeZone);
  return {
    kind: 'promises',
    headline: `${name}: ${promiseHeadline(figures.promises)} — at ${atLabel}`,
    atLabel,
    promises: figures.promises,
    previous: { atLabel: previousLabel, promises: figures.previous.promises },
  };
}
