-- The compliance store: what the records system sends (records-format.md), the allocation history the
-- figures at a past instant need, the working-day calendar the set-based evaluation joins, and the audit log.
--
-- The high-volume tables (case_allocations, victims, needs_assessments, contacts: millions of rows) carry no
-- foreign keys: the import checks every reference set-based before it merges (import-checks.ts), and
-- per-row foreign-key triggers more than doubled the time of a full import. The small tables keep theirs.

create table units (
  id        text primary key,
  name      text not null,
  kind      text not null check (kind in ('force', 'command', 'department', 'team')),
  -- Deferred: an import may list a child before its parent.
  parent_id text references units (id) deferrable initially deferred,
  check ((kind = 'force') = (parent_id is null))
);

create index units_by_parent on units (parent_id);

-- Every (ancestor, descendant) pair, the unit itself included at depth 0: a subtree is one indexed join.
-- Rebuilt by the import whenever units change (a force has hundreds of units, not millions).
create table unit_closure (
  ancestor_id   text not null references units (id) on delete cascade,
  descendant_id text not null references units (id) on delete cascade,
  depth         integer not null,
  primary key (ancestor_id, descendant_id)
);

create index unit_closure_by_descendant on unit_closure (descendant_id, ancestor_id);

create table people (
  id            text primary key,
  name          text not null,
  unit_id       text not null references units (id),
  role          text not null check (role in ('officer', 'supervisor', 'inspector', 'senior', 'admin')),
  aad_object_id text,
  email         text
);

create unique index people_by_aad_object_id on people (aad_object_id) where aad_object_id is not null;
create index people_by_unit on people (unit_id);

create table cases (
  id          text primary key,
  recorded_at timestamptz not null,
  -- The local date of recording in the policy's time zone: the start of the needs-assessment deadline.
  recorded_on date not null,
  closed_at   timestamptz,
  offence     text not null,
  category    text not null
);

-- Who owns a case when: figures at instant t use the row with valid_from <= t < valid_to.
create table case_allocations (
  id         bigint generated always as identity primary key,
  case_id    text not null,
  unit_id    text not null,
  oic_id     text not null,
  valid_from timestamptz not null,
  valid_to   timestamptz not null default 'infinity',
  source     text not null check (source in ('import', 'reassign')),
  changed_by text,
  reason     text,
  check (valid_from <= valid_to)
);

create unique index case_allocations_one_current on case_allocations (case_id) where valid_to = 'infinity';
create index case_allocations_by_case on case_allocations (case_id, valid_from);
create index case_allocations_by_unit on case_allocations (unit_id, valid_from, valid_to);
create index case_allocations_by_oic on case_allocations (oic_id, valid_from, valid_to);

create table victims (
  id              text primary key,
  case_id         text not null,
  enhanced        boolean not null,
  enhanced_reason text
);

create index victims_by_case on victims (case_id);

create table needs_assessments (
  victim_id             text primary key,
  completed_at          timestamptz,
  update_frequency_days integer check (update_frequency_days > 0),
  referral_wanted       boolean,
  referred_at           timestamptz
);

create table contacts (
  id        text primary key,
  victim_id text not null,
  at        timestamptz not null,
  -- The local date of the contact: the last update's date is max(at_on), no time-zone arithmetic per row.
  at_on     date not null,
  kind      text not null check (kind in ('update', 'agreement')),
  method    text not null check (method in ('phone', 'email', 'sms', 'visit', 'letter', 'other')),
  by_id     text not null
);

create index contacts_by_victim on contacts (victim_id, at) include (kind, at_on);

-- One row per day over the covered years; working_day_index counts working days up to and including
-- the date, so "n working days after d" is the working day whose index is index(d) + n.
create table working_calendar (
  date              date primary key,
  is_working        boolean not null,
  working_day_index integer not null
);

create unique index working_calendar_by_index on working_calendar (working_day_index) where is_working;

create table audit_log (
  id       bigint generated always as identity primary key,
  at       timestamptz not null,
  actor_id text,
  action   text not null,
  subject  text not null,
  details  jsonb not null default '{}'
);

create index audit_log_by_subject on audit_log (subject, at);

create function audit_log_is_append_only() returns trigger language plpgsql as $$
begin
  raise exception 'audit_log is append-only: % is not allowed', tg_op;
end;
$$;

create trigger audit_log_append_only
  before update or delete on audit_log
  for each row execute function audit_log_is_append_only();

create trigger audit_log_no_truncate
  before truncate on audit_log
  for each statement execute function audit_log_is_append_only();
