import { itemRef } from '../domain/digest.js';
import type { DigestItem, DigestItemKind, LocalDate } from '../domain/types.js';
import type { Db } from './db.js';

/** What an opaque item ref on a card stands for; only the server ever sees the victim id. */
export interface StoredItemRef {
  ref: string;
  kind: DigestItemKind;
  victimId: string;
  /**
   * The victim's case now: a victim the records system moved to another case is acted on there (owner,
   * scope, audit), not on the case they were first seen on.
   */
  caseId: string;
  dueDate: LocalDate;
  /** The key decision of a decision-update item; null on every other kind. */
  decisionId: string | null;
  /** The unit that owned the case when the ref was first put on a card. */
  unitId: string;
}

/**
 * Remembers every item put on a card, so that a button press can be resolved from the ref alone and a
 * ref that was never on one of our cards (forged, or from another deployment) is recognised as such.
 */
export class ItemRefStore {
  constructor(private readonly db: Db) {}

  /** Refs already known are left as they are: the first card an item appeared on is kept. */
  async record(items: readonly DigestItem[], at: Date): Promise<void> {
    if (items.length === 0) return;
    await this.db.query(
      `insert into digest_item_refs (ref, kind, victim_id, case_id, due_date, decision_id, unit_id, first_seen_at)
       select i.ref, i.kind, i.victim_id, i.case_id, i.due_date::date, i.decision_id, ca.unit_id, $7
       from unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[])
         as i(ref, kind, victim_id, case_id, due_date, decision_id)
       join case_allocations ca on ca.case_id = i.case_id and ca.valid_to = 'infinity'
       on conflict (ref) do nothing`,
      [
        items.map(itemRef),
        items.map((i) => i.kind),
        items.map((i) => i.victimId),
        items.map((i) => i.caseId),
        items.map((i) => i.dueDate),
        items.map((i) => i.decisionId ?? null),
        at,
      ],
    );
  }

  async find(ref: string): Promise<StoredItemRef | null> {
    const [row] = await this.db.query<StoredItemRef>(
      `select r.ref, r.kind, r.victim_id as "victimId", coalesce(v.case_id, r.case_id) as "caseId", ` +
        `r.due_date::text as "dueDate", r.decision_id as "decisionId", r.unit_id as "unitId"
       from digest_item_refs r left join victims v on v.id = r.victim_id
       where r.ref = $1`,
      [ref],
    );
    return row ?? null;
  }
}
