import type { Db } from './db.js';

/** The outcome of the latest install through Microsoft Graph for one person (180_app_installs.sql). */
export interface AppInstallRecord {
  personId: string;
  lastAttemptAt: string;
  outcome: 'claimed' | 'installed' | 'already_installed' | 'refused' | 'failed';
  status: number | null;
  code: string | null;
  attempts: number;
}

/** What Graph is given to name a person: their Entra object id, else their user principal name or e-mail. */
export interface GraphUserKeys {
  personId: string;
  aadObjectId: string | null;
  upn: string | null;
  email: string | null;
}

const ISO = (column: string) => `to_char(${column} at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`;

export class AppInstallStore {
  constructor(private readonly db: Db) {}

  async userKeys(personIds: readonly string[]): Promise<GraphUserKeys[]> {
    if (personIds.length === 0) return [];
    return this.db.query<GraphUserKeys>(
      `select id as "personId", aad_object_id as "aadObjectId", upn, email from people where id = any($1::text[]) order by id`,
      [personIds],
    );
  }

  /**
   * Claims a try for the person unless one was made less than `intervalMs` before `now`: true when this
   * caller may call Graph. Atomic, so two replicas or triggers never both try the same person.
   */
  async claim(personId: string, now: Date, intervalMs: number): Promise<boolean> {
    const rows = await this.db.query(
      `insert into app_installs (person_id, last_attempt_at, outcome) values ($1, $2, 'claimed')
       on conflict (person_id) do update
         set last_attempt_at = excluded.last_attempt_at, outcome = 'claimed', status = null, code = null,
             attempts = app_installs.attempts + 1
         where app_installs.last_attempt_at <= $2::timestamptz - make_interval(secs => $3::double precision / 1000)
       returning person_id`,
      [personId, now, intervalMs],
    );
    return rows.length === 1;
  }

  async record(personId: string, outcome: Exclude<AppInstallRecord['outcome'], 'claimed'>, status: number | null, code: string | null) {
    await this.db.query(`update app_installs set outcome = $2, status = $3, code = $4 where person_id = $1`, [
      personId,
      outcome,
      status,
      code,
    ]);
  }

  /** People tried within `intervalMs` before `now`: not tried again yet. */
  async triedSince(now: Date, intervalMs: number): Promise<Set<string>> {
    const rows = await this.db.query<{ personId: string }>(
      `select person_id as "personId" from app_installs
       where last_attempt_at > $1::timestamptz - make_interval(secs => $2::double precision / 1000)`,
      [now, intervalMs],
    );
    return new Set(rows.map((row) => row.personId));
  }

  async all(): Promise<AppInstallRecord[]> {
    return this.db.query<AppInstallRecord>(
      `select person_id as "personId", ${ISO('last_attempt_at')} as "lastAttemptAt", outcome, status, code, attempts
       from app_installs order by person_id`,
    );
  }
}
