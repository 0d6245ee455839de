-- Installing the app for people who never did, through Microsoft Graph (src/service/install-missing-apps.ts):
-- one row per person, claimed before each try so no person is tried twice within the interval, whichever
-- replica or trigger (an import, the daily run, the CLI, the admin route) asks. Ids and codes only.

create table app_installs (
  person_id        text primary key,
  last_attempt_at  timestamptz not null,
  -- claimed while a try is under way; then installed, already_installed, refused or failed.
  outcome          text not null check (outcome in ('claimed', 'installed', 'already_installed', 'refused', 'failed')),
  -- Graph's HTTP status and error code of the last try, when it answered one.
  status           integer,
  code             text,
  attempts         integer not null default 1
);
