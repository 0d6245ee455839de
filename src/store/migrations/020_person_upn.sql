-- A Teams user is matched by Entra object id first, then by the user principal name or e-mail Teams
-- reports for them (records-format.md: person.upn, person.email; src/domain/teams-identity.ts).
alter table people add column upn text;

-- How an address is compared: the letters A-Z without case, everything else exactly (the same key as
-- addressKey() in src/domain/teams-identity.ts; translate() reads the same on every server locale).
create index people_by_upn_key on people (translate(upn, 'ABCDEFGHIJKLMNOPQRSTUVWXYZ', 'abcdefghijklmnopqrstuvwxyz'))
  where upn is not null;
create index people_by_email_key on people (translate(email, 'ABCDEFGHIJKLMNOPQRSTUVWXYZ', 'abcdefghijklmnopqrstuvwxyz'))
  where email is not null;
