import { readFeedPage, takeFeedPosition, type FeedCursor } from './allocation-feed.js';
import type { Db } from './db.js';

/** Who owns a case now: the row of case_allocations valid at "infinity". */
export interface CurrentAllocation {
  caseId: string;
  unitId: string;
  oicId: string;
  /** Null for an allocation held since before the records begin (`-infinity`). */
  validFrom: Date | null;
}

/** One reassignment as the records system applies it. */
export interface AllocationChange {
  /** Increasing: the order the changes were made in (the feed pages by commit order, see allocation-feed.ts). */
  id: number;
  at: string;
  caseId: string;
  from: { unitId: string; oicId: string };
  to: { unitId: string; oicId: string };
  changedBy: string;
  reason: string;
}

export interface ReassignInput {
  caseId: string;
  /** The OIC the decision was taken against: if the case moved meanwhile, nothing changes. */
  expectedOicId: string;
  toOicId: string;
  toUnitId: string;
  changedBy: string;
  reason: string;
  at: Date;
  /** The digest item the reassignment was made from, for the audit entry. */
  itemRef: string;
}

export type ReassignOutcome =
  | { kind: 'reassigned'; change: AllocationChange }
  | { kind: 'changed_meanwhile'; current: CurrentAllocation | null };

interface ChangeRow {
  id: string | number;
  position: string | number;
  at: Date | string;
  case_id: string;
  from_unit_id: string;
  from_oic_id: string;
  to_unit_id: string;
  to_oic_id: string;
  changed_by: string;
  reason: string;
}

/**
 * Allocation changes made in Teams. History is kept: the current row is closed at the change's instant
 * and a new one opened, so figures at an earlier instant still see the old OIC. Each change is also
 * appended to the feed the records system reads, and to the audit log, in the same transaction.
 */
export class AllocationStore {
  constructor(private readonly db: Db) {}

  async current(caseId: string): Promise<CurrentAllocation | null> {
    return currentAllocation(this.db, caseId, false);
  }

  async reassign(input: ReassignInput): Promise<ReassignOutcome> {
    return this.db.transaction(async (tx) => {
      const current = await currentAllocation(tx, input.caseId, true);
      if (!current || current.oicId !== input.expectedOicId) return { kind: 'changed_meanwhile', current };
      // An import may have opened the current row after the injected "now"; history must not overlap.
      const at = current.validFrom && current.validFrom > input.at ? current.validFrom : input.at;
      await tx.query(`update case_allocations set valid_to = $2 where case_id = $1 and valid_to = 'infinity'`, [input.caseId, at]);
      await tx.query(
        `insert into case_allocations (case_id, unit_id, oic_id, valid_from, source, changed_by, reason)
         values ($1, $2, $3, $4, 'reassign', $5, $6)`,
        [input.caseId, input.toUnitId, input.toOicId, at, input.changedBy, input.reason],
      );
      // Taken last but one: the counter's lock is held from here until commit (allocation-feed.ts).
      const position = await takeFeedPosition(tx);
      const [row] = await tx.query<ChangeRow>(
        `insert into allocation_changes (at, case_id, from_unit_id, from_oic_id, to_unit_id, to_oic_id, changed_by, reason, position)
         values ($1, $2, $3, $4, $5, $6, $7, $8, $9)
         returning ${CHANGE_COLUMNS}`,
        [at, input.caseId, current.unitId, current.oicId, input.toUnitId, input.toOicId, input.changedBy, input.reason, position],
      );
      if (!row) throw new Error(`the allocation change of case ${input.caseId} was not recorded`);
      const change = toChange(row);
      await tx.query(`insert into audit_log (at, actor_id, action, subject, details) values ($1, $2, 'case.reassigned', $3, $4::jsonb)`, [
        at,
        input.changedBy,
        `case:${input.caseId}`,
        JSON.stringify({ itemRef: input.itemRef, changeId: change.id, from: change.from, to: change.to, reason: input.reason }),
      ]);
      return { kind: 'reassigned', change };
    });
  }

  /**
   * The changes after the cursor, in commit order, at most `limit`: a reader that asks again after
   * `next` misses none and gets none twice, whatever the replicas' clocks say (allocation-feed.ts).
   */
  async changesAfter(cursor: FeedCursor, limit = 1000): Promise<{ changes: AllocationChange[]; next: number; complete: boolean }> {
    const page = await readFeedPage<ChangeRow>(this.db, CHANGE_COLUMNS, cursor, limit);
    return { changes: page.rows.map(toChange), next: page.next, complete: page.complete };
  }
}

const CHANGE_COLUMNS = 'id, position, at, case_id, from_unit_id, from_oic_id, to_unit_id, to_oic_id, changed_by, reason';

async function currentAllocation(db: Db, caseId: string, lock: boolean): Promise<CurrentAllocation | null> {
  const [row] = await db.query<{ case_id: string; unit_id: string; oic_id: string; valid_from: Date | string | null }>(
    `select case_id, unit_id, oic_id, nullif(valid_from, '-infinity') as valid_from from case_allocations
     where case_id = $1 and valid_to = 'infinity'${lock ? ' for update' : ''}`,
    [caseId],
  );
  return row
    ? { caseId: row.case_id, unitId: row.unit_id, oicId: row.oic_id, validFrom: row.valid_from === null ? null : new Date(row.valid_from) }
    : null;
}

function toChange(row: ChangeRow): AllocationChange {
  return {
    id: Number(row.id),
    at: new Date(row.at).toISOString(),
    caseId: row.case_id,
    from: { unitId: row.from_unit_id, oicId: row.from_oic_id },
    to: { unitId: row.to_unit_id, oicId: row.to_oic_id },
    changedBy: row.changed_by,
    reason: row.reason,
  };
}
