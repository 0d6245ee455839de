import { normaliseAadObjectId } from '../domain/entra-id.js';
import type { Person, Role } from '../domain/types.js';
import type { Db } from './db.js';
import { LIVE_LINK_SQL } from './teams-link-store.js';

const byName = (a: { name: string }, b: { name: string }) => a.name.localeCompare(b.name, 'en', { numeric: true });

/** People as stored (the PeopleDirectory port of src/service/compliance-queries.ts). */
export class SqlPeopleDirectory {
  constructor(private readonly db: Db) {}

  async findById(personId: string): Promise<Person | null> {
    const [row] = await this.db.query<PersonRow>(`${PERSON_SELECT} where id = $1`, [personId]);
    return row ? toPerson(row) : null;
  }

  /**
   * By the records' Entra object id, without letter case: ids are stored normalised (src/domain/entra-id.ts),
   * and so is the one asked for. A Teams user linked by address is found by their link (teams-link-store.ts).
   */
  async findByAadObjectId(aadObjectId: string): Promise<Person | null> {
    const [row] = await this.db.query<PersonRow>(`${PERSON_SELECT} where aad_object_id = $1`, [normaliseAadObjectId(aadObjectId)]);
    return row ? toPerson(row) : null;
  }

  /** People whose home unit is exactly this unit, by name. */
  async listByUnit(unitId: string): Promise<Person[]> {
    const rows = await this.db.query<PersonRow>(`${PERSON_SELECT} where unit_id = $1`, [unitId]);
    return rows.map(toPerson).sort(byName);
  }

  async listWithin(unitId: string): Promise<Person[]> {
    const rows = await this.db.query<PersonRow>(
      `${PERSON_SELECT} where unit_id in (select descendant_id from unit_closure where ancestor_id = $1)`,
      [unitId],
    );
    return rows.map(toPerson).sort(byName);
  }

  /** Everyone with a Teams id, by id, with their work email: the mock directory of `npm run playground`. */
  async listWithTeamsIds(): Promise<TeamsPerson[]> {
    const rows = await this.db.query<PersonRow & { aad_object_id: string; email: string | null }>(
      'select id, name, unit_id, role, aad_object_id, email from people where aad_object_id is not null order by id',
    );
    return rows.map((row) => ({ ...toPerson(row), aadObjectId: row.aad_object_id, email: row.email }));
  }
}

/** A person who can be reached in Teams, and their work email (never logged). */
export interface TeamsPerson extends Person {
  aadObjectId: string;
  email: string | null;
}

interface PersonRow {
  id: string;
  name: string;
  unit_id: string;
  role: Role;
  aad_object_id: string | null;
}

// A person's Entra object id is the records' one, else the one Teams reported for the user linked to them by
// address (teams-link-store.ts); findByAadObjectId looks in the records only.
const PERSON_SELECT = `select id, name, unit_id, role,
  coalesce(aad_object_id, (select l.aad_object_id from teams_links l where l.person_id = p.id and ${LIVE_LINK_SQL})) as aad_object_id
  from people p`;

function toPerson(row: PersonRow): Person {
  return { id: row.id, name: row.name, unitId: row.unit_id, role: row.role, aadObjectId: row.aad_object_id };
}
