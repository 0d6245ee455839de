import type { Db } from './db.js';

/** One line of the append-only audit log (001_compliance.sql): ids and codes, never victim details. */
export interface AuditEntry {
  at: Date;
  /** The person acting; null when the actor is not a known person (an unmapped Teams user). */
  actorId: string | null;
  /** What happened, e.g. `item.acknowledge_refused`. */
  action: string;
  /** What it happened to, e.g. `case:CR-1` or `item:<ref>`. */
  subject: string;
  details: Record<string, unknown>;
}

export async function appendAudit(db: Db, entry: AuditEntry): Promise<void> {
  await db.query(`insert into audit_log (at, actor_id, action, subject, details) values ($1, $2, $3, $4, $5::jsonb)`, [
    entry.at,
    entry.actorId,
    entry.action,
    entry.subject,
    JSON.stringify(entry.details),
  ]);
}
