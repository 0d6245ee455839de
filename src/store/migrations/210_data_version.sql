-- The store's data version (issue 15): a number that moves whenever anything the compliance figures are read
-- from changes, so a replica can keep what an evaluation produced and reuse it until the number moves.
--
-- Every statement that writes a table the evaluation reads marks its transaction (a statement trigger, so it
-- costs one tiny insert per statement, not per row); the mark's deferred trigger then bumps the version once,
-- at commit. Triggers rather than a call in each repository: a write path added later (or a hand-run repair)
-- cannot forget it. Bumping at commit rather than at the first write: the version row's lock is then held only
-- while the transaction commits, so a button press does not queue behind a long import's merge.
--
-- With the version, the row keeps the latest instant the records carry: the figures cache keeps "now" by its
-- local date only when t is at or after it (src/service/cached-compliance-queries.ts), and reads both in one
-- primary-key read.
--
-- digest_item_refs is only watched for updates and deletes: its rows are written once (`on conflict do
-- nothing`) and are read only through an acknowledgement, which references a row that already existed, so a
-- new ref changes no figure; every digest card records refs, and bumping on those would empty every cache.

create table data_version (
  id            boolean primary key default true check (id),
  version       bigint not null,
  -- At or after every finite instant any record carries (equal to the latest, unless one was deleted or moved
  -- earlier since): from there on the figures no longer depend on t beyond its local date. Null: no records.
  last_event_at timestamptz
);

create table data_version_marks (
  txid          bigint primary key,
  last_event_at timestamptz
);

-- A truncate: mark its transaction.
create function data_version_mark() returns trigger language plpgsql as $$
begin
  insert into data_version_marks (txid) values (txid_current()) on conflict do nothing;
  return null;
end
$$;

-- A statement that wrote rows (its transition table `changed` holds them): mark its transaction. A statement that
-- wrote none (an import sending the same records again rewrites no row) leaves the version where it is.
create function data_version_mark_rows() returns trigger language plpgsql as $$
begin
  if exists (select 1 from changed) then
    insert into data_version_marks (txid) values (txid_current()) on conflict do nothing;
  end if;
  return null;
end
$$;

-- The same, keeping the latest finite instant of the rows written, from the columns named in the arguments.
create function data_version_mark_instants() returns trigger language plpgsql as $$
declare
  latest timestamptz;
  columns text := '';
  col text;
begin
  if not exists (select 1 from changed) then
    return null;
  end if;
  foreach col in array TG_ARGV loop
    columns := columns || case when columns = '' then '' else ', ' end
      || format('case when isfinite(%1$I) then %1$I end', col);
  end loop;
  execute format('select max(greatest(%s)) from changed', columns) into latest;
  insert into data_version_marks (txid, last_event_at) values (txid_current(), latest)
    on conflict (txid) do update set last_event_at = greatest(data_version_marks.last_event_at, excluded.last_event_at);
  return null;
end
$$;

-- At commit, once per transaction that wrote: the version moves, and the latest instant takes the new rows'.
create function data_version_bump() returns trigger language plpgsql as $$
begin
  update data_version set version = version + 1,
    last_event_at = greatest(last_event_at, (select m.last_event_at from data_version_marks m where m.txid = new.txid));
  delete from data_version_marks where txid = new.txid;
  return null;
end
$$;

create constraint trigger data_version_bump_at_commit after insert on data_version_marks
  deferrable initially deferred for each row execute function data_version_bump();

-- A store migrated with records already in it starts from their latest instant.
insert into data_version (id, version) values (true, 1);
update data_version set last_event_at = greatest(
  (select max(recorded_at) from cases where isfinite(recorded_at)),
  (select max(closed_at) from cases where isfinite(closed_at)),
  (select max(valid_from) from case_allocations where isfinite(valid_from)),
  (select max(valid_to) from case_allocations where isfinite(valid_to)),
  (select max(at) from contacts), (select max(at) from decisions),
  (select max(completed_at) from needs_assessments), (select max(referred_at) from needs_assessments),
  (select max(at) from acknowledgements));

-- Tables with the instants the evaluation compares t with: inserts and updates keep their rows' latest
-- (transition tables allow one event per trigger); deletes only mark, as a latest instant too late is safe.
-- Every trigger but a truncate's reads its transition table, so a statement that changed no row marks nothing.
create trigger cases_data_version_insert after insert on cases referencing new table as changed
  for each statement execute function data_version_mark_instants('recorded_at', 'closed_at');
create trigger cases_data_version_update after update on cases referencing new table as changed
  for each statement execute function data_version_mark_instants('recorded_at', 'closed_at');
create trigger cases_data_version_delete after delete on cases referencing old table as changed
  for each statement execute function data_version_mark_rows();
create trigger cases_data_version_truncate after truncate on cases
  for each statement execute function data_version_mark();
create trigger case_allocations_data_version_insert after insert on case_allocations referencing new table as changed
  for each statement execute function data_version_mark_instants('valid_from', 'valid_to');
create trigger case_allocations_data_version_update after update on case_allocations referencing new table as changed
  for each statement execute function data_version_mark_instants('valid_from', 'valid_to');
create trigger case_allocations_data_version_delete after delete on case_allocations referencing old table as changed
  for each statement execute function data_version_mark_rows();
create trigger case_allocations_data_version_truncate after truncate on case_allocations
  for each statement execute function data_version_mark();
create trigger contacts_data_version_insert after insert on contacts referencing new table as changed
  for each statement execute function data_version_mark_instants('at');
create trigger contacts_data_version_update after update on contacts referencing new table as changed
  for each statement execute function data_version_mark_instants('at');
create trigger contacts_data_version_delete after delete on contacts referencing old table as changed
  for each statement execute function data_version_mark_rows();
create trigger contacts_data_version_truncate after truncate on contacts
  for each statement execute function data_version_mark();
create trigger decisions_data_version_insert after insert on decisions referencing new table as changed
  for each statement execute function data_version_mark_instants('at');
create trigger decisions_data_version_update after update on decisions referencing new table as changed
  for each statement execute function data_version_mark_instants('at');
create trigger decisions_data_version_delete after delete on decisions referencing old table as changed
  for each statement execute function data_version_mark_rows();
create trigger decisions_data_version_truncate after truncate on decisions
  for each statement execute function data_version_mark();
create trigger needs_assessments_data_version_insert after insert on needs_assessments referencing new table as changed
  for each statement execute function data_version_mark_instants('completed_at', 'referred_at');
create trigger needs_assessments_data_version_update after update on needs_assessments referencing new table as changed
  for each statement execute function data_version_mark_instants('completed_at', 'referred_at');
create trigger needs_assessments_data_version_delete after delete on needs_assessments referencing old table as changed
  for each statement execute function data_version_mark_rows();
create trigger needs_assessments_data_version_truncate after truncate on needs_assessments
  for each statement execute function data_version_mark();
create trigger acknowledgements_data_version_insert after insert on acknowledgements referencing new table as changed
  for each statement execute function data_version_mark_instants('at');
create trigger acknowledgements_data_version_update after update on acknowledgements referencing new table as changed
  for each statement execute function data_version_mark_instants('at');
create trigger acknowledgements_data_version_delete after delete on acknowledgements referencing old table as changed
  for each statement execute function data_version_mark_rows();
create trigger acknowledgements_data_version_truncate after truncate on acknowledgements
  for each statement execute function data_version_mark();

-- Tables without such instants: any row written, or a truncate, marks.
create trigger units_data_version_insert after insert on units referencing new table as changed
  for each statement execute function data_version_mark_rows();
create trigger units_data_version_update after update on units referencing new table as changed
  for each statement execute function data_version_mark_rows();
create trigger units_data_version_delete after delete on units referencing old table as changed
  for each statement execute function data_version_mark_rows();
create trigger units_data_version_truncate after truncate on units
  for each statement execute function data_version_mark();
create trigger unit_closure_data_version_insert after insert on unit_closure referencing new table as changed
  for each statement execute function data_version_mark_rows();
create trigger unit_closure_data_version_update after update on unit_closure referencing new table as changed
  for each statement execute function data_version_mark_rows();
create trigger unit_closure_data_version_delete after delete on unit_closure referencing old table as changed
  for each statement execute function data_version_mark_rows();
create trigger unit_closure_data_version_truncate after truncate on unit_closure
  for each statement execute function data_version_mark();
create trigger people_data_version_insert after insert on people referencing new table as changed
  for each statement execute function data_version_mark_rows();
create trigger people_data_version_update after update on people referencing new table as changed
  for each statement execute function data_version_mark_rows();
create trigger people_data_version_delete after delete on people referencing old table as changed
  for each statement execute function data_version_mark_rows();
create trigger people_data_version_truncate after truncate on people
  for each statement execute function data_version_mark();
create trigger victims_data_version_insert after insert on victims referencing new table as changed
  for each statement execute function data_version_mark_rows();
create trigger victims_data_version_update after update on victims referencing new table as changed
  for each statement execute function data_version_mark_rows();
create trigger victims_data_version_delete after delete on victims referencing old table as changed
  for each statement execute function data_version_mark_rows();
create trigger victims_data_version_truncate after truncate on victims
  for each statement execute function data_version_mark();
create trigger working_calendar_data_version_insert after insert on working_calendar referencing new table as changed
  for each statement execute function data_version_mark_rows();
create trigger working_calendar_data_version_update after update on working_calendar referencing new table as changed
  for each statement execute function data_version_mark_rows();
create trigger working_calendar_data_version_delete after delete on working_calendar referencing old table as changed
  for each statement execute function data_version_mark_rows();
create trigger working_calendar_data_version_truncate after truncate on working_calendar
  for each statement execute function data_version_mark();
create trigger digest_item_refs_data_version_update after update on digest_item_refs referencing new table as changed
  for each statement execute function data_version_mark_rows();
create trigger digest_item_refs_data_version_delete after delete on digest_item_refs referencing old table as changed
  for each statement execute function data_version_mark_rows();
create trigger digest_item_refs_data_version_truncate after truncate on digest_item_refs
  for each statement execute function data_version_mark();
