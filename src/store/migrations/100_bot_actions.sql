-- What the bot's cards act on: the items a card was built with (so an opaque ref on a button can be
-- resolved without the card carrying victim ids), acknowledgements, and the feed of reassignments the
-- records system applies (GET /v1/allocations/changes?since=).

-- Written whenever a digest card is built; a ref not found here was never on a card we sent.
-- No foreign keys to victims or cases: a ref must stay resolvable (as "gone") whatever an import does.
create table digest_item_refs (
  ref           text primary key,
  kind          text not null check (kind in ('update_overdue', 'needs_assessment_missing', 'update_due_soon', 'needs_assessment_due_soon')),
  victim_id     text not null,
  case_id       text not null,
  due_date      date not null,
  -- The owning unit when the card was built; actions authorise against the allocation current then.
  unit_id       text not null,
  first_seen_at timestamptz not null
);

create index digest_item_refs_by_case on digest_item_refs (case_id);

-- One acknowledgement per item (per deadline: a new deadline gets a new ref), so a double tap is one.
create table acknowledgements (
  id         bigint generated always as identity primary key,
  item_ref   text not null unique references digest_item_refs (ref),
  person_id  text not null,
  at         timestamptz not null,
  note       text,
  planned_on date
);

-- Append-only feed of allocation changes made here, in the order they were made. The allocation
-- history itself stays in case_allocations; this is what the records system reads to apply them.
create table allocation_changes (
  id           bigint generated always as identity primary key,
  at           timestamptz not null,
  case_id      text not null,
  from_unit_id text not null,
  from_oic_id  text not null,
  to_unit_id   text not null,
  to_oic_id    text not null,
  changed_by   text not null,
  reason       text not null
);

create index allocation_changes_by_at on allocation_changes (at, id);
