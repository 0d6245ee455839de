import type { Db } from './db.js';

/**
 * The checks that need the whole import (and the stored data): duplicate ids, references to ids that
 * are neither in this import nor stored, the unit tree, and Entra ids used twice. Each check inserts
 * `(line, message)` rows into `stage_errors`; every statement is set-based over the staging tables.
 */

/** Record types keyed by `id`, whose duplicates inside one import are errors. (Needs assessments: latest line wins.) */
const KEYED_TABLES = [
  { table: 'stage_units', label: 'unit' },
  { table: 'stage_people', label: 'person' },
  { table: 'stage_cases', label: 'case' },
  { table: 'stage_victims', label: 'victim' },
  { table: 'stage_contacts', label: 'contact' },
] as const;

const duplicateChecks = KEYED_TABLES.map(
  ({ table, label }) => `
  insert into stage_errors (line, message)
  select s.line, format('duplicate ${label} id %s: also on line %s; send each record once', s.id, d.first_line)
  from ${table} s
  join (select id, min(line) as first_line from ${table} group by id having count(*) > 1) d on d.id = s.id
  where s.line > d.first_line`,
);

interface ReferenceCheck {
  from: string;
  column: string;
  /** SQL for the referring record's label, e.g. format('case %s', s.id). */
  label: string;
  target: { staged: string; stored: string; name: string };
  /** Which field, when the target type alone does not say it. */
  field?: string;
}

const UNITS = { staged: 'stage_units', stored: 'units', name: 'unit' };
const PEOPLE = { staged: 'stage_people', stored: 'people', name: 'person' };
const CASES = { staged: 'stage_cases', stored: 'cases', name: 'case' };
const VICTIMS = { staged: 'stage_victims', stored: 'victims', name: 'victim' };

const REFERENCES: readonly ReferenceCheck[] = [
  { from: 'stage_units', column: 'parent_id', label: `format('unit %s', s.id)`, target: UNITS, field: 'parentId' },
  { from: 'stage_people', column: 'unit_id', label: `format('person %s', s.id)`, target: UNITS },
  { from: 'stage_cases', column: 'unit_id', label: `format('case %s', s.id)`, target: UNITS },
  { from: 'stage_cases', column: 'oic_id', label: `format('case %s', s.id)`, target: PEOPLE, field: 'oicId' },
  { from: 'stage_victims', column: 'case_id', label: `format('victim %s', s.id)`, target: CASES },
  { from: 'stage_needs_assessments', column: 'victim_id', label: `'needsAssessment'`, target: VICTIMS },
  { from: 'stage_contacts', column: 'victim_id', label: `format('contact %s', s.id)`, target: VICTIMS },
  { from: 'stage_contacts', column: 'by_id', label: `format('contact %s', s.id)`, target: PEOPLE, field: 'byId' },
];

const referenceChecks = REFERENCES.map(({ from, column, label, target, field }) => {
  const suffix = field ? ` (${field})` : '';
  return `
  insert into stage_errors (line, message)
  select s.line, ${label} || format(' refers to unknown ${target.name} %s${suffix}', s.${column})
  from ${from} s
  where s.${column} is not null
    and not exists (select 1 from ${target.staged} t where t.id = s.${column})
    and not exists (select 1 from ${target.stored} t where t.id = s.${column})`;
});

/** The units as they would be after this import: stored ones not resent, plus the latest staged line of each id. */
const FINAL_UNITS = `
  final_units as (
    select id, kind, parent_id, null::int as line from units u where not exists (select 1 from stage_units s where s.id = u.id)
    union all
    select distinct on (id) id, kind, parent_id, line from stage_units order by id, line desc
  )`;

const unitTreeChecks = [
  // Exactly one force.
  `with ${FINAL_UNITS}
  insert into stage_errors (line, message)
  select s.line, format('unit %s is a second force besides %s: there must be exactly one force (make one a command or department under the other)', s.id, other.id)
  from final_units s
  join lateral (select f.id from final_units f where f.kind = 'force' and f.id <> s.id order by f.id limit 1) other on true
  where s.kind = 'force' and s.line is not null`,
  // Every unit leads up to the force: anything not reached from the top is in a cycle (or there is no force).
  `with recursive ${FINAL_UNITS},
  reached as (
    select id from final_units where kind = 'force'
    union
    select u.id from final_units u join reached r on u.parent_id = r.id
  )
  insert into stage_errors (line, message)
  select s.line,
    case when not exists (select 1 from final_units where kind = 'force')
      then format('unit %s does not lead up to a force: no unit of kind force exists (send the force, with parentId null)', s.id)
      else format('unit %s does not lead up to the force: its parentId chain loops back on itself', s.id)
    end
  from final_units s
  where s.line is not null
    and not exists (select 1 from reached r where r.id = s.id)
    and exists (select 1 from final_units p where p.id = s.parent_id)`,
];

const FINAL_PEOPLE = `
  final_people as (
    -- Stored ids in lower case too: one stored before ids were compared without case may differ in it.
    select id, lower(aad_object_id) as aad_object_id, null::int as line from people p
    where p.aad_object_id is not null and not exists (select 1 from stage_people s where s.id = p.id)
    union all
    select distinct on (id) id, aad_object_id, line from stage_people where aad_object_id is not null order by id, line desc
  )`;

const aadObjectIdCheck = `
  with ${FINAL_PEOPLE}
  insert into stage_errors (line, message)
  select s.line, format('person %s has aadObjectId %s, which person %s also has: an Entra object id maps to one person', s.id, s.aad_object_id, other.id)
  from final_people s
  join lateral (select o.id from final_people o where o.aad_object_id = s.aad_object_id and o.id <> s.id order by o.id limit 1) other on true
  where s.line is not null`;

export interface CheckErrors {
  /** Bad lines found by the checks (a line with several problems counts once). */
  lineCount: number;
  /** The first `limit` bad lines, in line order, each with all its problems. */
  errors: { line: number; message: string }[];
}

export async function checkStagedRecords(tx: Db, limit: number): Promise<CheckErrors> {
  for (const statement of [...duplicateChecks, ...referenceChecks, ...unitTreeChecks, aadObjectIdCheck]) {
    await tx.query(statement);
  }
  const [count] = await tx.query<{ lines: number }>('select count(distinct line)::int as lines from stage_errors');
  const errors = await tx.query<{ line: number; message: string }>(
    `select line, string_agg(message, '; ' order by message) as message
     from stage_errors group by line order by line limit $1`,
    [limit],
  );
  return { lineCount: count?.lines ?? 0, errors };
}
