-- Dip-sample audits (issue 16): the inspector is told on the draw day that the month's sample is drawn, with its
-- units and cases counted and the day the audits are due (src/service/dip-audit-reminders.ts): one notice per
-- person and month, as the reminder and the overdue notice of migration 230.
alter table notices drop constraint notices_kind_check;
alter table notices add constraint notices_kind_check
  check (kind in ('allocation_conflict', 'dip_sample_drawn', 'dip_audit_reminder', 'dip_audit_overdue'));
