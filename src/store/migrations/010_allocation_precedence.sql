-- A Teams reassignment and the records system's extract (docs/ARCHITECTURE.md, "A Teams reassignment and
-- a later extract"): a reassignment made in Teams stands until an extract shows its new OIC (it is then
-- confirmed) or carries an OIC different from both the old and the new one (a newer decision in the
-- records system, which wins). An extract that still carries the old OIC is a conflict: reported, never
-- silently applied.

-- When an extract first showed a Teams reassignment's new owner; null while the reassignment is unconfirmed.
alter table case_allocations add column confirmed_at timestamptz;

-- Short messages for a person, written by the service (an import reporting a conflict to the supervisor
-- who reassigned) and delivered by the bot's scheduler tick to the person's personal chat. Only ids and
-- codes are kept; the bot words the message when it sends it.
create table notices (
  id          bigint generated always as identity primary key,
  person_id   text not null,
  kind        text not null check (kind in ('allocation_conflict')),
  details     jsonb not null,
  -- One notice per subject: an extract that repeats the same conflict every night tells nobody twice.
  dedupe_key  text not null unique,
  created_at  timestamptz not null,
  -- pending: to send (a runner holds it while lease_until is in the future); sent; no_chat: the person
  -- has no personal chat with the bot (nothing to send to); failed: given up after the attempts allowed.
  status      text not null default 'pending' check (status in ('pending', 'sent', 'no_chat', 'failed')),
  attempts    integer not null default 0,
  lease_until timestamptz,
  sent_at     timestamptz,
  last_error  text
);

create index notices_pending on notices (id) where status = 'pending';
