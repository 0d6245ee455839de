-- The data version split in three (issue 15, second slice), so a button press does not empty every kept answer:
-- - `version`: the records (cases, allocations, contacts, decisions, needs assessments, victims, people, units,
--   the working calendar), which every figure, digest and people list is read from;
-- - `actions_version`: what officers do in Teams that only promise counts read (acknowledgements and the items
--   they refer to, digest_item_refs): about three a second under load, and no figure or digest reads them
--   (src/store/evaluation-sql.ts reads none of these tables; src/store/promise-store.ts reads both);
-- - `links_version`: the Teams users linked to people by address (teams_links), which the people directory reads
--   (src/store/sql-people-directory.ts), and no figure.
-- A kept answer is keyed by the versions of the tables it reads only (src/service/cached-compliance-queries.ts).
--
-- The marks of migration 210 now say which versions their transaction moves; the one deferred trigger per
-- transaction moves each marked version once at commit. The latest instant keeps every table's, acknowledgements
-- included (promise counts compare t with them; for the figures an instant too late is safe, see migration 210).

alter table data_version
  add column actions_version bigint not null default 1,
  add column links_version bigint not null default 1;

alter table data_version_marks
  add column records boolean not null default false,
  add column actions boolean not null default false,
  add column links boolean not null default false;

-- The kind of a table's writes, from the first trigger argument ('records', 'actions' or 'links'); the triggers of
-- migration 210 pass none, and are the records'.
create function data_version_mark_kind(mark_txid bigint, kind text, latest timestamptz) returns void language plpgsql as $$
begin
  insert into data_version_marks as m (txid, last_event_at, records, actions, links)
    values (mark_txid, latest, kind = 'records', kind = 'actions', kind = 'links')
    on conflict (txid) do update set
      last_event_at = greatest(m.last_event_at, excluded.last_event_at),
      records = m.records or excluded.records,
      actions = m.actions or excluded.actions,
      links = m.links or excluded.links;
end
$$;

create or replace function data_version_mark() returns trigger language plpgsql as $$
begin
  perform data_version_mark_kind(txid_current(), coalesce(TG_ARGV[0], 'records'), null);
  return null;
end
$$;

create or replace function data_version_mark_rows() returns trigger language plpgsql as $$
begin
  if exists (select 1 from changed) then
    perform data_version_mark_kind(txid_current(), coalesce(TG_ARGV[0], 'records'), null);
  end if;
  return null;
end
$$;

-- Migration 210's: every argument a column of instants, the records'.
create or replace function data_version_mark_instants() returns trigger language plpgsql as $$
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
  perform data_version_mark_kind(txid_current(), 'records', latest);
  return null;
end
$$;

-- An acknowledgement's instant (its one column `at`): an action's.
create function data_version_mark_action_instants() returns trigger language plpgsql as $$
declare
  latest timestamptz;
begin
  if not exists (select 1 from changed) then
    return null;
  end if;
  select max(case when isfinite(at) then at end) into latest from changed;
  perform data_version_mark_kind(txid_current(), 'actions', latest);
  return null;
end
$$;

create or replace function data_version_bump() returns trigger language plpgsql as $$
declare
  mark data_version_marks%rowtype;
begin
  select * into mark from data_version_marks m where m.txid = new.txid;
  update data_version set
    version = version + case when mark.records then 1 else 0 end,
    actions_version = actions_version + case when mark.actions then 1 else 0 end,
    links_version = links_version + case when mark.links then 1 else 0 end,
    last_event_at = greatest(last_event_at, mark.last_event_at);
  delete from data_version_marks where txid = new.txid;
  return null;
end
$$;

-- Acknowledgements and the items they refer to: actions.
drop trigger acknowledgements_data_version_insert on acknowledgements;
drop trigger acknowledgements_data_version_update on acknowledgements;
drop trigger acknowledgements_data_version_delete on acknowledgements;
drop trigger acknowledgements_data_version_truncate on acknowledgements;
create trigger acknowledgements_data_version_insert after insert on acknowledgements referencing new table as changed
  for each statement execute function data_version_mark_action_instants();
create trigger acknowledgements_data_version_update after update on acknowledgements referencing new table as changed
  for each statement execute function data_version_mark_action_instants();
create trigger acknowledgements_data_version_delete after delete on acknowledgements referencing old table as changed
  for each statement execute function data_version_mark_rows('actions');
create trigger acknowledgements_data_version_truncate after truncate on acknowledgements
  for each statement execute function data_version_mark('actions');

drop trigger digest_item_refs_data_version_update on digest_item_refs;
drop trigger digest_item_refs_data_version_delete on digest_item_refs;
drop trigger digest_item_refs_data_version_truncate on digest_item_refs;
create trigger digest_item_refs_data_version_update after update on digest_item_refs referencing new table as changed
  for each statement execute function data_version_mark_rows('actions');
create trigger digest_item_refs_data_version_delete after delete on digest_item_refs referencing old table as changed
  for each statement execute function data_version_mark_rows('actions');
create trigger digest_item_refs_data_version_truncate after truncate on digest_item_refs
  for each statement execute function data_version_mark('actions');

-- Teams users linked by address: links.
create trigger teams_links_data_version_insert after insert on teams_links referencing new table as changed
  for each statement execute function data_version_mark_rows('links');
create trigger teams_links_data_version_update after update on teams_links referencing new table as changed
  for each statement execute function data_version_mark_rows('links');
create trigger teams_links_data_version_delete after delete on teams_links referencing old table as changed
  for each statement execute function data_version_mark_rows('links');
create trigger teams_links_data_version_truncate after truncate on teams_links
  for each statement execute function data_version_mark('links');
