-- Proactive delivery: where the bot may post (conversation references), what each person asked to
-- receive and when (subscriptions), and the ledger that keeps every digest to one send per local date.

create table conversations (
  id              text primary key,
  -- The Bot Framework ConversationReference, as received: needed to post without an incoming message.
  reference       jsonb not null,
  scope           text not null check (scope in ('personal', 'team', 'groupChat')),
  person_id       text,
  tenant_id       text,
  active          boolean not null default true,
  inactive_reason text,
  created_at      timestamptz not null default now(),
  updated_at      timestamptz not null default now()
);

create index conversations_personal_by_person on conversations (person_id) where scope = 'personal';

create table subscriptions (
  id              text primary key,
  conversation_id text not null references conversations (id) on delete cascade,
  -- Whose view the digest is built for: the supervisor who subscribed, or the officer.
  person_id       text not null,
  kind            text not null check (kind in ('team_digest', 'officer_reminder')),
  unit_id         text,
  local_time      text not null check (local_time ~ '^([01][0-9]|2[0-3]):[0-5][0-9]$'),
  enabled         boolean not null default true,
  created_at      timestamptz not null default now(),
  updated_at      timestamptz not null default now(),
  check (kind <> 'team_digest' or unit_id is not null)
);

-- One subscription per conversation, kind and unit: subscribing again changes the time instead.
create unique index subscriptions_one_per_target on subscriptions (conversation_id, kind, (coalesce(unit_id, '')));
create index subscriptions_enabled_by_time on subscriptions (local_time) where enabled;

create table digest_sends (
  subscription_id text not null references subscriptions (id) on delete cascade,
  local_date      date not null,
  -- claimed: a runner holds it until lease_until; sent / sent_empty (an officer with nothing to do):
  -- done for the day; failed: retried from retry_at while attempts stay under the daily bound.
  status          text not null check (status in ('claimed', 'sent', 'sent_empty', 'failed')),
  attempts        integer not null default 1,
  claim_token     text,
  lease_until     timestamptz,
  retry_at        timestamptz,
  last_error      text,
  activity_id     text,
  item_count      integer,
  sent_at         timestamptz,
  updated_at      timestamptz not null default now(),
  primary key (subscription_id, local_date)
);

create index digest_sends_by_date on digest_sends (local_date, status);
