-- Shifts and cover (issue 13, part 3): the days a subscription's digest comes on, its quiet hours, and a
-- person's time away with the deputy who gets their team's digest meanwhile.

-- ISO weekdays as a bit set, bit (n - 1) for weekday n (Monday 1 ... Sunday 7); 127 = every day.
alter table subscriptions add column days integer not null default 127 check (days between 1 and 127);
-- Nothing is posted from quiet_from until quiet_until (HH:MM, local); both null: no quiet hours.
alter table subscriptions add column quiet_from text check (quiet_from ~ '^([01][0-9]|2[0-3]):[0-5][0-9]$');
alter table subscriptions add column quiet_until text check (quiet_until ~ '^([01][0-9]|2[0-3]):[0-5][0-9]$');
alter table subscriptions add constraint subscriptions_quiet_both check ((quiet_from is null) = (quiet_until is null));

-- One row per person who set either: away through away_until (inclusive), and whom their team's digest
-- goes to meanwhile (null: the inspector of the command). Kept when they come back, for the next time.
create table person_cover (
  person_id   text primary key,
  away_until  date,
  deputy_id   text,
  updated_at  timestamptz not null default now(),
  check (deputy_id is null or deputy_id <> person_id)
);

-- The weekly summary of inspectors and senior leads (issue 13, part 4): a subscription of its own kind on
-- a command (or the force), on one weekday (Monday 08:00 by default), through the same ledger.
alter table subscriptions drop constraint subscriptions_kind_check;
alter table subscriptions add constraint subscriptions_kind_check
  check (kind in ('team_digest', 'officer_reminder', 'weekly_summary'));
alter table subscriptions add constraint subscriptions_weekly_unit check (kind <> 'weekly_summary' or unit_id is not null);
