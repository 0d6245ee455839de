import { defaultPolicy, type ObligationId, type Policy } from '../domain/policy.js';
import { type DigestItemsOptions, digestItemsSelect } from './digest-items-sql.js';
import { OBLIGATION_BITS, setting } from './evaluation-settings.js';

/**
 * The set-based evaluation of compliance-rules.md: one statement judges every live victim of a scope at
 * an instant, and the final SELECT aggregates (per unit, per officer) or lists digest items.
 * `src/domain/rules.ts` is the reference for the same rules; tests check that both agree.
 *
 * Parameters shared by every statement built here:
 *   $1 t (timestamptz), $2 time zone, $3 needs-assessment working days, $4 default update interval (days),
 *   $5 an int[] of the other settings: [due-soon days, referral working days, written-acknowledgement working
 *      days, decision-update working days, the same for an enhanced victim, the fully-compliant duties as bits
 *      (OBLIGATION_BITS), the duties digests list items for, as bits (digestDuties)],
 *   $6 the scope (a text[] of unit ids, or an officer id; absent for the whole force).
 * All of $1-$5 are referenced by every statement, so each accepts the same parameter list.
 */

export type EvaluationScope =
  /** Victims whose case, at t, is allocated to a unit in the subtree of any of `$6::text[]`. */
  | 'subtrees'
  /** Victims whose case, at t, is allocated to the officer `$6`. */
  | 'officer'
  /** Every live victim. */
  | 'all';

type LaterSettings =
  | 'referralWorkingDays'
  | 'writtenAcknowledgementWorkingDays'
  | 'decisionUpdateWorkingDays'
  | 'decisionUpdateWorkingDaysEnhanced'
  | 'fullyCompliant'
  | 'digestDuties';

/** The later duties' settings take the policy defaults where a caller gives none. */
export type EvaluationPolicy = Pick<Policy, 'timeZone' | 'needsAssessmentWorkingDays' | 'updateIntervalDays' | 'dueSoonDays'> &
  Partial<Pick<Policy, LaterSettings>>;

/** The parameters of a statement built here; `scope` is absent for the whole force. */
export function evaluationParams(at: Date, policy: EvaluationPolicy, scope?: readonly string[] | string): unknown[] {
  const p = { ...defaultPolicy, ...policy };
  const maskOf = (ids: readonly ObligationId[]) => ids.reduce((mask, id) => mask | OBLIGATION_BITS[id], 0);
  const settings = [
    p.dueSoonDays,
    p.referralWorkingDays,
    p.writtenAcknowledgementWorkingDays,
    p.decisionUpdateWorkingDays,
    p.decisionUpdateWorkingDaysEnhanced,
    maskOf(p.fullyCompliant),
    maskOf(p.digestDuties),
  ];
  const shared = [at.toISOString(), p.timeZone, p.needsAssessmentWorkingDays, p.updateIntervalDays, settings];
  return scope === undefined ? shared : [...shared, scope];
}

const FULLY_COMPLIANT_MASK = setting(6);

const SCOPE_FILTERS: Record<EvaluationScope, string> = {
  subtrees: 'and a.unit_id in (select uc.descendant_id from unit_closure uc where uc.ancestor_id = any($6::text[]))',
  officer: 'and a.oic_id = $6::text',
  all: '',
};

/**
 * `with ... judged` — one row per live victim in scope at t:
 * victim_id, case_id, enhanced, category, unit_id, oic_id (the allocation at t), today,
 * na_due_on, na_met, na_breach, update_due_on, update_suspended, update_breach,
 * referral_applies, referral_due_on, referral_met, referral_breach, ack_due_on, ack_met, ack_breach,
 * decision_applies, decision_due_on (the earliest decision not yet told), decision_breach, full_breach;
 * and `decision_duties dd` beside it: victim_id, decision_id, due_on, told (one row per decision owed).
 * `onlyVictims`, a subquery of victim ids, narrows the scope further (the victims with a promise).
 */
export function judgedVictims(scope: EvaluationScope, options: { onlyVictims?: string } = {}): string {
  // Parameters are used in place (not through a one-row CTE) so the planner sees their values.
  const t = '$1::timestamptz';
  const today = '($1::timestamptz at time zone $2::text)::date';
  // The needs assessment's deadline where the working calendar table does not reach (weekdaysOnlyDueDate).
  const naDefaultDue = weekdaysOnlyDueDate('l.recorded_on', '$3::int');
  const fromRecording = (days: string, due: string) =>
    `case when ${days} = 0 then l.recorded_on else coalesce(${due}.date, ${weekdaysOnlyDueDate('l.recorded_on', days)}) end`;
  const decisionDays = `case when l.enhanced then ${setting(5)} else ${setting(4)} end`;
  return `
with live as (
  -- Population at t: cases recorded at or before t and not closed at t, owned by whoever held them at t.
  select v.id as victim_id, v.case_id, v.enhanced, c.category, c.recorded_at, c.recorded_on, a.unit_id, a.oic_id,
    na.completed_at as na_completed_at, na.update_frequency_days, na.referral_wanted, na.referred_at
  from case_allocations a
  join cases c on c.id = a.case_id
  join victims v on v.case_id = c.id
  left join needs_assessments na on na.victim_id = v.id
  where a.valid_from <= ${t} and ${t} < a.valid_to
    and c.recorded_at <= ${t} and (c.closed_at is null or c.closed_at > ${t})
    ${SCOPE_FILTERS[scope]}
    ${options.onlyVictims ? `and v.id in (${options.onlyVictims})` : ''}
),
last_contacts as (
  -- The latest update's local date is the latest at_on: local dates only grow with the instant.
  select ct.victim_id,
    -- A decision_update counts as an update too (records-format.md).
    max(ct.at) filter (where ct.kind in ('update', 'decision_update')) as last_update_at,
    max(ct.at_on) filter (where ct.kind in ('update', 'decision_update')) as last_update_on,
    max(ct.at) filter (where ct.kind = 'agreement') as last_agreement_at,
    bool_or(ct.kind = 'written_acknowledgement') as acknowledged
  from contacts ct
  join live l on l.victim_id = ct.victim_id
  where ct.at <= ${t}
  group by ct.victim_id
),
decision_duties as (
  -- Each key decision on the case at or before t, owed to each victim: told by a decision_update naming it.
  select l.victim_id, d.id as decision_id,
    case when ${decisionDays} = 0 then d.at_on
      else coalesce(due.date, ${weekdaysOnlyDueDate('d.at_on', decisionDays)}) end as due_on,
    exists (select 1 from contacts ct where ct.victim_id = l.victim_id and ct.decision_id = d.id
      and ct.kind = 'decision_update' and ct.at <= ${t}) as told
  from live l
  join decisions d on d.case_id = l.case_id and d.at <= ${t}
  left join working_calendar decided on decided.date = d.at_on
  left join working_calendar due on due.is_working and due.working_day_index = decided.working_day_index + ${decisionDays}
),
decision_status as (
  select victim_id, min(due_on) filter (where not told) as due_on,
    bool_or(not told and ${today} > due_on) as breach
  from decision_duties group by victim_id
),
evaluated as (
  select l.victim_id, l.case_id, l.enhanced, l.category, l.unit_id, l.oic_id, ${today} as today,
    case when $3::int = 0 then l.recorded_on else coalesce(na_due.date, ${naDefaultDue}) end as na_due_on,
    coalesce(l.na_completed_at <= ${t}, false) as na_met,
    -- The victim's agreed frequency counts once the assessment that records it is done.
    coalesce(lc.last_update_on, l.recorded_on)
      + coalesce(case when l.na_completed_at <= ${t} then l.update_frequency_days end, $4::int) as update_due_on,
    coalesce(lc.last_agreement_at > coalesce(lc.last_update_at, l.recorded_at), false) as update_suspended,
    -- Referral: only once a needs assessment done at or before t records that the victim wants one.
    coalesce(l.na_completed_at <= ${t} and l.referral_wanted, false) as referral_applies,
    ${fromRecording(setting(2), 'referral_due')} as referral_due_on,
    coalesce(l.referred_at <= ${t}, false) as referral_met,
    ${fromRecording(setting(3), 'ack_due')} as ack_due_on,
    coalesce(lc.acknowledged, false) as ack_met,
    ds.victim_id is not null as decision_applies,
    ds.due_on as decision_due_on,
    coalesce(ds.breach, false) as decision_breach
  from live l
  left join last_contacts lc on lc.victim_id = l.victim_id
  left join decision_status ds on ds.victim_id = l.victim_id
  left join working_calendar recorded on recorded.date = l.recorded_on
  left join working_calendar na_due on na_due.is_working and na_due.working_day_index = recorded.working_day_index + $3::int
  left join working_calendar referral_due
    on referral_due.is_working and referral_due.working_day_index = recorded.working_day_index + ${setting(2)}
  left join working_calendar ack_due on ack_due.is_working and ack_due.working_day_index = recorded.working_day_index + ${setting(3)}
),
breaches as (
  select e.*, ${setting(1)} as due_soon_days,
    (not e.na_met and e.today > e.na_due_on) as na_breach,
    (not e.update_suspended and e.today > e.update_due_on) as update_breach,
    (e.referral_applies and not e.referral_met and e.today > e.referral_due_on) as referral_breach,
    (not e.ack_met and e.today > e.ack_due_on) as ack_breach
  from evaluated e
),
judged as (
  -- Fully compliant: none of the policy's fully-compliant duties in breach.
  select b.*,
    ((${FULLY_COMPLIANT_MASK} & 1 <> 0 and b.na_breach) or (${FULLY_COMPLIANT_MASK} & 2 <> 0 and b.update_breach)
      or (${FULLY_COMPLIANT_MASK} & 4 <> 0 and b.referral_breach) or (${FULLY_COMPLIANT_MASK} & 8 <> 0 and b.ack_breach)
      or (${FULLY_COMPLIANT_MASK} & 16 <> 0 and b.decision_breach)) as full_breach
  from breaches b
)`;
}

/**
 * The `days`-th working day after `date` counting only weekends as non-working: the deadline when the
 * working calendar does not reach it (a case recorded before the table starts, or due after it ends). The
 * table spans the bank-holiday file's years with two years to spare each side (src/app.ts), where only
 * weekends are non-working anyway, so this agrees with the table wherever both could answer.
 * Days are counted from Monday 2001-01-01: a weekday's count is its number among weekdays since then.
 */
function weekdaysOnlyDueDate(date: string, days: string): string {
  const sinceMonday = `(${date} - date '2001-01-01')`;
  const weeks = `floor(${sinceMonday} / 7.0)::int`;
  const weekday = `(${sinceMonday} - 7 * ${weeks})`; // 0 = Monday .. 6 = Sunday, also before 2001
  const count = `(5 * ${weeks} + least(${weekday} + 1, 5))`; // weekdays up to and including the date
  const target = `(${count} + ${days} - 1)`; // zero-based count of the deadline weekday
  return `(date '2001-01-01' + 7 * floor(${target} / 5.0)::int + (${target} - 5 * floor(${target} / 5.0)::int))`;
}

/** The counts behind a UnitFigures, over `judged j`. */
const COUNT_COLUMNS = `count(*)::int as total,
  count(*) filter (where not j.full_breach)::int as compliant,
  count(*) filter (where not j.na_breach)::int as na_compliant,
  count(*) filter (where not j.update_breach)::int as update_compliant,
  count(*) filter (where j.referral_applies)::int as referral_total,
  count(*) filter (where j.referral_applies and not j.referral_breach)::int as referral_compliant,
  count(*) filter (where not j.ack_breach)::int as ack_compliant,
  count(*) filter (where j.decision_applies)::int as decision_total,
  count(*) filter (where j.decision_applies and not j.decision_breach)::int as decision_compliant`;

/** Counts behind a UnitFigures, grouped by `groupKey` (an expression over `judged j` and any joins given). */
export function figuresSql(scope: EvaluationScope, options: { groupKey: string; joins?: string }): string {
  return `${judgedVictims(scope)}
select ${options.groupKey} as group_id,
  ${COUNT_COLUMNS}
from judged j
${options.joins ?? ''}
group by ${options.groupKey}`;
}

/**
 * Digest items: breaches, and what falls due within $5 days and is not yet a breach.
 * `groupKey` names the digest each item belongs to (a team id for the morning run).
 */
export function digestItemsSql(scope: EvaluationScope, options: DigestItemsOptions = {}): string {
  return `${judgedVictims(scope)}
${digestItemsSelect(options)}`;
}

/**
 * One unit's counts (as figuresSql) and its digest items (as digestItemsSql, in a JSON array `items`)
 * from one evaluation of its subtree (`$6::text[]` holding that one unit): a digest card needs both.
 */
export function figuresAndDigestItemsSql(): string {
  return `${judgedVictims('subtrees')},
items as (${digestItemsSelect()})
select
  ${COUNT_COLUMNS},
  (select coalesce(json_agg(i), '[]'::json) from items i) as items
from judged j`;
}

/** Per-victim results, for the cross-check against the reference rules. */
export function victimResultsSql(scope: EvaluationScope): string {
  return `${judgedVictims(scope)}
select j.victim_id, j.unit_id, j.oic_id, j.na_due_on::text as na_due_on, j.na_met, j.na_breach,
  j.update_due_on::text as update_due_on, j.update_suspended, j.update_breach,
  j.referral_applies, j.referral_due_on::text as referral_due_on, j.referral_breach,
  j.ack_due_on::text as ack_due_on, j.ack_met, j.ack_breach,
  j.decision_applies, j.decision_due_on::text as decision_due_on, j.decision_breach, j.full_breach
from judged j
order by j.victim_id`;
}
