import { addCalendarDays, isLocalDate, localDateOf } from './calendar.js';
import { compareDigestItems, isBreachKind, kindOf } from './digest.js';
import type { DutyStatus } from './later-duties.js';
import type { Policy } from './policy.js';
import { quoted } from './quoted-value.js';
import type { DigestItem, DigestItemKind, LocalDate } from './types.js';
import { dayText } from './wording.js';

/**
 * Promises (issue 17): an acknowledgement that carries a planned date ("update planned by Fri 27 Nov")
 * is a promise about one duty of one victim at one deadline. Its state is never typed by anyone: it
 * follows from the records and the clock, graded as the forces grade their audit trackers.
 *
 * - GREY: the victim is not in the population at t (the case closed, or the victim left it). Counted nowhere.
 * - GREEN (kept): a record that fulfils the duty arrived: for an update, a later update contact (the
 *   deadline moved past the promised one) or a recorded agreement that suspends updates; for a needs
 *   assessment, the assessment completed at or before t; for a referral, `referredAt` at or before t (or
 *   the assessment no longer asks for one); for a written acknowledgement, its contact; for a key
 *   decision, a decision_update contact naming that decision. A record that arrives after the planned date
 *   still turns the promise GREEN: the state is the one at t, as the tracker shows it.
 * - RED (missed): the planned date has passed and the duty is not fulfilled. "Passed" means after the end
 *   of that local day in the force's time zone: on the planned date itself the promise is still open, and
 *   from local midnight that starts the next day it is missed, the same as a deadline becomes a breach.
 *   An item still due soon whose planned date passed before its deadline is RED too: the promise was
 *   missed though the Code's deadline has not been.
 * - AMBER (open): the planned date has not passed and the duty is not fulfilled.
 *
 * Dates are local dates; the only time-zone step is taking the local date of t (the evaluation's `today`).
 */

export type PromiseState = 'AMBER' | 'RED' | 'GREEN' | 'GREY';

/** The duty an item is about: an item due soon and the overdue one of the same deadline are one promise. */
export type PromiseDuty = 'update' | 'needs_assessment' | 'referral' | 'written_acknowledgement' | 'decision_update';

export function dutyOf(kind: DigestItemKind): PromiseDuty {
  switch (kindOf(kind).duty) {
    case 'updates':
      return 'update';
    case 'needsAssessment':
      return 'needs_assessment';
    case 'referral':
      return 'referral';
    case 'writtenAcknowledgement':
      return 'written_acknowledgement';
    case 'decisionUpdates':
      return 'decision_update';
  }
}

/** What was acknowledged and when it was planned for: the item's kind and deadline, and the planned date. */
export interface PlannedPromise {
  kind: DigestItemKind;
  dueDate: LocalDate;
  plannedOn: LocalDate;
  /** The key decision of a decision-update promise. */
  decisionId?: string;
}

/** The victim's evaluation at t, as far as a promise needs it (a VictimEvaluation of rules.ts is one). */
export interface PromiseEvaluation {
  inPopulation: boolean;
  /** The local date of t. */
  today: LocalDate;
  needsAssessment: { status: 'met' | 'due' | 'breach' };
  update: { status: 'on_time' | 'breach' | 'suspended'; dueDate: LocalDate };
  /** The later duties, as far as a promise on one of them needs them; without it no such promise is kept. */
  later?: {
    referral: { status: DutyStatus } | null;
    writtenAcknowledgement: { status: DutyStatus };
    decisionUpdates: { decisions: readonly { decisionId: string; status: DutyStatus }[] } | null;
  };
}

/** The promise's state at t; `null` when the victim is not in the population at t (no evaluation). */
export function promiseState(promise: PlannedPromise, evaluation: PromiseEvaluation | null): PromiseState {
  if (evaluation === null || !evaluation.inPopulation) return 'GREY';
  if (isFulfilled(promise, evaluation)) return 'GREEN';
  return hasPassed(promise.plannedOn, evaluation.today) ? 'RED' : 'AMBER';
}

/** After the end of the planned local day. */
export function hasPassed(plannedOn: LocalDate, today: LocalDate): boolean {
  return today > plannedOn;
}

function isFulfilled(promise: PlannedPromise, evaluation: PromiseEvaluation): boolean {
  const later = evaluation.later;
  switch (dutyOf(promise.kind)) {
    case 'needs_assessment':
      return evaluation.needsAssessment.status === 'met';
    case 'update':
      // The update deadline only moves later with a later update contact (or a longer agreed frequency, which
      // also means no update is owed by the promised deadline); an agreement suspends the duty altogether.
      return evaluation.update.status === 'suspended' || evaluation.update.dueDate > promise.dueDate;
    case 'referral':
      // Referred; or the needs assessment no longer records that the victim wants a referral: nothing is owed.
      return later !== undefined && (later.referral === null || later.referral.status === 'met');
    case 'written_acknowledgement':
      return later?.writtenAcknowledgement.status === 'met';
    case 'decision_update':
      return later?.decisionUpdates?.decisions.some((d) => d.decisionId === promise.decisionId && d.status === 'met') === true;
  }
}

type PlannedDatePolicy = Pick<Policy, 'timeZone' | 'plannedDateMaxDays'>;

/** The planned dates an acknowledgement given at `at` may carry: its local date to `plannedDateMaxDays` later. */
export function plannedDateRange(at: Date, policy: PlannedDatePolicy): { min: LocalDate; max: LocalDate } {
  const today = localDateOf(at, policy.timeZone);
  return { min: today, max: addCalendarDays(today, policy.plannedDateMaxDays) };
}

export type PlannedDateProblem = 'not_a_date' | 'in_the_past' | 'too_far_ahead';

export type PlannedDateCheck = { ok: true; plannedOn: LocalDate } | { ok: false; problem: PlannedDateProblem; reason: string };

/**
 * A planned date given with an acknowledgement: a real date, not before the local date of `at`, and at
 * most `plannedDateMaxDays` after it. The reason says what to pick instead.
 */
export function checkPlannedDate(value: string, at: Date, policy: PlannedDatePolicy): PlannedDateCheck {
  const { min: today, max: latest } = plannedDateRange(at, policy);
  const range = `from today (${dayText(today)}) to ${dayText(latest, today)}`;
  if (!isLocalDate(value)) {
    return {
      ok: false,
      problem: 'not_a_date',
      reason: `${quoted(value)} is not a date. Pick one ${range}, or acknowledge without a date.`,
    };
  }
  if (value < today) {
    return {
      ok: false,
      problem: 'in_the_past',
      reason: `The planned date ${dayText(value, today)} is in the past. Pick a date ${range}, or acknowledge without a date.`,
    };
  }
  if (value > latest) {
    return {
      ok: false,
      problem: 'too_far_ahead',
      reason:
        `The planned date ${dayText(value, today)} is more than ${policy.plannedDateMaxDays} days ahead, the ` +
        `most the force's policy allows. Pick a date ${range}, or acknowledge without a date.`,
    };
  }
  return { ok: true, plannedOn: value };
}

/**
 * Digest order with promises: a missed promise comes first within its kind (breaches, then items due
 * soon), ahead of days overdue; otherwise the digest's own order (compareDigestItems).
 */
export function compareWithPromises(
  a: { item: DigestItem; promiseState: PromiseState | null },
  b: { item: DigestItem; promiseState: PromiseState | null },
): number {
  const aBreach = isBreachKind(a.item.kind);
  if (aBreach === isBreachKind(b.item.kind)) {
    const aMissed = a.promiseState === 'RED';
    if (aMissed !== (b.promiseState === 'RED')) return aMissed ? -1 : 1;
  }
  return compareDigestItems(a.item, b.item);
}
