import type { Db } from './db.js';
import type { ImportStaging } from './import-staging.js';

/**
 * The checks that need the whole import (and the stored data): duplicate ids, references to ids that
 * are neither in this import nor stored, the unit tree, and Entra ids used twice. Each check inserts
 * `(line, message)` rows into the import's errors table; every statement is set-based over the staging
 * tables and runs on its own (no transaction holds the store). Only the unit tree and the Entra ids can be
 * changed by another import meanwhile (ids are never deleted, so a reference that was found stays found):
 * those two are checked again inside the merge's transaction (`recheckAgainstStore`).
 */

/** Record types keyed by `id`, whose duplicates inside one import are errors. (Needs assessments: latest line wins.) */
const KEYED_TABLES = [
  { part: 'unit', label: 'unit' },
  { part: 'person', label: 'person' },
  { part: 'case', label: 'case' },
  { part: 'victim', label: 'victim' },
  { part: 'contact', label: 'contact' },
  { part: 'decision', label: 'decision' },
] as const;

const duplicateChecks = KEYED_TABLES.map(
  ({ part, label }) => `
  insert into {errors} (line, message)
  select s.line, format('duplicate ${label} id %s: also on line %s; send each record once', s.id, d.first_line)
  from {${part}} s
  join (select id, min(line) as first_line from {${part}} group by id having count(*) > 1) d on d.id = s.id
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

const UNITS = { staged: '{unit}', stored: 'units', name: 'unit' };
const PEOPLE = { staged: '{person}', stored: 'people', name: 'person' };
const CASES = { staged: '{case}', stored: 'cases', name: 'case' };
const VICTIMS = { staged: '{victim}', stored: 'victims', name: 'victim' };
const DECISIONS = { staged: '{decision}', stored: 'decisions', name: 'decision' };

const REFERENCES: readonly ReferenceCheck[] = [
  { from: '{unit}', column: 'parent_id', label: `format('unit %s', s.id)`, target: UNITS, field: 'parentId' },
  { from: '{person}', column: 'unit_id', label: `format('person %s', s.id)`, target: UNITS },
  { from: '{case}', column: 'unit_id', label: `format('case %s', s.id)`, target: UNITS },
  { from: '{case}', column: 'oic_id', label: `format('case %s', s.id)`, target: PEOPLE, field: 'oicId' },
  { from: '{victim}', column: 'case_id', label: `format('victim %s', s.id)`, target: CASES },
  { from: '{needsAssessment}', column: 'victim_id', label: `'needsAssessment'`, target: VICTIMS },
  { from: '{contact}', column: 'victim_id', label: `format('contact %s', s.id)`, target: VICTIMS },
  { from: '{contact}', column: 'by_id', label: `format('contact %s', s.id)`, target: PEOPLE, field: 'byId' },
  { from: '{contact}', column: 'decision_id', label: `format('contact %s', s.id)`, target: DECISIONS, field: 'decisionId' },
  { from: '{decision}', column: 'case_id', label: `format('decision %s', s.id)`, target: CASES },
];

const referenceChecks = REFERENCES.map(({ from, column, label, target, field }) => {
  const suffix = field ? ` (${field})` : '';
  return `
  insert into {errors} (line, message)
  select s.line, ${label} || format(' refers to unknown ${target.name} %s${suffix}', s.${column})
  from ${from} s
  where s.${column} is not null
    and not exists (select 1 from ${target.staged} t where t.id = s.${column})
    and not exists (select 1 from ${target.stored} t where t.id = s.${column})`;
});

/** The units as they would be after this import: stored ones not resent, plus the latest staged line of each id. */
const FINAL_UNITS = `
  final_units as (
    select id, kind, parent_id, null::int as line from units u where not exists (select 1 from {unit} s where s.id = u.id)
    union all
    select distinct on (id) id, kind, parent_id, line from {unit} order by id, line desc
  )`;

const unitTreeChecks = [
  // Exactly one force.
  `with ${FINAL_UNITS}
  insert into {errors} (line, message)
  select s.line, format('unit %s is a second force besides %s: there must be exactly one force ` +
    `(make one a command or department under the other)', s.id, other.id)
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
  insert into {errors} (line, message)
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
    where p.aad_object_id is not null and not exists (select 1 from {person} s where s.id = p.id)
    union all
    select distinct on (id) id, aad_object_id, line from {person} where aad_object_id is not null order by id, line desc
  )`;

// The other person named is the first by id: a window over each Entra id (most have one person), not a
// lateral search per person, which took seconds at a few thousand people.
const aadObjectIdCheck = `
  with ${FINAL_PEOPLE},
  sharing as (
    select id, aad_object_id, line,
      array_agg(id) over (partition by aad_object_id order by id rows between unbounded preceding and unbounded following) as ids
    from final_people
  )
  insert into {errors} (line, message)
  select line, format('person %s has aadObjectId %s, which person %s also has: an Entra object id maps to one person',
    id, aad_object_id, case when ids[1] = id then ids[2] else ids[1] end)
  from sharing
  where line is not null and cardinality(ids) > 1`;

/**
 * A decision_update tells a victim of a decision on their own case: the decision's and the victim's cases as
 * they will be after this import (the latest staged line, else the stored row) must be the same.
 */
const decisionCaseCheck = `
  with decision_cases as (
    select id, case_id from decisions d where not exists (select 1 from {decision} s where s.id = d.id)
    union all
    (select distinct on (id) id, case_id from {decision} order by id, line desc)
  ),
  victim_cases as (
    select id, case_id from victims v where not exists (select 1 from {victim} s where s.id = v.id)
    union all
    (select distinct on (id) id, case_id from {victim} order by id, line desc)
  )
  insert into {errors} (line, message)
  select s.line, format('contact %s tells victim %s of decision %s, which is on case %s, not the victim''s case %s: ' ||
    'name a decision of case %s', s.id, s.victim_id, s.decision_id, d.case_id, v.case_id, v.case_id)
  from {contact} s
  join decision_cases d on d.id = s.decision_id
  join victim_cases v on v.id = s.victim_id
  where d.case_id <> v.case_id`;

export interface CheckErrors {
  /** Bad lines found by the checks (a line with several problems counts once). */
  lineCount: number;
  /** The first `limit` bad lines, in line order, each with all its problems. */
  errors: { line: number; message: string }[];
}

/** Every check, each statement on its own. */
export async function checkStagedRecords(db: Db, staging: ImportStaging, limit: number): Promise<CheckErrors> {
  for (const statement of [...duplicateChecks, ...referenceChecks, decisionCaseCheck, ...unitTreeChecks, aadObjectIdCheck]) {
    await db.query(staging.bind(statement));
  }
  return collectErrors(db, staging, limit);
}

/**
 * Inside the merge's transaction, after `checkStagedRecords` found nothing: the checks another import
 * committed in between could make fail (the unit tree, Entra ids). Small tables: cheap to run again.
 */
export async function recheckAgainstStore(tx: Db, staging: ImportStaging, limit: number): Promise<CheckErrors> {
  for (const statement of [...unitTreeChecks, aadObjectIdCheck]) await tx.query(staging.bind(statement));
  return collectErrors(tx, staging, limit);
}

async function collectErrors(db: Db, staging: ImportStaging, limit: number): Promise<CheckErrors> {
  const [count] = await db.query<{ lines: number }>(staging.bind('select count(distinct line)::int as lines from {errors}'));
  const errors = await db.query<{ line: number; message: string }>(
    staging.bind(
      `select line, string_agg(message, '; ' order by message) as message
       from {errors} group by line order by line limit $1`,
    ),
    [limit],
  );
  return { lineCount: count?.lines ?? 0, errors };
}
