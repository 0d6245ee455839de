import { appendAudit } from './audit-log.js';
import type { Db } from './db.js';

/** A delegate for a unit's dip audits (migration 230). */
export interface DipDelegation {
  unitId: string;
  delegateId: string;
  namedBy: string;
  namedAt: Date;
}

interface DelegationRow {
  unit_id: string;
  delegate_id: string;
  named_by: string;
  named_at: Date | string;
}

/** Who audits a unit's dip samples for its inspector: one delegate per unit, each change audited with it. */
export class DipDelegateStore {
  constructor(private readonly db: Db) {}

  async delegateOf(unitId: string): Promise<DipDelegation | null> {
    const [row] = await this.db.query<DelegationRow>(`select * from dip_delegates where unit_id = $1`, [unitId]);
    return row ? toDelegation(row) : null;
  }

  /** The units this person audits as a delegate, by unit id. */
  async delegatedTo(personId: string): Promise<DipDelegation[]> {
    const rows = await this.db.query<DelegationRow>(`select * from dip_delegates where delegate_id = $1 order by unit_id`, [personId]);
    return rows.map(toDelegation);
  }

  /**
   * Names `delegateId` for the unit (replacing any other), or with null removes the delegate; in one
   * transaction with its audit entry. Returns the delegate there was before (null: none).
   */
  async set(input: { unitId: string; delegateId: string | null; actorId: string; at: Date }): Promise<string | null> {
    const { unitId, delegateId, actorId, at } = input;
    return this.db.transaction(async (tx) => {
      const [before] = await tx.query<{ delegate_id: string }>(`select delegate_id from dip_delegates where unit_id = $1 for update`, [
        unitId,
      ]);
      const previous = before?.delegate_id ?? null;
      if (delegateId === null) {
        await tx.query(`delete from dip_delegates where unit_id = $1`, [unitId]);
      } else {
        await tx.query(
          `insert into dip_delegates (unit_id, delegate_id, named_by, named_at) values ($1, $2, $3, $4)
           on conflict (unit_id) do update
             set delegate_id = excluded.delegate_id, named_by = excluded.named_by, named_at = excluded.named_at`,
          [unitId, delegateId, actorId, at.toISOString()],
        );
      }
      if (previous !== delegateId) {
        await appendAudit(tx, {
          at,
          actorId,
          action: delegateId === null ? 'dip_delegate.removed' : 'dip_delegate.named',
          subject: `unit:${unitId}`,
          details: { delegateId, previousDelegateId: previous },
        });
      }
      return previous;
    });
  }
}

function toDelegation(row: DelegationRow): DipDelegation {
  return { unitId: row.unit_id, delegateId: row.delegate_id, namedBy: row.named_by, namedAt: new Date(row.named_at) };
}
