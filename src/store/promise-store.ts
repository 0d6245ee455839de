import { countPromises } from '../domain/figures.js';
import { promiseState, type PromiseEvaluation, type PromiseState } from '../domain/promises.js';
import type { DigestItemKind, LocalDate, PromiseCounts } from '../domain/types.js';
import type { Db } from './db.js';
import { evaluationParams, judgedVictims, type EvaluationPolicy, type EvaluationScope } from './evaluation-sql.js';

/** An acknowledgement with a planned date, in scope at t, with its state at t (src/domain/promises.ts). */
export interface StoredPromise {
  itemRef: string;
  /** The kind and deadline of the item acknowledged. */
  kind: DigestItemKind;
  dueDate: LocalDate;
  /** The key decision of a decision-update promise. */
  decisionId?: string;
  victimId: string;
  caseId: string;
  plannedOn: LocalDate;
  acknowledgedAt: Date;
  /** Who acknowledged, as people know them; the id when the person is no longer in the records. */
  personName: string;
  /** The case's allocation at t. */
  unitId: string;
  oicId: string;
  state: PromiseState;
}

/** Victims with an acknowledgement that carries a planned date, given at or before t ($1). */
const PROMISED_VICTIMS = `select r.victim_id from acknowledgements ack join digest_item_refs r on r.ref = ack.item_ref
  where ack.planned_on is not null and ack.at <= $1::timestamptz`;

const SCOPES = {
  /** $6: unit ids whose subtrees hold the case at t. */
  subtrees: 'and pa.unit_id in (select uc.descendant_id from unit_closure uc where uc.ancestor_id = any($6::text[]))',
  /** $6: the OIC at t. */
  officer: 'and pa.oic_id = $6::text',
  /** $6: the OIC at t; $7: the unit whose subtree holds the case at t. */
  officerWithin:
    'and pa.oic_id = $6::text and pa.unit_id in (select uc.descendant_id from unit_closure uc where uc.ancestor_id = $7::text)',
};

/**
 * Every promise whose case is allocated in scope at t (closed cases too: they are GREY), joined to the
 * evaluation of its victim at t. The evaluation covers only the victims with a promise, so this costs
 * a handful of rows, not the subtree's whole population. A victim with no row in `judged` is not in the
 * population at t.
 */
function promisesSql(evaluation: EvaluationScope, scope: keyof typeof SCOPES): string {
  return `${judgedVictims(evaluation, { onlyVictims: PROMISED_VICTIMS })},
promised as (
  select ack.item_ref, r.kind, r.due_date, r.decision_id, r.victim_id, v.case_id, ack.planned_on, ack.at,
    coalesce(p.name, ack.person_id) as person_name, pa.unit_id, pa.oic_id
  from acknowledgements ack
  join digest_item_refs r on r.ref = ack.item_ref
  join victims v on v.id = r.victim_id
  join case_allocations pa on pa.case_id = v.case_id and pa.valid_from <= $1::timestamptz and $1::timestamptz < pa.valid_to
  left join people p on p.id = ack.person_id
  where ack.planned_on is not null and ack.at <= $1::timestamptz
    ${SCOPES[scope]}
)
select pr.item_ref, pr.kind, pr.due_date::text as due_date, pr.victim_id, pr.case_id, pr.planned_on::text as planned_on,
  pr.at as acknowledged_at, pr.person_name, pr.unit_id, pr.oic_id,
  j.victim_id is not null as in_population, j.today::text as today, j.na_met, j.na_breach,
  j.update_due_on::text as update_due_on, j.update_suspended, j.update_breach,
  pr.decision_id, j.referral_applies, j.referral_met, j.ack_met,
  exists (select 1 from contacts ct where ct.victim_id = pr.victim_id and ct.decision_id = pr.decision_id
    and ct.kind = 'decision_update' and ct.at <= $1::timestamptz) as decision_told
from promised pr
left join judged j on j.victim_id = pr.victim_id
order by pr.at, pr.item_ref`;
}

interface PromiseRow {
  item_ref: string;
  kind: DigestItemKind;
  due_date: string;
  victim_id: string;
  case_id: string;
  planned_on: string;
  acknowledged_at: Date | string;
  person_name: string;
  unit_id: string;
  oic_id: string;
  in_population: boolean;
  today: string | null;
  na_met: boolean | null;
  na_breach: boolean | null;
  update_due_on: string | null;
  update_suspended: boolean | null;
  update_breach: boolean | null;
  decision_id: string | null;
  referral_applies: boolean | null;
  referral_met: boolean | null;
  ack_met: boolean | null;
  decision_told: boolean;
}

/** Promises read from the acknowledgements, graded at an instant from the records and the clock. */
export class PromiseStore {
  constructor(
    private readonly db: Db,
    private readonly policy: EvaluationPolicy,
  ) {}

  /** Promises on cases allocated, at t, to a unit in `unitId`'s subtree; oldest acknowledgement first. */
  async inUnit(unitId: string, at: Date): Promise<StoredPromise[]> {
    const rows = await this.db.query<PromiseRow>(promisesSql('subtrees', 'subtrees'), evaluationParams(at, this.policy, [unitId]));
    return rows.map(toStoredPromise);
  }

  /** Promises on cases allocated to the officer at t; with `withinUnitId`, only those inside that unit's subtree. */
  async ofOfficer(officerId: string, at: Date, withinUnitId?: string): Promise<StoredPromise[]> {
    const params = evaluationParams(at, this.policy, officerId);
    const rows =
      withinUnitId === undefined
        ? await this.db.query<PromiseRow>(promisesSql('officer', 'officer'), params)
        : await this.db.query<PromiseRow>(promisesSql('officer', 'officerWithin'), [...params, withinUnitId]);
    return rows.map(toStoredPromise);
  }

  /** `inUnit`, by state: kept, missed, open (GREY ones in none). */
  async countsInUnit(unitId: string, at: Date): Promise<PromiseCounts> {
    return countPromises((await this.inUnit(unitId, at)).map((promise) => promise.state));
  }

  /** `ofOfficer`, by state. */
  async countsOfOfficer(officerId: string, at: Date, withinUnitId?: string): Promise<PromiseCounts> {
    return countPromises((await this.ofOfficer(officerId, at, withinUnitId)).map((promise) => promise.state));
  }
}

function toStoredPromise(row: PromiseRow): StoredPromise {
  const promise = {
    kind: row.kind,
    dueDate: row.due_date,
    plannedOn: row.planned_on,
    ...(row.decision_id === null ? {} : { decisionId: row.decision_id }),
  };
  return {
    itemRef: row.item_ref,
    ...promise,
    victimId: row.victim_id,
    caseId: row.case_id,
    acknowledgedAt: new Date(row.acknowledged_at),
    personName: row.person_name,
    unitId: row.unit_id,
    oicId: row.oic_id,
    state: promiseState(promise, evaluationOf(row)),
  };
}

/** The victim's evaluation at t from the `judged` columns; null when the victim is not in the population. */
function evaluationOf(row: PromiseRow): PromiseEvaluation | null {
  if (!row.in_population || row.today === null || row.update_due_on === null) return null;
  return {
    inPopulation: true,
    today: row.today,
    needsAssessment: { status: row.na_met ? 'met' : row.na_breach ? 'breach' : 'due' },
    update: { status: row.update_suspended ? 'suspended' : row.update_breach ? 'breach' : 'on_time', dueDate: row.update_due_on },
    // Only whether each later duty is met matters to a promise: 'due' stands for not met.
    later: {
      referral: row.referral_applies ? { status: row.referral_met ? 'met' : 'due' } : null,
      writtenAcknowledgement: { status: row.ack_met ? 'met' : 'due' },
      decisionUpdates:
        row.decision_id === null ? null : { decisions: [{ decisionId: row.decision_id, status: row.decision_told ? 'met' : 'due' }] },
    },
  };
}
