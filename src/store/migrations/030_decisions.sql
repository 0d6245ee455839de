-- The later record types of records-format.md: key decisions on a case (Right 6), and the contact kinds that
-- tell a victim of the crime in writing (Right 3) or of a decision (a decision_update names its decision).
-- Like the other high-volume tables, no foreign keys: the import checks every reference (import-checks.ts).

create table decisions (
  id      text primary key,
  case_id text not null,
  at      timestamptz not null,
  -- The local date of the decision in the policy's time zone: the start of its update deadline.
  at_on   date not null,
  kind    text not null check (kind in ('arrest', 'interview_under_caution', 'released_on_bail',
    'released_under_investigation', 'bail_changed', 'charge', 'out_of_court_disposal', 'no_further_action',
    'not_investigated', 'other'))
);

create index decisions_by_case on decisions (case_id, at);

alter table contacts drop constraint contacts_kind_check;
alter table contacts add constraint contacts_kind_check
  check (kind in ('update', 'agreement', 'written_acknowledgement', 'decision_update'));
alter table contacts add column decision_id text;
alter table contacts add constraint contacts_decision_id_check check ((kind = 'decision_update') = (decision_id is not null));

create index contacts_by_decision on contacts (decision_id, victim_id, at) where decision_id is not null;
