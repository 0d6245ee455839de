-- Who a Teams user is (src/domain/teams-identity.ts, src/service/identify-teams-user.ts): the link made
-- the first time a Teams user is matched to a person, so later turns need no lookup; and the Teams users
-- who could not be matched, for GET /v1/people/links. Ids only: no display name is stored here.

create table teams_links (
  -- from.id of the Teams user (29:...), as in every activity and in a conversation reference's user.
  teams_user_id text primary key,
  -- from.aadObjectId (or the member lookup's), lower case; null only off Teams.
  aad_object_id text,
  -- One Teams account per person: a newer match for the person replaces the older link (audited).
  person_id     text not null unique references people (id) on delete cascade,
  matched_by    text not null check (matched_by in ('aadObjectId', 'upn', 'email')),
  -- What the Bot Connector reported for the user when they were matched (null for an object-id match):
  -- an import that changes people checks the link again against these, in its own transaction.
  teams_upn     text,
  teams_email   text,
  linked_at     timestamptz not null
);

create unique index teams_links_by_aad on teams_links (aad_object_id) where aad_object_id is not null;

create table teams_unmatched (
  teams_user_id  text primary key,
  aad_object_id  text,
  reason         text not null check (reason in ('no_match', 'ambiguous', 'object_id_differs', 'lookup_failed')),
  first_seen_at  timestamptz not null,
  last_seen_at   timestamptz not null,
  attempts       integer not null default 1
);

-- People who already talk to the bot by Entra object id: linked from their personal chat's saved user,
-- so the report does not list them as never seen.
insert into teams_links (teams_user_id, aad_object_id, person_id, matched_by, linked_at)
select distinct on (p.id) c.reference->'user'->>'id', p.aad_object_id, p.id, 'aadObjectId', c.updated_at
from conversations c
join people p on p.aad_object_id = lower(c.reference->'user'->>'aadObjectId')
where c.scope = 'personal' and c.person_id = p.id and c.reference->'user'->>'id' is not null
order by p.id, c.updated_at desc
on conflict do nothing;
