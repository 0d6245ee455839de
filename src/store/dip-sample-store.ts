import type { DipQuestion } from '../domain/dip-policy.js';
import type { DipCandidate } from '../domain/dip-sample.js';
import type { Db } from './db.js';

/** A month's sample of one unit as stored when first drawn (migration 220). */
export interface StoredDipSample {
  unitId: string;
  period: string;
  asOf: Date;
  drawnAt: Date;
  questions: DipQuestion[];
  cases: StoredDipCase[];
}

export interface StoredDipCase {
  caseId: string;
  category: string;
  oic: { id: string; name: string };
  /** The case's closing instant, when it closed at or before the draw. */
  closedAt: Date | null;
  /** How far its audit has got. */
  audit: { answered: number; submittedAt: Date | null };
}

interface SampleRow {
  unit_id: string;
  period: string;
  as_of: Date | string;
  drawn_at: Date | string;
  questions: DipQuestion[] | string;
}

interface CaseRow {
  unit_id: string;
  period: string;
  case_id: string;
  category: string;
  oic_id: string;
  oic_name: string | null;
  closed_at: Date | string | null;
  answered: number;
  submitted_at: Date | string | null;
}

/** Dip samples: the pool at the draw, the look-back, and the samples themselves (stored once, never redrawn). */
export class DipSampleStore {
  constructor(private readonly db: Db) {}

  /** Cases held by one of `unitIds` at `asOf`: live then, or closed after `closedSince`. */
  async candidates(unitIds: readonly string[], asOf: Date, closedSince: Date): Promise<DipCandidate[]> {
    const rows = await this.db.query<{ case_id: string; category: string; unit_id: string; oic_id: string }>(
      `select c.id as case_id, c.category, a.unit_id, a.oic_id
       from case_allocations a
       join cases c on c.id = a.case_id
       where a.unit_id = any($1::text[]) and a.valid_from <= $2::timestamptz and $2::timestamptz < a.valid_to
         and c.recorded_at <= $2::timestamptz and (c.closed_at is null or c.closed_at > $3::timestamptz)
       order by c.id`,
      [unitIds, asOf.toISOString(), closedSince.toISOString()],
    );
    return rows.map((row) => ({ caseId: row.case_id, category: row.category, unitId: row.unit_id, oicId: row.oic_id }));
  }

  /** Cases drawn in any month from `from` to `to` (`YYYY-MM`, inclusive) other than `except`. */
  async drawnBetween(from: string, to: string, except: string): Promise<Set<string>> {
    const rows = await this.db.query<{ case_id: string }>(
      `select distinct case_id from dip_sample_cases where period between $1 and $2 and period <> $3`,
      [from, to, except],
    );
    return new Set(rows.map((row) => row.case_id));
  }

  /** The stored samples of these units for the month, with each case's OIC name and audit progress. */
  async find(unitIds: readonly string[], period: string): Promise<StoredDipSample[]> {
    const samples = await this.db.query<SampleRow>(
      `select unit_id, period, as_of, drawn_at, questions
       from dip_samples where unit_id = any($1::text[]) and period = $2 order by unit_id`,
      [unitIds, period],
    );
    if (samples.length === 0) return [];
    const cases = await this.db.query<CaseRow>(
      `select s.unit_id, s.period, s.case_id, s.category, s.oic_id, p.name as oic_name, c.closed_at,
         (select count(*)::int from dip_answers an
          where an.unit_id = s.unit_id and an.period = s.period and an.case_id = s.case_id and an.answer is not null) as answered,
         au.submitted_at
       from dip_sample_cases s
       left join people p on p.id = s.oic_id
       left join cases c on c.id = s.case_id and c.closed_at <= (select d.as_of from dip_samples d
         where d.unit_id = s.unit_id and d.period = s.period)
       left join dip_audits au on au.unit_id = s.unit_id and au.period = s.period and au.case_id = s.case_id
       where s.unit_id = any($1::text[]) and s.period = $2
       order by s.unit_id, s.position`,
      [unitIds, period],
    );
    return samples.map((row) => ({
      unitId: row.unit_id,
      period: row.period,
      asOf: new Date(row.as_of),
      drawnAt: new Date(row.drawn_at),
      questions: typeof row.questions === 'string' ? (JSON.parse(row.questions) as DipQuestion[]) : row.questions,
      cases: cases.filter((c) => c.unit_id === row.unit_id).map(toCase),
    }));
  }

  /**
   * Stores a drawn sample unless one is there already (another request or replica drew it first): the
   * first one stored is the sample, and it is never drawn again. True when this call stored it.
   */
  async saveIfAbsent(sample: {
    unitId: string;
    period: string;
    asOf: Date;
    drawnAt: Date;
    questions: readonly DipQuestion[];
    cases: readonly DipCandidate[];
  }): Promise<boolean> {
    return this.db.transaction(async (tx) => {
      const inserted = await tx.query(
        `insert into dip_samples (unit_id, period, as_of, drawn_at, questions) values ($1, $2, $3, $4, $5::jsonb)
         on conflict (unit_id, period) do nothing returning unit_id`,
        [sample.unitId, sample.period, sample.asOf.toISOString(), sample.drawnAt.toISOString(), JSON.stringify(sample.questions)],
      );
      if (inserted.length === 0) return false;
      if (sample.cases.length > 0) {
        await tx.query(
          `insert into dip_sample_cases (unit_id, period, position, case_id, category, oic_id)
           select $1, $2, position, case_id, category, oic_id
           from unnest($3::int[], $4::text[], $5::text[], $6::text[]) as x(position, case_id, category, oic_id)`,
          [
            sample.unitId,
            sample.period,
            sample.cases.map((_, i) => i + 1),
            sample.cases.map((c) => c.caseId),
            sample.cases.map((c) => c.category),
            sample.cases.map((c) => c.oicId),
          ],
        );
      }
      return true;
    });
  }
}

function toCase(row: CaseRow): StoredDipCase {
  return {
    caseId: row.case_id,
    category: row.category,
    oic: { id: row.oic_id, name: row.oic_name ?? row.oic_id },
    closedAt: row.closed_at === null ? null : new Date(row.closed_at),
    audit: { answered: row.answered, submittedAt: row.submitted_at === null ? null : new Date(row.submitted_at) },
  };
}
