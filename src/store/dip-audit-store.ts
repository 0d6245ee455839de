import type { DipQuestion } from '../domain/dip-policy.js';
import type { LocalDate } from '../domain/types.js';
import { appendAudit } from './audit-log.js';
import type { Db } from './db.js';
import { evaluationParams, judgedVictims, type EvaluationPolicy } from './evaluation-sql.js';

export type DipAnswerValue = 'yes' | 'no' | 'na';

/** A case of a stored sample: which month's sample, and which unit's. */
export interface DipCaseRef {
  unitId: string;
  period: string;
  caseId: string;
}

export interface SampledCase {
  ref: DipCaseRef;
  category: string;
  oic: { id: string; name: string };
  asOf: Date;
  closedAt: Date | null;
  questions: DipQuestion[];
}

export interface StoredDipAudit {
  answers: Map<string, { answer: DipAnswerValue | null; note: string | null; at: Date }>;
  submitted: { at: Date; byId: string; byName: string } | null;
}

/** One change to an answer, as the card sent it: absent fields are left as stored. */
export interface DipAnswerChange {
  questionId: string;
  answer?: DipAnswerValue;
  /** null clears the note. */
  note?: string | null;
}

/** What the records say about one victim of the case, at the sample's instant (evaluation-sql.ts). */
export interface VictimDutyRow {
  enhanced: boolean;
  na_due_on: LocalDate;
  na_met: boolean;
  na_breach: boolean;
  update_due_on: LocalDate;
  update_suspended: boolean;
  update_breach: boolean;
  referral_applies: boolean;
  referral_met: boolean | null;
  referral_breach: boolean;
  ack_due_on: LocalDate;
  ack_met: boolean;
  ack_breach: boolean;
  decision_applies: boolean;
  decision_due_on: LocalDate | null;
  decision_breach: boolean;
  full_breach: boolean;
}

export type SaveOutcome =
  | { kind: 'saved'; changed: string[] }
  | { kind: 'submitted'; changed: string[] }
  | { kind: 'incomplete'; changed: string[]; missing: string[] }
  | { kind: 'already_submitted' };

/** The audits of sampled cases (migration 220): answers saved as they go, changeable until submitted. */
export class DipAuditStore {
  constructor(private readonly db: Db) {}

  async sampledCase(ref: DipCaseRef): Promise<SampledCase | null> {
    const [row] = await this.db.query<{
      category: string;
      oic_id: string;
      oic_name: string | null;
      as_of: Date | string;
      closed_at: Date | string | null;
      questions: DipQuestion[] | string;
    }>(
      `select s.category, s.oic_id, p.name as oic_name, d.as_of, case when c.closed_at <= d.as_of then c.closed_at end as closed_at,
         d.questions
       from dip_sample_cases s
       join dip_samples d on d.unit_id = s.unit_id and d.period = s.period
       left join people p on p.id = s.oic_id
       left join cases c on c.id = s.case_id
       where s.unit_id = $1 and s.period = $2 and s.case_id = $3`,
      [ref.unitId, ref.period, ref.caseId],
    );
    if (!row) return null;
    return {
      ref,
      category: row.category,
      oic: { id: row.oic_id, name: row.oic_name ?? row.oic_id },
      asOf: new Date(row.as_of),
      closedAt: row.closed_at === null ? null : new Date(row.closed_at),
      questions: typeof row.questions === 'string' ? (JSON.parse(row.questions) as DipQuestion[]) : row.questions,
    };
  }

  async auditOf(ref: DipCaseRef, db: Db = this.db): Promise<StoredDipAudit> {
    const answers = await db.query<{ question_id: string; answer: DipAnswerValue | null; note: string | null; answered_at: Date | string }>(
      `select question_id, answer, note, answered_at from dip_answers where unit_id = $1 and period = $2 and case_id = $3`,
      [ref.unitId, ref.period, ref.caseId],
    );
    const [audit] = await db.query<{ submitted_at: Date | string | null; submitted_by: string | null; name: string | null }>(
      `select a.submitted_at, a.submitted_by, p.name from dip_audits a left join people p on p.id = a.submitted_by
       where a.unit_id = $1 and a.period = $2 and a.case_id = $3`,
      [ref.unitId, ref.period, ref.caseId],
    );
    return {
      answers: new Map(answers.map((a) => [a.question_id, { answer: a.answer, note: a.note, at: new Date(a.answered_at) }])),
      submitted:
        audit?.submitted_at && audit.submitted_by
          ? { at: new Date(audit.submitted_at), byId: audit.submitted_by, byName: audit.name ?? audit.submitted_by }
          : null,
    };
  }

  /**
   * Saves the changed answers and, with `submit`, submits the audit when every question is answered; each
   * in one transaction with its audit-log entry (ids, answers and whether a note changed: never a note's words).
   */
  async save(input: {
    ref: DipCaseRef;
    actorId: string;
    at: Date;
    questionIds: readonly string[];
    changes: readonly DipAnswerChange[];
    submit: boolean;
  }): Promise<SaveOutcome> {
    const { ref, actorId, at } = input;
    const key = [ref.unitId, ref.period, ref.caseId];
    return this.db.transaction(async (tx) => {
      await tx.query(
        `insert into dip_audits (unit_id, period, case_id, started_by, started_at) values ($1, $2, $3, $4, $5)
         on conflict (unit_id, period, case_id) do nothing`,
        [...key, actorId, at],
      );
      // The row lock orders two saves of one audit (two replicas, a double tap): the second sees the first.
      const [locked] = await tx.query<{ submitted_at: Date | null }>(
        `select submitted_at from dip_audits where unit_id = $1 and period = $2 and case_id = $3 for update`,
        key,
      );
      if (locked?.submitted_at) return { kind: 'already_submitted' };
      const stored = (await this.auditOf(ref, tx)).answers;
      const changed: { questionId: string; answer: DipAnswerValue | null; note: string | null; noteChanged: boolean }[] = [];
      for (const change of input.changes) {
        const before = stored.get(change.questionId);
        const answer = change.answer ?? before?.answer ?? null;
        const note = change.note === undefined ? (before?.note ?? null) : change.note;
        if (answer === (before?.answer ?? null) && note === (before?.note ?? null)) continue;
        changed.push({ questionId: change.questionId, answer, note, noteChanged: note !== (before?.note ?? null) });
      }
      for (const c of changed) {
        await tx.query(
          `insert into dip_answers (unit_id, period, case_id, question_id, answer, note, answered_by, answered_at)
           values ($1, $2, $3, $4, $5, $6, $7, $8)
           on conflict (unit_id, period, case_id, question_id)
           do update set answer = excluded.answer, note = excluded.note,
             answered_by = excluded.answered_by, answered_at = excluded.answered_at`,
          [...key, c.questionId, c.answer, c.note, actorId, at],
        );
      }
      const subject = `case:${ref.caseId}`;
      const base = { unitId: ref.unitId, period: ref.period };
      if (changed.length > 0) {
        const answers = changed.map((c) => ({ questionId: c.questionId, answer: c.answer, noteChanged: c.noteChanged }));
        await appendAudit(tx, { at, actorId, action: 'dip_audit.answers_saved', subject, details: { ...base, answers } });
      }
      const ids = changed.map((c) => c.questionId);
      if (!input.submit) return { kind: 'saved', changed: ids };
      const answered = new Set([...stored].filter(([, a]) => a.answer !== null).map(([id]) => id));
      for (const c of changed) if (c.answer !== null) answered.add(c.questionId);
      const missing = input.questionIds.filter((id) => !answered.has(id));
      if (missing.length > 0) return { kind: 'incomplete', changed: ids, missing };
      await tx.query(`update dip_audits set submitted_by = $4, submitted_at = $5 where unit_id = $1 and period = $2 and case_id = $3`, [
        ...key,
        actorId,
        at,
      ]);
      await appendAudit(tx, { at, actorId, action: 'dip_audit.submitted', subject, details: base });
      return { kind: 'submitted', changed: ids };
    });
  }

  /** The answers of the submitted audits of these units' samples for the month. */
  async submittedAnswers(
    unitIds: readonly string[],
    period: string,
  ): Promise<{ caseId: string; questionId: string; answer: DipAnswerValue }[]> {
    const rows = await this.db.query<{ case_id: string; question_id: string; answer: DipAnswerValue }>(
      `select an.case_id, an.question_id, an.answer
       from dip_audits au
       join dip_answers an on an.unit_id = au.unit_id and an.period = au.period and an.case_id = au.case_id
       where au.unit_id = any($1::text[]) and au.period = $2 and au.submitted_at is not null and an.answer is not null
       order by an.case_id, an.question_id`,
      [unitIds, period],
    );
    return rows.map((row) => ({ caseId: row.case_id, questionId: row.question_id, answer: row.answer }));
  }

  /** Each victim of the case as the records judge them at `at` (live then), in no particular order. */
  async dutiesAt(caseId: string, at: Date, policy: EvaluationPolicy): Promise<VictimDutyRow[]> {
    const only = 'select dv.id from victims dv where dv.case_id = $6::text';
    return this.db.query<VictimDutyRow>(
      `${judgedVictims('all', { onlyVictims: only })}
       select j.enhanced, j.na_due_on::text as na_due_on, j.na_met, j.na_breach, j.update_due_on::text as update_due_on,
         j.update_suspended, j.update_breach, j.referral_applies, j.referral_met, j.referral_breach, j.ack_due_on::text as ack_due_on,
         j.ack_met, j.ack_breach, j.decision_applies, j.decision_due_on::text as decision_due_on, j.decision_breach, j.full_breach
       from judged j order by j.enhanced desc, j.victim_id`,
      [...evaluationParams(at, policy), caseId],
    );
  }
}
