import type { Policy } from '../domain/policy.js';
import type { DigestItem } from '../domain/types.js';
import type { Db } from './db.js';
import { digestItemsSql, evaluationParams, figuresSql } from './evaluation-sql.js';
import { NO_COUNTS, toDigestItem, type CountsRow, type ItemRow } from './query-rows.js';

/**
 * An officer's cases split by the viewer's scope: those allocated (at the instant) inside the subtree of
 * `$7` and those elsewhere. An officer who moved teams keeps their old cases, and a case of another team
 * can be allocated to them; a supervisor sees the officer's cases in their own team and is told how many
 * others there are, never their crime references or figures. One evaluation gives both sides.
 */
const BY_SCOPE = {
  groupKey: `(inside.descendant_id is not null)::text`,
  joins: 'left join unit_closure inside on inside.ancestor_id = $7::text and inside.descendant_id = j.unit_id',
};

const INSIDE = 'true';

export type Counts = Omit<CountsRow, 'group_id'>;

export async function officerCountsWithin(
  db: Db,
  policy: Policy,
  personId: string,
  at: Date,
  withinUnitId: string,
): Promise<{ inside: Counts; outside: Counts }> {
  const rows = await db.query<CountsRow>(figuresSql('officer', BY_SCOPE), [...evaluationParams(at, policy, personId), withinUnitId]);
  return {
    inside: rows.find((row) => row.group_id === INSIDE) ?? NO_COUNTS,
    outside: rows.find((row) => row.group_id !== INSIDE) ?? NO_COUNTS,
  };
}

export async function officerItemsWithin(
  db: Db,
  policy: Policy,
  personId: string,
  at: Date,
  withinUnitId: string,
): Promise<{ inside: DigestItem[]; outsideCount: number }> {
  const rows = await db.query<ItemRow>(digestItemsSql('officer', BY_SCOPE), [...evaluationParams(at, policy, personId), withinUnitId]);
  return {
    inside: rows.filter((row) => row.group_id === INSIDE).map(toDigestItem),
    outsideCount: rows.filter((row) => row.group_id !== INSIDE).length,
  };
}
