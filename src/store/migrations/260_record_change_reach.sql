-- How far back each change to the records reaches (issue 15, part 2): so an answer for a past instant, a month
-- end say, is kept across the changes that cannot alter it, and evaluated again only after one that can.
--
-- Every transaction that moves the records' version (migrations 210 and 250) now also leaves, under that version,
-- the earliest instant its changes can alter an answer for. The evaluation at t reads a record only where one of
-- its instants is at or before t (src/store/evaluation-sql.ts): a contact or a decision where `at <= t`, an
-- allocation where `valid_from <= t < valid_to`, a case and everything of its victims only where
-- `recorded_at <= t`. So a written row can change answers only at or after:
-- - a contact or a decision: the earlier of its old and new `at`;
-- - a case: the earlier of its old and new `recorded_at`; when only `closed_at` changed, the earlier of the two
--   closings (a case closed today alters nothing before today);
-- - an allocation: the earlier of its old and new `valid_from`, or where only `valid_to` moved the earlier of the
--   two; never before its case's recording (an import's first allocation is valid from -infinity);
-- - a victim or a needs assessment: its case's recording (a late needs assessment alters the month it was due in);
-- - anything else the records hold (units, the unit tree, people, the working calendar) and every truncate: all
--   of time (-infinity).
-- An answer for t kept at version v stays exact at version V when every change in (v, V] reaches only instants
-- after t (src/service/versioned-answers.ts). A row whose case is gone (deleted in the same statement) reaches
-- all of time.

alter table data_version_marks
  add column earliest_at timestamptz,
  add column unbounded boolean not null default false;

-- One row per version of the records since this migration: how far back that version's changes reach.
create table record_changes (
  version     bigint primary key,
  earliest_at timestamptz not null
);

-- Answers for past instants, kept in the store so a restart or another replica reads them (the figures of a month
-- end, a trend's points): each under the records' version it was evaluated at, valid while no later change reaches
-- its instant. The key is a digest of the method, its arguments, the policy and the instant.
create table kept_answers (
  key      text primary key,
  version  bigint not null,
  at       timestamptz not null,
  answer   text not null,   -- the answer as JSON text, as it was written (its keys in their order)
  used_at  timestamptz not null default now()
);
create index kept_answers_used_at on kept_answers (used_at);

-- The earlier triggers mark the records without a reach: those reach all of time.
create or replace function data_version_mark_kind(mark_txid bigint, kind text, latest timestamptz) returns void language plpgsql as $$
begin
  insert into data_version_marks as m (txid, last_event_at, records, actions, links, unbounded)
    values (mark_txid, latest, kind = 'records', kind = 'actions', kind = 'links', kind = 'records')
    on conflict (txid) do update set
      last_event_at = greatest(m.last_event_at, excluded.last_event_at),
      records = m.records or excluded.records,
      actions = m.actions or excluded.actions,
      links = m.links or excluded.links,
      unbounded = m.unbounded or excluded.unbounded;
end
$$;

-- A records change with its reach (and, as before, its latest instant).
create function data_version_mark_reach(latest timestamptz, earliest timestamptz) returns void language plpgsql as $$
begin
  insert into data_version_marks as m (txid, last_event_at, records, earliest_at)
    values (txid_current(), latest, true, coalesce(earliest, '-infinity'))
    on conflict (txid) do update set
      last_event_at = greatest(m.last_event_at, excluded.last_event_at),
      records = true,
      earliest_at = least(m.earliest_at, excluded.earliest_at);
end
$$;

create or replace function data_version_bump() returns trigger language plpgsql as $$
declare
  mark data_version_marks%rowtype;
  moved bigint;
begin
  select * into mark from data_version_marks m where m.txid = new.txid;
  update data_version set
    version = version + case when mark.records then 1 else 0 end,
    actions_version = actions_version + case when mark.actions then 1 else 0 end,
    links_version = links_version + case when mark.links then 1 else 0 end,
    last_event_at = greatest(last_event_at, mark.last_event_at)
  returning version into moved;
  if mark.records then
    insert into record_changes (version, earliest_at)
      values (moved, case when mark.unbounded then '-infinity' else coalesce(mark.earliest_at, '-infinity') end);
  end if;
  delete from data_version_marks where txid = new.txid;
  return null;
end
$$;

-- The latest finite instant of some rows (as migration 210 kept it).
create function finite_or_null(at timestamptz) returns timestamptz language sql immutable as $$
  select case when isfinite(at) then at end
$$;

-- Contacts and decisions: every use of one compares its `at` with t.
create function contacts_reach() returns trigger language plpgsql as $$
begin
  if TG_OP = 'INSERT' then
    if not exists (select 1 from new_rows) then return null; end if;
    perform data_version_mark_reach((select max(finite_or_null(at)) from new_rows), (select min(at) from new_rows));
  elsif TG_OP = 'UPDATE' then
    if not exists (select 1 from new_rows) then return null; end if;
    perform data_version_mark_reach((select max(finite_or_null(at)) from new_rows),
      least((select min(at) from new_rows), (select min(at) from old_rows)));
  else
    if not exists (select 1 from old_rows) then return null; end if;
    perform data_version_mark_reach(null, (select min(at) from old_rows));
  end if;
  return null;
end
$$;

create function cases_reach() returns trigger language plpgsql as $$
begin
  if TG_OP = 'INSERT' then
    if not exists (select 1 from new_rows) then return null; end if;
    perform data_version_mark_reach(
      (select max(greatest(finite_or_null(recorded_at), finite_or_null(closed_at))) from new_rows),
      (select min(recorded_at) from new_rows));
  elsif TG_OP = 'UPDATE' then
    if not exists (select 1 from new_rows) then return null; end if;
    perform data_version_mark_reach(
      (select max(greatest(finite_or_null(recorded_at), finite_or_null(closed_at))) from new_rows),
      (select min(case
          when (o.recorded_at, o.recorded_on, o.offence, o.category) is not distinct from (n.recorded_at, n.recorded_on, n.offence, n.category)
            then least(coalesce(o.closed_at, 'infinity'), coalesce(n.closed_at, 'infinity'))
          else least(o.recorded_at, n.recorded_at)
        end)
       from old_rows o full join new_rows n on n.id = o.id));
  else
    if not exists (select 1 from old_rows) then return null; end if;
    perform data_version_mark_reach(null, (select min(recorded_at) from old_rows));
  end if;
  return null;
end
$$;

create function case_allocations_reach() returns trigger language plpgsql as $$
begin
  if TG_OP = 'INSERT' then
    if not exists (select 1 from new_rows) then return null; end if;
    perform data_version_mark_reach(
      (select max(greatest(finite_or_null(valid_from), finite_or_null(valid_to))) from new_rows),
      (select min(greatest(n.valid_from, coalesce(c.recorded_at, '-infinity')))
       from new_rows n left join cases c on c.id = n.case_id));
  elsif TG_OP = 'UPDATE' then
    if not exists (select 1 from new_rows) then return null; end if;
    perform data_version_mark_reach(
      (select max(greatest(finite_or_null(valid_from), finite_or_null(valid_to))) from new_rows),
      (select min(greatest(
          case
            when (o.case_id, o.unit_id, o.oic_id, o.valid_from, o.valid_to)
              is not distinct from (n.case_id, n.unit_id, n.oic_id, n.valid_from, n.valid_to) then 'infinity'
            when (o.case_id, o.unit_id, o.oic_id, o.valid_from) is not distinct from (n.case_id, n.unit_id, n.oic_id, n.valid_from)
              then least(o.valid_to, n.valid_to)
            else least(o.valid_from, n.valid_from)
          end,
          least(coalesce(co.recorded_at, '-infinity'), coalesce(cn.recorded_at, '-infinity'))))
       from old_rows o full join new_rows n on n.id = o.id
       left join cases co on co.id = o.case_id
       left join cases cn on cn.id = n.case_id));
  else
    if not exists (select 1 from old_rows) then return null; end if;
    perform data_version_mark_reach(null,
      (select min(greatest(o.valid_from, coalesce(c.recorded_at, '-infinity'))) from old_rows o left join cases c on c.id = o.case_id));
  end if;
  return null;
end
$$;

-- A victim's rows, and its needs assessment's, reach back to its case's recording (all of time when the case is gone).
create function victims_reach() returns trigger language plpgsql as $$
begin
  if TG_OP = 'INSERT' then
    if not exists (select 1 from new_rows) then return null; end if;
    perform data_version_mark_reach(null,
      (select min(coalesce(c.recorded_at, '-infinity')) from new_rows n left join cases c on c.id = n.case_id));
  elsif TG_OP = 'UPDATE' then
    if not exists (select 1 from new_rows) then return null; end if;
    perform data_version_mark_reach(null, least(
      (select min(coalesce(c.recorded_at, '-infinity')) from new_rows n left join cases c on c.id = n.case_id),
      (select min(coalesce(c.recorded_at, '-infinity')) from old_rows o left join cases c on c.id = o.case_id)));
  else
    if not exists (select 1 from old_rows) then return null; end if;
    perform data_version_mark_reach(null,
      (select min(coalesce(c.recorded_at, '-infinity')) from old_rows o left join cases c on c.id = o.case_id));
  end if;
  return null;
end
$$;

create function needs_assessments_reach() returns trigger language plpgsql as $$
begin
  if TG_OP = 'INSERT' then
    if not exists (select 1 from new_rows) then return null; end if;
    perform data_version_mark_reach(
      (select max(greatest(finite_or_null(completed_at), finite_or_null(referred_at))) from new_rows),
      (select min(coalesce(c.recorded_at, '-infinity'))
       from new_rows n left join victims v on v.id = n.victim_id left join cases c on c.id = v.case_id));
  elsif TG_OP = 'UPDATE' then
    if not exists (select 1 from new_rows) then return null; end if;
    perform data_version_mark_reach(
      (select max(greatest(finite_or_null(completed_at), finite_or_null(referred_at))) from new_rows),
      least(
        (select min(coalesce(c.recorded_at, '-infinity'))
         from new_rows n left join victims v on v.id = n.victim_id left join cases c on c.id = v.case_id),
        (select min(coalesce(c.recorded_at, '-infinity'))
         from old_rows o left join victims v on v.id = o.victim_id left join cases c on c.id = v.case_id)));
  else
    if not exists (select 1 from old_rows) then return null; end if;
    perform data_version_mark_reach(null,
      (select min(coalesce(c.recorded_at, '-infinity'))
       from old_rows o left join victims v on v.id = o.victim_id left join cases c on c.id = v.case_id));
  end if;
  return null;
end
$$;

drop trigger cases_data_version_insert on cases;
drop trigger cases_data_version_update on cases;
drop trigger cases_data_version_delete on cases;
create trigger cases_data_version_insert after insert on cases referencing new table as new_rows
  for each statement execute function cases_reach();
create trigger cases_data_version_update after update on cases referencing old table as old_rows new table as new_rows
  for each statement execute function cases_reach();
create trigger cases_data_version_delete after delete on cases referencing old table as old_rows
  for each statement execute function cases_reach();

drop trigger case_allocations_data_version_insert on case_allocations;
drop trigger case_allocations_data_version_update on case_allocations;
drop trigger case_allocations_data_version_delete on case_allocations;
create trigger case_allocations_data_version_insert after insert on case_allocations referencing new table as new_rows
  for each statement execute function case_allocations_reach();
create trigger case_allocations_data_version_update after update on case_allocations
  referencing old table as old_rows new table as new_rows
  for each statement execute function case_allocations_reach();
create trigger case_allocations_data_version_delete after delete on case_allocations referencing old table as old_rows
  for each statement execute function case_allocations_reach();

drop trigger contacts_data_version_insert on contacts;
drop trigger contacts_data_version_update on contacts;
drop trigger contacts_data_version_delete on contacts;
create trigger contacts_data_version_insert after insert on contacts referencing new table as new_rows
  for each statement execute function contacts_reach();
create trigger contacts_data_version_update after update on contacts referencing old table as old_rows new table as new_rows
  for each statement execute function contacts_reach();
create trigger contacts_data_version_delete after delete on contacts referencing old table as old_rows
  for each statement execute function contacts_reach();

drop trigger decisions_data_version_insert on decisions;
drop trigger decisions_data_version_update on decisions;
drop trigger decisions_data_version_delete on decisions;
create trigger decisions_data_version_insert after insert on decisions referencing new table as new_rows
  for each statement execute function contacts_reach();
create trigger decisions_data_version_update after update on decisions referencing old table as old_rows new table as new_rows
  for each statement execute function contacts_reach();
create trigger decisions_data_version_delete after delete on decisions referencing old table as old_rows
  for each statement execute function contacts_reach();

drop trigger victims_data_version_insert on victims;
drop trigger victims_data_version_update on victims;
drop trigger victims_data_version_delete on victims;
create trigger victims_data_version_insert after insert on victims referencing new table as new_rows
  for each statement execute function victims_reach();
create trigger victims_data_version_update after update on victims referencing old table as old_rows new table as new_rows
  for each statement execute function victims_reach();
create trigger victims_data_version_delete after delete on victims referencing old table as old_rows
  for each statement execute function victims_reach();

drop trigger needs_assessments_data_version_insert on needs_assessments;
drop trigger needs_assessments_data_version_update on needs_assessments;
drop trigger needs_assessments_data_version_delete on needs_assessments;
create trigger needs_assessments_data_version_insert after insert on needs_assessments referencing new table as new_rows
  for each statement execute function needs_assessments_reach();
create trigger needs_assessments_data_version_update after update on needs_assessments
  referencing old table as old_rows new table as new_rows
  for each statement execute function needs_assessments_reach();
create trigger needs_assessments_data_version_delete after delete on needs_assessments referencing old table as old_rows
  for each statement execute function needs_assessments_reach();
