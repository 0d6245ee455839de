import { KEPT_ALLOCATIONS_TABLE, settleTeamsReassignments, type AllocationConflict } from './allocation-conflicts.js';
import type { Db } from './db.js';
import { reconcileSubscriptions } from './subscription-fit-store.js';

/**
 * Moves a checked import from the staging tables into the real ones: upserts by id (a record sent
 * again replaces the stored one), needs assessments by victim (the latest line wins), and allocation
 * history for cases whose unit or OIC changed; then subscriptions are brought in line with the people
 * and units now stored (subscription-fit-store.ts). Runs in the import's transaction after the checks passed.
 * Returns the conflicts with reassignments made in Teams (allocation-conflicts.ts).
 */
export async function mergeStagedRecords(tx: Db, options: { now: Date; timeZone: string }): Promise<AllocationConflict[]> {
  await tx.query(
    `insert into units (id, name, kind, parent_id)
     select id, name, kind, parent_id from stage_units
     on conflict (id) do update set name = excluded.name, kind = excluded.kind, parent_id = excluded.parent_id`,
  );
  const [unitChanges] = await tx.query<{ n: number }>('select count(*)::int as n from stage_units');
  if ((unitChanges?.n ?? 0) > 0) await rebuildUnitClosure(tx);

  // An Entra id may move from one person to another within one import: free the resent people's ids
  // first so the unique index never sees the two at once.
  await tx.query(
    `update people p set aad_object_id = null
     where p.aad_object_id is not null and exists (select 1 from stage_people s where s.id = p.id)`,
  );
  await tx.query(
    `insert into people (id, name, unit_id, role, aad_object_id, email)
     select id, name, unit_id, role, aad_object_id, email from stage_people
     on conflict (id) do update set name = excluded.name, unit_id = excluded.unit_id, role = excluded.role,
       aad_object_id = excluded.aad_object_id, email = excluded.email`,
  );

  await tx.query(
    `insert into cases (id, recorded_at, recorded_on, closed_at, offence, category)
     select id, recorded_at, (recorded_at at time zone $1)::date, closed_at, offence, category from stage_cases
     on conflict (id) do update set recorded_at = excluded.recorded_at, recorded_on = excluded.recorded_on,
       closed_at = excluded.closed_at, offence = excluded.offence, category = excluded.category`,
    [options.timeZone],
  );
  const conflicts = await mergeAllocations(tx, options.now);

  await tx.query(
    `insert into victims (id, case_id, enhanced, enhanced_reason)
     select id, case_id, enhanced, enhanced_reason from stage_victims
     on conflict (id) do update set case_id = excluded.case_id, enhanced = excluded.enhanced, enhanced_reason = excluded.enhanced_reason`,
  );
  await tx.query(
    `insert into needs_assessments (victim_id, completed_at, update_frequency_days, referral_wanted, referred_at)
     select distinct on (victim_id) victim_id, completed_at, update_frequency_days, referral_wanted, referred_at
     from stage_needs_assessments order by victim_id, line desc
     on conflict (victim_id) do update set completed_at = excluded.completed_at,
       update_frequency_days = excluded.update_frequency_days, referral_wanted = excluded.referral_wanted,
       referred_at = excluded.referred_at`,
  );
  await tx.query(
    `insert into contacts (id, victim_id, at, at_on, kind, method, by_id)
     select id, victim_id, at, (at at time zone $1)::date, kind, method, by_id from stage_contacts
     on conflict (id) do update set victim_id = excluded.victim_id, at = excluded.at, at_on = excluded.at_on,
       kind = excluded.kind, method = excluded.method, by_id = excluded.by_id`,
    [options.timeZone],
  );
  // A person's new Entra id, role or unit (or a unit moved in the tree) re-points or stops their subscriptions.
  await reconcileSubscriptions(tx, { at: options.now });
  return conflicts;
}

/**
 * A new case is allocated from -infinity (its owner before the first import is unknowable, and figures
 * at any earlier instant must still place it). A changed unit or OIC closes the current row at `now`
 * and opens a new one, so figures for past instants keep the owner of that time. A stale extract does not
 * undo a Teams reassignment (allocation-conflicts.ts): those cases are left as they are.
 */
async function mergeAllocations(tx: Db, now: Date): Promise<AllocationConflict[]> {
  const conflicts = await settleTeamsReassignments(tx, now);
  await tx.exec(`create temporary table stage_allocation_changes (case_id text primary key, at timestamptz not null) on commit drop`);
  await tx.query(
    `insert into stage_allocation_changes (case_id, at)
     select s.id, greatest(a.valid_from, $1::timestamptz)
     from stage_cases s
     join case_allocations a on a.case_id = s.id and a.valid_to = 'infinity'
     where (a.unit_id <> s.unit_id or a.oic_id <> s.oic_id)
       and not exists (select 1 from ${KEPT_ALLOCATIONS_TABLE} k where k.case_id = s.id)`,
    [now.toISOString()],
  );
  await tx.query(
    `update case_allocations a set valid_to = c.at
     from stage_allocation_changes c
     where a.case_id = c.case_id and a.valid_to = 'infinity'`,
  );
  await tx.query(
    `insert into case_allocations (case_id, unit_id, oic_id, valid_from, source)
     select s.id, s.unit_id, s.oic_id, c.at, 'import'
     from stage_cases s join stage_allocation_changes c on c.case_id = s.id`,
  );
  await tx.query(
    `insert into case_allocations (case_id, unit_id, oic_id, valid_from, source)
     select s.id, s.unit_id, s.oic_id, '-infinity', 'import'
     from stage_cases s
     where not exists (select 1 from case_allocations a where a.case_id = s.id)`,
  );
  return conflicts;
}

/** Every (ancestor, descendant) pair of the unit tree; the checks guarantee it has no cycle. */
export async function rebuildUnitClosure(tx: Db): Promise<void> {
  await tx.exec('delete from unit_closure');
  await tx.query(
    `insert into unit_closure (ancestor_id, descendant_id, depth)
     with recursive pairs (ancestor_id, descendant_id, depth) as (
       select id, id, 0 from units
       union all
       select p.ancestor_id, u.id, p.depth + 1 from pairs p join units u on u.parent_id = p.descendant_id
     )
     select ancestor_id, descendant_id, depth from pairs`,
  );
}

/** The planner needs row counts after a large import (PGlite runs no autovacuum). */
export async function refreshStatistics(tx: Db): Promise<void> {
  await tx.exec('analyze units, unit_closure, people, cases, case_allocations, victims, needs_assessments, contacts');
}

/** One audit entry per import: counts only, never record contents. */
export async function auditImport(tx: Db, options: { now: Date; lines: number; counts: Record<string, number> }): Promise<void> {
  await tx.query(
    `insert into audit_log (at, actor_id, action, subject, details) values ($1, null, 'records.imported', 'records', $2::jsonb)`,
    [options.now.toISOString(), JSON.stringify({ lines: options.lines, counts: options.counts })],
  );
}
