-- The store's data version (issue 15): a number that moves whenever anything the compliance figures are read
-- from changes, so a replica can keep what an evaluation produced and reuse it until the number moves.
--
-- Every statement that writes a table the evaluation reads marks its transaction (a statement trigger, so it
-- costs one tiny insert per statement, not per row); the mark's deferred trigger then bumps the version once,
-- at commit. Triggers rather than a call in each repository: a write path added later (or a hand-run repair)
-- cannot forget it. Bumping at commit rather than at the first write: the version row's lock is then held only
-- while the transaction commits, so a button press does not queue behind a long import's merge.
--
-- digest_item_refs is only watched for updates and deletes: its rows are written once (`on conflict do
-- nothing`) and are read only through an acknowledgement, which references a row that already existed, so a
-- new ref changes no figure; every digest card records refs, and bumping on those would empty every cache.

create table data_version (
  id      boolean primary key default true check (id),
  version bigint not null
);
insert into data_version (id, version) values (true, 1);

create table data_version_marks (
  txid bigint primary key
);

create function data_version_mark() returns trigger language plpgsql as $$
begin
  insert into data_version_marks (txid) values (txid_current()) on conflict do nothing;
  return null;
end
$$;

create function data_version_bump() returns trigger language plpgsql as $$
begin
  update data_version set version = version + 1;
  delete from data_version_marks where txid = new.txid;
  return null;
end
$$;

create constraint trigger data_version_bump_at_commit after insert on data_version_marks
  deferrable initially deferred for each row execute function data_version_bump();

create trigger units_data_version after insert or update or delete or truncate on units
  for each statement execute function data_version_mark();
create trigger unit_closure_data_version after insert or update or delete or truncate on unit_closure
  for each statement execute function data_version_mark();
create trigger people_data_version after insert or update or delete or truncate on people
  for each statement execute function data_version_mark();
create trigger cases_data_version after insert or update or delete or truncate on cases
  for each statement execute function data_version_mark();
create trigger victims_data_version after insert or update or delete or truncate on victims
  for each statement execute function data_version_mark();
create trigger needs_assessments_data_version after insert or update or delete or truncate on needs_assessments
  for each statement execute function data_version_mark();
create trigger decisions_data_version after insert or update or delete or truncate on decisions
  for each statement execute function data_version_mark();
create trigger contacts_data_version after insert or update or delete or truncate on contacts
  for each statement execute function data_version_mark();
create trigger case_allocations_data_version after insert or update or delete or truncate on case_allocations
  for each statement execute function data_version_mark();
create trigger acknowledgements_data_version after insert or update or delete or truncate on acknowledgements
  for each statement execute function data_version_mark();
create trigger working_calendar_data_version after insert or update or delete or truncate on working_calendar
  for each statement execute function data_version_mark();
create trigger digest_item_refs_data_version after update or delete or truncate on digest_item_refs
  for each statement execute function data_version_mark();
