import { KEPT_ALLOCATIONS_TABLE, settleTeamsReassignments, type AllocationConflict } from './allocation-conflicts.js';
import type { Db } from './db.js';
import type { ImportStaging } from './import-staging.js';
import { reconcileSubscriptions } from './subscription-fit-store.js';
import { recheckTeamsLinks } from './teams-link-recheck.js';

/** A Db whose statements name the import's staging tables with `{part}` placeholders. */
type StagedDb = { query: Db['query']; exec: Db['exec'] };

function staged(tx: Db, staging: ImportStaging): StagedDb {
  return {
    query: <Row>(sql: string, params?: readonly unknown[]) => tx.query<Row>(staging.bind(sql), params),
    exec: (sql) => tx.exec(staging.bind(sql)),
  };
}

/** Any fixed number: imports in every process sharing a PostgreSQL server merge one at a time. */
const MERGE_LOCK_KEY = 7_310_043;

/**
 * Inside the merge's transaction, first: waits for any other import's merge to end. PGlite runs one
 * transaction at a time already; on PostgreSQL the lock serialises merges across processes (released at
 * commit or rollback).
 */
export async function lockImportMerge(tx: Db): Promise<void> {
  if (tx.dialect === 'postgres') await tx.query('select pg_advisory_xact_lock($1)', [MERGE_LOCK_KEY]);
}

/**
 * Moves a checked import from the staging tables into the real ones: upserts by id (a record sent
 * again replaces the stored one; one sent again unchanged is not rewritten, so a nightly full extract
 * writes only what changed), needs assessments by victim (the latest line wins), and allocation
 * history for cases whose unit or OIC changed; then Teams links are checked against the people now stored
 * (teams-link-recheck.ts) and subscriptions brought in line with the people and units
 * (subscription-fit-store.ts). Runs in the merge's transaction after the checks passed.
 * Returns the conflicts with reassignments made in Teams (allocation-conflicts.ts).
 */
export async function mergeStagedRecords(
  db: Db,
  staging: ImportStaging,
  options: { now: Date; timeZone: string },
): Promise<AllocationConflict[]> {
  const tx = staged(db, staging);
  await tx.query(
    `insert into units (id, name, kind, parent_id)
     select id, name, kind, parent_id from {unit}
     on conflict (id) do update set name = excluded.name, kind = excluded.kind, parent_id = excluded.parent_id
     where (units.name, units.kind, units.parent_id) is distinct from (excluded.name, excluded.kind, excluded.parent_id)`,
  );
  const [unitChanges] = await tx.query<{ n: number }>('select count(*)::int as n from {unit}');
  if ((unitChanges?.n ?? 0) > 0) await rebuildUnitClosure(db);

  // An Entra id may move from one person to another within one import: free the resent people's ids
  // first so the unique index never sees the two at once.
  await tx.query(
    `update people p set aad_object_id = null
     where p.aad_object_id is not null and exists (select 1 from {person} s where s.id = p.id)`,
  );
  await tx.query(
    `insert into people (id, name, unit_id, role, aad_object_id, email, upn)
     select id, name, unit_id, role, aad_object_id, email, upn from {person}
     on conflict (id) do update set name = excluded.name, unit_id = excluded.unit_id, role = excluded.role,
       aad_object_id = excluded.aad_object_id, email = excluded.email, upn = excluded.upn
     where (people.name, people.unit_id, people.role, people.aad_object_id, people.email, people.upn)
       is distinct from (excluded.name, excluded.unit_id, excluded.role, excluded.aad_object_id, excluded.email, excluded.upn)`,
  );

  await tx.query(
    `insert into cases (id, recorded_at, recorded_on, closed_at, offence, category)
     select id, recorded_at, (recorded_at at time zone $1)::date, closed_at, offence, category from {case}
     on conflict (id) do update set recorded_at = excluded.recorded_at, recorded_on = excluded.recorded_on,
       closed_at = excluded.closed_at, offence = excluded.offence, category = excluded.category
     where (cases.recorded_at, cases.recorded_on, cases.closed_at, cases.offence, cases.category)
       is distinct from (excluded.recorded_at, excluded.recorded_on, excluded.closed_at, excluded.offence, excluded.category)`,
    [options.timeZone],
  );
  const conflicts = await mergeAllocations(tx, options.now);

  await tx.query(
    `insert into victims (id, case_id, enhanced, enhanced_reason)
     select id, case_id, enhanced, enhanced_reason from {victim}
     on conflict (id) do update set case_id = excluded.case_id, enhanced = excluded.enhanced, enhanced_reason = excluded.enhanced_reason
     where (victims.case_id, victims.enhanced, victims.enhanced_reason) ` +
      `is distinct from (excluded.case_id, excluded.enhanced, excluded.enhanced_reason)`,
  );
  await tx.query(
    `insert into needs_assessments (victim_id, completed_at, update_frequency_days, referral_wanted, referred_at)
     select distinct on (victim_id) victim_id, completed_at, update_frequency_days, referral_wanted, referred_at
     from {needsAssessment} order by victim_id, line desc
     on conflict (victim_id) do update set completed_at = excluded.completed_at,
       update_frequency_days = excluded.update_frequency_days, referral_wanted = excluded.referral_wanted,
       referred_at = excluded.referred_at
     where (needs_assessments.completed_at, needs_assessments.update_frequency_days, ` +
      `needs_assessments.referral_wanted, needs_assessments.referred_at)
       is distinct from (excluded.completed_at, excluded.update_frequency_days, excluded.referral_wanted, excluded.referred_at)`,
  );
  await tx.query(
    `insert into decisions (id, case_id, at, at_on, kind)
     select id, case_id, at, (at at time zone $1)::date, kind from {decision}
     on conflict (id) do update set case_id = excluded.case_id, at = excluded.at, at_on = excluded.at_on, kind = excluded.kind
     where (decisions.case_id, decisions.at, decisions.at_on, decisions.kind)
       is distinct from (excluded.case_id, excluded.at, excluded.at_on, excluded.kind)`,
    [options.timeZone],
  );
  await tx.query(
    `insert into contacts (id, victim_id, at, at_on, kind, method, by_id, decision_id)
     select id, victim_id, at, (at at time zone $1)::date, kind, method, by_id, decision_id from {contact}
     on conflict (id) do update set victim_id = excluded.victim_id, at = excluded.at, at_on = excluded.at_on,
       kind = excluded.kind, method = excluded.method, by_id = excluded.by_id, decision_id = excluded.decision_id
     where (contacts.victim_id, contacts.at, contacts.at_on, contacts.kind, contacts.method, contacts.by_id, contacts.decision_id)
       is distinct from (excluded.victim_id, excluded.at, excluded.at_on, excluded.kind, excluded.method, excluded.by_id, ` +
      `excluded.decision_id)`,
    [options.timeZone],
  );
  // People sent again may no longer be whom a Teams user was linked to (a new e-mail, user principal name or
  // Entra id, or one now shared with someone else): such links are dropped first, then a person's new Entra id,
  // role or unit (or a unit moved in the tree) re-points or stops their subscriptions.
  const [peopleSent] = await tx.query<{ n: number }>('select count(*)::int as n from {person}');
  if ((peopleSent?.n ?? 0) > 0) await recheckTeamsLinks(db, { at: options.now });
  await reconcileSubscriptions(db, { at: options.now });
  return conflicts;
}

/**
 * A new case is allocated from -infinity (its owner before the first import is unknowable, and figures
 * at any earlier instant must still place it). A changed unit or OIC closes the current row at `now`
 * and opens a new one, so figures for past instants keep the owner of that time. A stale extract does not
 * undo a Teams reassignment (allocation-conflicts.ts): those cases are left as they are.
 */
async function mergeAllocations(tx: StagedDb, now: Date): Promise<AllocationConflict[]> {
  const conflicts = await settleTeamsReassignments(tx, now);
  await tx.exec(`create temporary table stage_allocation_changes (case_id text primary key, at timestamptz not null) on commit drop`);
  await tx.query(
    `insert into stage_allocation_changes (case_id, at)
     select s.id, greatest(a.valid_from, $1::timestamptz)
     from {case} s
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
     from {case} s join stage_allocation_changes c on c.case_id = s.id`,
  );
  await tx.query(
    `insert into case_allocations (case_id, unit_id, oic_id, valid_from, source)
     select s.id, s.unit_id, s.oic_id, '-infinity', 'import'
     from {case} s
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

const IMPORTED_TABLES = [
  'units',
  'unit_closure',
  'people',
  'cases',
  'case_allocations',
  'victims',
  'needs_assessments',
  'contacts',
  'decisions',
];

/**
 * The planner needs row counts after a large import (PGlite runs no autovacuum). After the commit, one
 * table per statement: other queries run in between.
 */
export async function refreshStatistics(db: Db): Promise<void> {
  for (const table of IMPORTED_TABLES) await db.exec(`analyze ${table}`);
}

/** One audit entry per import: counts only, never record contents. */
export async function auditImport(tx: Db, options: { now: Date; lines: number; counts: Record<string, number> }): Promise<void> {
  await tx.query(
    `insert into audit_log (at, actor_id, action, subject, details) values ($1, null, 'records.imported', 'records', $2::jsonb)`,
    [options.now.toISOString(), JSON.stringify({ lines: options.lines, counts: options.counts })],
  );
}
