import type { Db } from './db.js';

/**
 * How an import meets a reassignment made in Teams that the records system has not yet confirmed (the
 * rule is in docs/ARCHITECTURE.md, "A Teams reassignment and a later extract"):
 * - the extract shows the new owner: the reassignment is confirmed and nothing changes;
 * - the extract still shows the owner the case was moved from: a stale extract. The Teams reassignment
 *   stands (`teams_reassignment_kept`);
 * - the extract shows a third owner: a newer decision in the records system, which wins
 *   (`records_system_newer`).
 * Both conflicts are reported in the import's answer, in the audit log, and to the supervisor who
 * reassigned (a notice the bot delivers). Runs in the import's transaction, before allocations merge.
 */
export type ConflictResolution = 'teams_reassignment_kept' | 'records_system_newer';

export interface AllocationConflict {
  caseId: string;
  resolution: ConflictResolution;
  /** The owner the extract carries. */
  extract: { unitId: string; oicId: string };
  /** The Teams reassignment: the owner it moved the case from and to, who made it and when. */
  reassignment: {
    changeId: number;
    at: string;
    by: string;
    from: { unitId: string; oicId: string };
    to: { unitId: string; oicId: string };
  };
}

/** Cases whose allocation the merge must leave as it is (stale extract vs. Teams reassignment). */
export const KEPT_ALLOCATIONS_TABLE = 'stage_allocations_kept';

interface ConflictRow {
  case_id: string;
  extract_unit_id: string;
  extract_oic_id: string;
  change_id: string | number;
  at: Date | string;
  changed_by: string;
  from_unit_id: string;
  from_oic_id: string;
  to_unit_id: string;
  to_oic_id: string;
}

/**
 * Runs on the merge's staged statements (`{case}` names this import's staged cases, import-merge.ts).
 * Confirms the reassignments the extract agrees with, finds the conflicts, records the kept cases in
 * KEPT_ALLOCATIONS_TABLE for the merge to skip, and audits and notifies each conflict.
 */
export async function settleTeamsReassignments(tx: Pick<Db, 'query' | 'exec'>, now: Date): Promise<AllocationConflict[]> {
  const unconfirmed =
    "case_allocations a on a.case_id = s.id and a.valid_to = 'infinity' and a.source = 'reassign' and a.confirmed_at is null";
  await tx.query(
    `update case_allocations a set confirmed_at = $1 from {case} s where a.case_id = s.id and a.valid_to = 'infinity'
    and a.source = 'reassign' and a.confirmed_at is null and a.unit_id = s.unit_id and a.oic_id = s.oic_id`,
    [now.toISOString()],
  );
  const rows = await tx.query<ConflictRow>(
    `select s.id as case_id, s.unit_id as extract_unit_id, s.oic_id as extract_oic_id, ch.id as change_id, ch.at,
       ch.changed_by, ch.from_unit_id, ch.from_oic_id, ch.to_unit_id, ch.to_oic_id
     from {case} s
     join ${unconfirmed}
     join lateral (select * from allocation_changes c where c.case_id = s.id order by c.position desc limit 1) ch on true
     where a.unit_id <> s.unit_id or a.oic_id <> s.oic_id
     order by s.id`,
  );
  const conflicts = rows.map(toConflict);
  await tx.exec(`create temporary table ${KEPT_ALLOCATIONS_TABLE} (case_id text primary key) on commit drop`);
  const kept = conflicts.filter((c) => c.resolution === 'teams_reassignment_kept').map((c) => c.caseId);
  if (kept.length > 0) await tx.query(`insert into ${KEPT_ALLOCATIONS_TABLE} (case_id) select unnest($1::text[])`, [kept]);
  if (conflicts.length > 0) await recordConflicts(tx, conflicts, now);
  return conflicts;
}

function toConflict(row: ConflictRow): AllocationConflict {
  const stale = row.extract_unit_id === row.from_unit_id && row.extract_oic_id === row.from_oic_id;
  return {
    caseId: row.case_id,
    resolution: stale ? 'teams_reassignment_kept' : 'records_system_newer',
    extract: { unitId: row.extract_unit_id, oicId: row.extract_oic_id },
    reassignment: {
      changeId: Number(row.change_id),
      at: new Date(row.at).toISOString(),
      by: row.changed_by,
      from: { unitId: row.from_unit_id, oicId: row.from_oic_id },
      to: { unitId: row.to_unit_id, oicId: row.to_oic_id },
    },
  };
}

/** One audit entry per conflict, and one notice per Teams change and resolution to whoever made it. */
async function recordConflicts(tx: Pick<Db, 'query'>, conflicts: readonly AllocationConflict[], now: Date): Promise<void> {
  const details = conflicts.map((c) => JSON.stringify(c));
  await tx.query(
    `insert into audit_log (at, actor_id, action, subject, details)
     select $1, null, 'case.allocation_conflict', 'case:' || (d::jsonb ->> 'caseId'), d::jsonb from unnest($2::text[]) as d`,
    [now.toISOString(), details],
  );
  await tx.query(
    `insert into notices (person_id, kind, details, dedupe_key, created_at)
     select d::jsonb #>> '{reassignment,by}', 'allocation_conflict', d::jsonb,
       'allocation_conflict:' || (d::jsonb #>> '{reassignment,changeId}') || ':' || (d::jsonb ->> 'resolution'), $1
     from unnest($2::text[]) as d
     on conflict (dedupe_key) do nothing`,
    [now.toISOString(), details],
  );
}
