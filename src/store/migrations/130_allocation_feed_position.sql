-- The reassignment feed (GET /v1/allocations/changes) pages by a position given in commit order, not by
-- the application clock's `at`: two changes in one millisecond, a transaction that commits late, or two
-- replicas whose clocks differ made a reader that had passed `at` miss changes for good.
--
-- The position comes from the one-row counter below, incremented in the transaction that records the
-- change (`update ... set value = value + 1 returning value`). That update holds the row's lock until the
-- transaction ends, so a second writer waits until the first has committed (or rolled back, which hands
-- its number back) before it takes the next number: positions become visible in the order they were
-- given, and a reader that sees position n sees every position below it. See src/store/allocation-feed.ts.

create table allocation_feed_counter (
  id    boolean primary key default true check (id),
  value bigint not null
);

alter table allocation_changes add column position bigint;

-- Changes recorded before positions existed keep the order the old feed gave them (by `at`, then id).
update allocation_changes c set position = numbered.n
from (select id, row_number() over (order by at, id) as n from allocation_changes) numbered
where numbered.id = c.id;

insert into allocation_feed_counter (id, value) select true, coalesce(max(position), 0) from allocation_changes;

alter table allocation_changes alter column position set not null;
create unique index allocation_changes_by_position on allocation_changes (position);
