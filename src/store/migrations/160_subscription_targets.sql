-- Subscriptions follow the records (issue 10): who a subscription follows, why one was turned off, and
-- a send withheld because the Teams account or the person's scope no longer fits it.

-- 'default': made at install, follows the person's current role and unit (a sergeant moved to another
-- team gets that team's digest). 'explicit': a unit asked for by name ("subscribe North Team 3").
alter table subscriptions add column origin text not null default 'explicit' check (origin in ('default', 'explicit'));

-- Why it is off: 'turned_off' ("digest off"), 'uninstalled', or what the service found
-- (teams_account_changed, subscriber_left, out_of_scope, no_default_for_role, duplicate).
alter table subscriptions add column disabled_reason text;

-- The person is told once, in their own personal chat, that the service turned this subscription off.
alter table subscriptions add column notice_pending boolean not null default false;

create index subscriptions_notice_pending on subscriptions (id) where notice_pending;

-- What installing the app made before origins were recorded: the role's default in a personal chat.
update subscriptions s set origin = 'default'
from conversations c, people p
where c.id = s.conversation_id and c.scope = 'personal' and p.id = s.person_id
  and (s.kind = 'officer_reminder' or (s.kind = 'team_digest' and p.role = 'supervisor' and s.unit_id = p.unit_id));

update subscriptions set disabled_reason = 'turned_off' where not enabled;

-- withheld: claimed, then not sent because the subscription no longer fits (see subscription-fit.ts).
alter table digest_sends drop constraint digest_sends_status_check;
alter table digest_sends add constraint digest_sends_status_check check (status in ('claimed', 'sent', 'sent_empty', 'failed', 'withheld'));
