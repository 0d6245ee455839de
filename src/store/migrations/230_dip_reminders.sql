-- Dip-sample audits, part 4 (issue 16): the reminder to the inspector on the month's due day and the overdue
-- audits to the senior lead are notices (migration 010): one per person, month and kind, the dedupe key making
-- the first one stored the only one, whichever replica or restart queued it.
alter table notices drop constraint notices_kind_check;
alter table notices add constraint notices_kind_check
  check (kind in ('allocation_conflict', 'dip_audit_reminder', 'dip_audit_overdue'));

-- The delegate an inspector names for the dip audits of a unit of theirs: they may open, save and submit the
-- audits of its samples as the inspector may. One per unit; naming another replaces them; removing deletes
-- the row (both audited in audit_log).
create table dip_delegates (
  unit_id     text primary key references units (id),
  delegate_id text not null,
  named_by    text not null,
  named_at    timestamptz not null
);

create index dip_delegates_by_delegate on dip_delegates (delegate_id);
