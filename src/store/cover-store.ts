import type { LocalDate } from '../domain/types.js';
import type { Db } from './db.js';

/** A person's time away and their deputy, as set in chat ("away until 30 Nov", "deputy PS 2345"). */
export interface PersonCover {
  personId: string;
  /** Away through this local date (inclusive); null when not away. */
  awayUntil: LocalDate | null;
  /** Who gets their team's digest while they are away; null: the inspector of the command. */
  deputyId: string | null;
}

/**
 * The `person_cover` table: one row per person who ever set either. Stored, not held in memory, so every
 * replica and a restarted process sends the cover digest to the same person.
 */
export class CoverStore {
  constructor(private readonly db: Db) {}

  async coverOf(personId: string): Promise<PersonCover> {
    const [row] = await this.db.query<PersonCover>(
      `select person_id as "personId", to_char(away_until, 'YYYY-MM-DD') as "awayUntil", deputy_id as "deputyId"
       from person_cover where person_id = $1`,
      [personId],
    );
    return row ?? { personId, awayUntil: null, deputyId: null };
  }

  /** `null`: back (not away). */
  async setAwayUntil(personId: string, awayUntil: LocalDate | null): Promise<void> {
    await this.db.query(
      `insert into person_cover (person_id, away_until) values ($1, $2::date)
       on conflict (person_id) do update set away_until = excluded.away_until, updated_at = now()`,
      [personId, awayUntil],
    );
  }

  /** `null`: no deputy (the inspector of the command covers). */
  async setDeputy(personId: string, deputyId: string | null): Promise<void> {
    await this.db.query(
      `insert into person_cover (person_id, deputy_id) values ($1, $2)
       on conflict (person_id) do update set deputy_id = excluded.deputy_id, updated_at = now()`,
      [personId, deputyId],
    );
  }
}
