import { compareDigestItems } from '../domain/digest.js';
import type { ObligationFigures } from '../domain/obligations.js';
import type { Policy } from '../domain/policy.js';
import type {
  DigestItem,
  DigestOptions,
  OfficerDigestWithin,
  OfficerFigures,
  OfficerFiguresWithin,
  PromiseCounts,
  UnitBreakdown,
  UnitDigest,
  UnitFigures,
  UnitKind,
  UnitNode,
  UnitRef,
} from '../domain/types.js';
import { UnknownPersonError, UnknownUnitError } from '../domain/unknown-ids.js';
import type { Db } from './db.js';
import { digestItemsSql, evaluationParams, figuresAndDigestItemsSql, figuresSql } from './evaluation-sql.js';
import { officerCountsWithin, officerItemsWithin } from './officer-scope-sql.js';
import { PromiseStore, type StoredPromise } from './promise-store.js';
import {
  NO_COUNTS,
  NO_OBLIGATION_COUNTS,
  toDigestItem,
  toObligationFigures,
  toUnitFigures,
  type CountsRow,
  type ItemRow,
  type ObligationCountsRow,
} from './query-rows.js';

interface UnitRow {
  id: string;
  name: string;
  kind: UnitKind;
  parent_id: string | null;
}

const byName = (a: { name: string }, b: { name: string }) => a.name.localeCompare(b.name, 'en', { numeric: true });

/** The compliance read side over the store (the ComplianceQueries port of src/service/compliance-queries.ts). */
export class SqlComplianceQueries {
  constructor(
    private readonly db: Db,
    private readonly policy: Policy,
  ) {}

  async findUnit(unitId: string): Promise<UnitNode | null> {
    const [row] = await this.db.query<UnitRow>('select id, name, kind, parent_id from units where id = $1', [unitId]);
    return row ? toUnitNode(row) : null;
  }

  /** Every unit, top down (force, then its children, ...), siblings by name. */
  async listUnits(): Promise<UnitNode[]> {
    const rows = await this.db.query<UnitRow & { depth: number }>(
      `select u.id, u.name, u.kind, u.parent_id, (select count(*)::int from unit_closure c where c.descendant_id = u.id) as depth
       from units u`,
    );
    return rows.sort((a, b) => a.depth - b.depth || byName(a, b)).map(toUnitNode);
  }

  async figures(unitId: string, at: Date): Promise<UnitFigures> {
    const [figures] = await this.figuresForUnits([unitId], at);
    return figures as UnitFigures;
  }

  /** `figures` with the `obligations` of the figures contract, from one evaluation. */
  async figuresWithObligations(unitId: string, at: Date): Promise<{ figures: UnitFigures; obligations: ObligationFigures }> {
    const [row] = await this.db.query<ObligationCountsRow>(
      figuresSql('subtrees', { groupKey: 'null::text' }),
      evaluationParams(at, this.policy, [unitId]),
    );
    const counts = row ?? NO_OBLIGATION_COUNTS;
    return { figures: this.toFigures(await this.requireUnit(unitId), at, counts), obligations: toObligationFigures(counts) };
  }

  /** In the order asked; throws UnknownUnitError naming the first unknown id. */
  async figuresForUnits(unitIds: readonly string[], at: Date): Promise<UnitFigures[]> {
    return (await this.countsForUnits(unitIds, at)).map(({ unit, counts }) => this.toFigures(unit, at, counts));
  }

  /** `figuresWithObligations` of many units at one instant, from one evaluation, in the order asked. */
  async figuresWithObligationsForUnits(
    unitIds: readonly string[],
    at: Date,
  ): Promise<{ figures: UnitFigures; obligations: ObligationFigures }[]> {
    return (await this.countsForUnits(unitIds, at)).map(({ unit, counts }) => ({
      figures: this.toFigures(unit, at, counts),
      obligations: toObligationFigures(counts),
    }));
  }

  /** Each unit's subtree counted in one statement; throws UnknownUnitError naming the first unknown id. */
  private async countsForUnits(
    unitIds: readonly string[],
    at: Date,
  ): Promise<{ unit: UnitRef; counts: Omit<ObligationCountsRow, 'group_id'> }[]> {
    if (unitIds.length === 0) return [];
    const units = await this.requireUnits(unitIds);
    const rows = await this.db.query<ObligationCountsRow>(
      figuresSql('subtrees', {
        groupKey: 'uc.ancestor_id',
        joins: 'join unit_closure uc on uc.descendant_id = j.unit_id and uc.ancestor_id = any($6::text[])',
      }),
      evaluationParams(at, this.policy, [...new Set(unitIds)]),
    );
    const counts = new Map(rows.map((row) => [row.group_id, row]));
    return unitIds.map((id) => ({ unit: units.get(id) as UnitRef, counts: counts.get(id) ?? NO_OBLIGATION_COUNTS }));
  }

  async officerFigures(personId: string, at: Date): Promise<OfficerFigures> {
    const officer = await this.requirePerson(personId);
    const [row] = await this.db.query<CountsRow>(
      figuresSql('officer', { groupKey: 'j.oic_id' }),
      evaluationParams(at, this.policy, personId),
    );
    return this.toOfficerFigures(officer, at, row ?? NO_COUNTS);
  }

  async officerFiguresWithin(personId: string, at: Date, withinUnitId: string): Promise<OfficerFiguresWithin> {
    const officer = await this.requirePerson(personId);
    await this.requireUnit(withinUnitId);
    const { inside, outside } = await officerCountsWithin(this.db, this.policy, personId, at, withinUnitId);
    return { figures: this.toOfficerFigures(officer, at, inside), leftOut: outside.total };
  }

  async officerDigestWithin(
    personId: string,
    at: Date,
    withinUnitId: string,
    options: Pick<DigestOptions, 'duties'> = {},
  ): Promise<OfficerDigestWithin> {
    const unit = await this.requireUnit(withinUnitId);
    const policy = options.duties === undefined ? this.policy : { ...this.policy, digestDuties: [...options.duties] };
    const { inside, outsideCount } = await officerItemsWithin(this.db, policy, personId, at, withinUnitId);
    return { digest: { unit, asOf: at.toISOString(), items: inside.sort(compareDigestItems) }, leftOut: outsideCount };
  }

  /** A unit's children figures; for a team, figures per OIC of its live cases instead. */
  async breakdown(unitId: string, at: Date): Promise<UnitBreakdown> {
    const unit = await this.requireUnit(unitId);
    if (unit.kind === 'team') {
      const rows = await this.db.query<ObligationCountsRow & { officer_name: string | null }>(
        `select c.*, p.name as officer_name from (${figuresSql('subtrees', { groupKey: 'j.oic_id' })}) c
         left join people p on p.id = c.group_id`,
        evaluationParams(at, this.policy, [unitId]),
      );
      const officers = rows
        .map((row) => {
          const { unit: _unit, ...figures } = this.toFigures(unit, at, row);
          const officer = { id: row.group_id as string, name: row.officer_name ?? (row.group_id as string) };
          return { officer, ...figures, obligations: toObligationFigures(row) };
        })
        .sort((a, b) => byName(a.officer, b.officer));
      return { unit, asOf: at.toISOString(), children: [], officers };
    }
    const children = await this.db.query<UnitRow>('select id, name, kind, parent_id from units where parent_id = $1', [unitId]);
    const ordered = children.sort(byName).map((child) => child.id);
    const read = await this.figuresWithObligationsForUnits(ordered, at);
    return { unit, asOf: at.toISOString(), children: read.map(({ figures, obligations }) => ({ ...figures, obligations })), officers: [] };
  }

  async digest(unitId: string, at: Date, options: DigestOptions = {}): Promise<UnitDigest> {
    const unit = await this.requireUnit(unitId);
    const policy = options.duties === undefined ? this.policy : { ...this.policy, digestDuties: [...options.duties] };
    // An officer's reminder starts from the officer's cases (a handful) rather than the whole subtree.
    const rows =
      options.oicId === undefined
        ? await this.db.query<ItemRow>(digestItemsSql('subtrees'), evaluationParams(at, policy, [unitId]))
        : await this.db.query<ItemRow>(
            digestItemsSql('officer', {
              where: 'j.unit_id in (select uc.descendant_id from unit_closure uc where uc.ancestor_id = $7::text)',
            }),
            [...evaluationParams(at, policy, options.oicId), unitId],
          );
    return { unit, asOf: at.toISOString(), items: rows.map(toDigestItem).sort(compareDigestItems) };
  }

  /**
   * A unit's figures and its digest together, from one evaluation: a digest card shows both, and its
   * headline counts and its items then come from the same snapshot even while an import commits.
   */
  async figuresAndDigest(unitId: string, at: Date): Promise<{ figures: UnitFigures; digest: UnitDigest }> {
    const unit = await this.requireUnit(unitId);
    const [row] = await this.db.query<Omit<CountsRow, 'group_id'> & { items: ItemRow[] | string }>(
      figuresAndDigestItemsSql(),
      evaluationParams(at, this.policy, [unitId]),
    );
    const { items, ...counts } = row ?? { ...NO_COUNTS, items: [] };
    // Both drivers parse json; a driver that left it as text would still be read right.
    const itemRows = typeof items === 'string' ? (JSON.parse(items) as ItemRow[]) : items;
    return {
      figures: this.toFigures(unit, at, counts),
      digest: { unit, asOf: at.toISOString(), items: itemRows.map(toDigestItem).sort(compareDigestItems) },
    };
  }

  /** Every team's digest (empty ones too), teams by name, from one evaluation of the whole force. */
  async allTeamDigests(at: Date): Promise<UnitDigest[]> {
    const teams = (await this.db.query<UnitRow>(`select id, name, kind, parent_id from units where kind = 'team'`)).sort(byName);
    const rows = await this.db.query<ItemRow>(
      digestItemsSql('all', {
        groupKey: 'team.id',
        joins: `join unit_closure uc on uc.descendant_id = j.unit_id join units team on team.id = uc.ancestor_id and team.kind = 'team'`,
      }),
      evaluationParams(at, this.policy),
    );
    const itemsByTeam = new Map<string, DigestItem[]>();
    for (const row of rows) {
      const items = itemsByTeam.get(row.group_id as string) ?? [];
      items.push(toDigestItem(row));
      itemsByTeam.set(row.group_id as string, items);
    }
    return teams.map((team) => ({
      unit: toUnitRef(team),
      asOf: at.toISOString(),
      items: (itemsByTeam.get(team.id) ?? []).sort(compareDigestItems),
    }));
  }

  /** Acknowledgements with a planned date on cases of the unit's subtree at t, by state (promise-store.ts). */
  async promiseCounts(unitId: string, at: Date): Promise<PromiseCounts> {
    await this.requireUnit(unitId);
    return new PromiseStore(this.db, this.policy).countsInUnit(unitId, at);
  }

  async officerPromiseCounts(personId: string, at: Date, withinUnitId?: string): Promise<PromiseCounts> {
    await this.requirePerson(personId);
    if (withinUnitId !== undefined) await this.requireUnit(withinUnitId);
    return new PromiseStore(this.db, this.policy).countsOfOfficer(personId, at, withinUnitId);
  }

  /** Promises on cases of the unit's subtree at t, graded at t, oldest first (a digest's, digest-promises.ts). */
  async promisesInUnit(unitId: string, at: Date): Promise<StoredPromise[]> {
    return new PromiseStore(this.db, this.policy).inUnit(unitId, at);
  }

  async officerPromises(personId: string, at: Date, withinUnitId?: string): Promise<StoredPromise[]> {
    return new PromiseStore(this.db, this.policy).ofOfficer(personId, at, withinUnitId);
  }

  private toFigures(unit: UnitRef, at: Date, counts: Omit<CountsRow, 'group_id'>): UnitFigures {
    return toUnitFigures(unit, at, counts, this.policy);
  }

  private toOfficerFigures(officer: { id: string; name: string }, at: Date, counts: Omit<CountsRow, 'group_id'>): OfficerFigures {
    const { unit: _unit, ...figures } = this.toFigures({ id: '', name: '', kind: 'team' }, at, counts);
    return { officer: { id: officer.id, name: officer.name }, ...figures };
  }

  private async requirePerson(personId: string): Promise<{ id: string; name: string }> {
    const [person] = await this.db.query<{ id: string; name: string }>('select id, name from people where id = $1', [personId]);
    if (!person) throw new UnknownPersonError(personId);
    return person;
  }

  private async requireUnit(unitId: string): Promise<UnitRef> {
    return (await this.requireUnits([unitId])).get(unitId) as UnitRef;
  }

  private async requireUnits(unitIds: readonly string[]): Promise<Map<string, UnitRef>> {
    const rows = await this.db.query<UnitRow>('select id, name, kind, parent_id from units where id = any($1::text[])', [
      [...new Set(unitIds)],
    ]);
    const units = new Map(rows.map((row) => [row.id, toUnitRef(row)]));
    const unknown = unitIds.find((id) => !units.has(id));
    if (unknown !== undefined) throw new UnknownUnitError(unknown);
    return units;
  }
}

function toUnitRef(row: UnitRow): UnitRef {
  return { id: row.id, name: row.name, kind: row.kind };
}

function toUnitNode(row: UnitRow): UnitNode {
  return { ...toUnitRef(row), parentId: row.parent_id };
}
