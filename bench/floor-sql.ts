/**
 * Floors for the benchmark: the same aggregate written as one plain, hand-written SQL statement on the
 * same store, with nothing around it (no policy object, no mapping, no sorting in TypeScript). The
 * product's figure is reported as a ratio to this, so a slow machine slows both alike.
 */

/** A decision_update counts as an update too (records-format.md). Total and fully compliant victims of a subtree at $2 (today = $3, interval = $4, NA working days = $5). */
export const FIGURES_FLOOR_SQL = `
with live as (
  select v.id, c.recorded_at, c.recorded_on, na.completed_at, na.update_frequency_days
  from unit_closure uc
  join case_allocations a on a.unit_id = uc.descendant_id and a.valid_from <= $2 and a.valid_to > $2
  join cases c on c.id = a.case_id and c.recorded_at <= $2 and (c.closed_at is null or c.closed_at > $2)
  join victims v on v.case_id = c.id
  left join needs_assessments na on na.victim_id = v.id
  where uc.ancestor_id = $1
),
last_contact as (
  select ct.victim_id,
         max(ct.at) filter (where ct.kind in ('update', 'decision_update')) as last_update_at,
         max(ct.at_on) filter (where ct.kind in ('update', 'decision_update')) as last_update_on,
         max(ct.at) filter (where ct.kind = 'agreement') as last_agreement_at
  from contacts ct join live on live.id = ct.victim_id
  where ct.at <= $2
  group by ct.victim_id
),
judged as (
  select
    (l.completed_at is not null and l.completed_at <= $2) or $3::date <= due.date as na_ok,
    (lc.last_agreement_at is not null and lc.last_agreement_at > coalesce(lc.last_update_at, l.recorded_at))
      or $3::date <= coalesce(lc.last_update_on, l.recorded_on)
           + (case when l.completed_at <= $2 and l.update_frequency_days is not null then l.update_frequency_days else $4 end)
      as update_ok
  from live l
  left join last_contact lc on lc.victim_id = l.id
  join working_calendar rec on rec.date = l.recorded_on
  join working_calendar due on due.is_working and due.working_day_index = rec.working_day_index + $5
)
select count(*)::int as total, count(*) filter (where na_ok and update_ok)::int as compliant from judged`;

/** Every breach item of every team at $1 (today = $2, interval = $3, NA working days = $4). */
export const DIGESTS_FLOOR_SQL = `
with live as (
  select v.id, v.enhanced, c.id as case_id, a.unit_id, a.oic_id, c.category, c.recorded_at, c.recorded_on,
         na.completed_at, na.update_frequency_days
  from case_allocations a
  join cases c on c.id = a.case_id and c.recorded_at <= $1 and (c.closed_at is null or c.closed_at > $1)
  join victims v on v.case_id = c.id
  left join needs_assessments na on na.victim_id = v.id
  where a.valid_from <= $1 and a.valid_to > $1
),
last_contact as (
  select ct.victim_id,
         max(ct.at) filter (where ct.kind in ('update', 'decision_update')) as last_update_at,
         max(ct.at_on) filter (where ct.kind in ('update', 'decision_update')) as last_update_on,
         max(ct.at) filter (where ct.kind = 'agreement') as last_agreement_at
  from contacts ct where ct.at <= $1 group by ct.victim_id
)
select l.unit_id, l.case_id, l.id, l.oic_id, l.category, l.enhanced,
       coalesce(lc.last_update_on, l.recorded_on)
         + (case when l.completed_at <= $1 and l.update_frequency_days is not null then l.update_frequency_days else $3 end) as update_due,
       due.date as na_due
from live l
left join last_contact lc on lc.victim_id = l.id
join working_calendar rec on rec.date = l.recorded_on
join working_calendar due on due.is_working and due.working_day_index = rec.working_day_index + $4
where ((l.completed_at is null or l.completed_at > $1) and $2::date > due.date)
   or (not coalesce(lc.last_agreement_at > coalesce(lc.last_update_at, l.recorded_at), false)
       and $2::date > coalesce(lc.last_update_on, l.recorded_on)
           + (case when l.completed_at <= $1 and l.update_frequency_days is not null then l.update_frequency_days else $3 end))
order by l.unit_id`;

/** The import floor: the same lines written raw, in the same batch size, with no validation or merge. */
export const RAW_LINES_TABLE_SQL = 'create unlogged table if not exists bench_raw_lines (line text not null)';
export const RAW_LINES_INSERT_SQL = 'insert into bench_raw_lines (line) select * from unnest($1::text[])';
