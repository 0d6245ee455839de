import type { LocalDate } from '../domain/types.js';
import type { Db } from './db.js';

export interface Acknowledgement {
  itemRef: string;
  personId: string;
  /** As people know them, e.g. "PS 1234 Smith"; the id when the person is no longer in the records. */
  personName: string;
  at: Date;
  note: string | null;
  plannedOn: LocalDate | null;
}

export interface AcknowledgeInput {
  itemRef: string;
  personId: string;
  at: Date;
  note: string | null;
  plannedOn: LocalDate | null;
  /** The case the item belongs to: the audit entry's subject. */
  caseId: string;
}

const SELECT = `select a.item_ref as "itemRef", a.person_id as "personId", coalesce(p.name, a.person_id) as "personName",
                       a.at, a.note, a.planned_on::text as "plannedOn"
                from acknowledgements a left join people p on p.id = a.person_id`;

interface Row extends Omit<Acknowledgement, 'at'> {
  at: Date | string;
}

/** Acknowledgements of digest items: at most one per item, written together with its audit entry. */
export class AcknowledgementStore {
  constructor(private readonly db: Db) {}

  async forRefs(refs: readonly string[]): Promise<Map<string, Acknowledgement>> {
    if (refs.length === 0) return new Map();
    const rows = await this.db.query<Row>(`${SELECT} where a.item_ref = any($1::text[])`, [[...refs]]);
    return new Map(rows.map((row) => [row.itemRef, toAcknowledgement(row)]));
  }

  /**
   * Records the acknowledgement unless the item already has one. `created` is false for a repeat (a
   * double tap, or someone else got there first): nothing is written and the first one is answered.
   */
  async acknowledge(input: AcknowledgeInput): Promise<{ created: boolean; acknowledgement: Acknowledgement }> {
    return this.db.transaction(async (tx) => {
      const inserted = await tx.query(
        `insert into acknowledgements (item_ref, person_id, at, note, planned_on)
         values ($1, $2, $3, $4, $5::date)
         on conflict (item_ref) do nothing
         returning id`,
        [input.itemRef, input.personId, input.at, input.note, input.plannedOn],
      );
      const created = inserted.length === 1;
      if (created) {
        await tx.query(
          `insert into audit_log (at, actor_id, action, subject, details) values ($1, $2, 'item.acknowledged', $3, $4::jsonb)`,
          [
            input.at,
            input.personId,
            `case:${input.caseId}`,
            JSON.stringify({ itemRef: input.itemRef, hasNote: input.note !== null, plannedOn: input.plannedOn }),
          ],
        );
      }
      const [row] = await tx.query<Row>(`${SELECT} where a.item_ref = $1`, [input.itemRef]);
      if (!row) throw new Error(`the acknowledgement of item ${input.itemRef} was neither written nor found`);
      return { created, acknowledgement: toAcknowledgement(row) };
    });
  }
}

function toAcknowledgement(row: Row): Acknowledgement {
  return { ...row, at: new Date(row.at) };
}
