-- Dip-sample audits (issue 16): each month's sample of a unit (stored when first drawn, so asking again
-- answers the same cases even after new records arrive), the questions it is read against (frozen with
-- the sample, so a policy change mid-month does not move the questionnaire), and the answers per case.

create table dip_samples (
  unit_id   text not null references units (id),
  period    text not null check (period ~ '^[0-9]{4}-(0[1-9]|1[0-2])$'),
  -- The instant the pool was read at (the start of the draw day) and when this store drew it.
  as_of     timestamptz not null,
  drawn_at  timestamptz not null,
  questions jsonb not null,
  primary key (unit_id, period)
);

-- The case as it stood at the draw: its category and OIC are kept, whatever later extracts say.
create table dip_sample_cases (
  unit_id  text not null,
  period   text not null,
  position integer not null,
  case_id  text not null,
  category text not null,
  oic_id   text not null,
  primary key (unit_id, period, case_id),
  foreign key (unit_id, period) references dip_samples (unit_id, period)
);

-- The look-back: was this case drawn in a month near this one?
create index dip_sample_cases_by_case on dip_sample_cases (case_id, period);

-- One audit per sampled case: saved as it goes, changeable until submitted.
create table dip_audits (
  unit_id      text not null,
  period       text not null,
  case_id      text not null,
  started_by   text not null,
  started_at   timestamptz not null,
  submitted_by text,
  submitted_at timestamptz,
  primary key (unit_id, period, case_id),
  foreign key (unit_id, period, case_id) references dip_sample_cases (unit_id, period, case_id),
  check ((submitted_by is null) = (submitted_at is null))
);

create table dip_answers (
  unit_id     text not null,
  period      text not null,
  case_id     text not null,
  question_id text not null,
  answer      text check (answer in ('yes', 'no', 'na')),
  note        text,
  answered_by text not null,
  answered_at timestamptz not null,
  primary key (unit_id, period, case_id, question_id),
  foreign key (unit_id, period, case_id) references dip_audits (unit_id, period, case_id)
);
