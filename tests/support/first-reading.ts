import { readFileSync } from 'node:fs';
import { localDateOf } from '../../src/domain/calendar.js';
import { type PeriodSpec, resolvePeriod } from '../../src/domain/periods.js';
import { monthsCovered } from '../../src/domain/questions/period-words.js';
import {
  parseQuestion,
  type Asker,
  type PersonEntry,
  type Query,
  type UnitEntry,
  type Understanding,
} from '../../src/domain/questions/index.js';
import { UnitTree, canSeeOfficer, canSeeUnit } from '../../src/domain/visibility.js';
import { PEOPLE as EXAMPLE_PEOPLE, UNITS as EXAMPLE_UNITS, NOW, TIME_ZONE } from './example-force.js';

/**
 * The first-reading protocol (issue 12, part 7): phrasings written by someone who has not seen the parser,
 * in a batch file with the reading they meant, scored once against the parser. The force below is the one
 * the writers were briefed with; now is 10:00 on Fri 20 Nov 2026, Europe/London. A batch file has six
 * tab-separated columns (a header line first):
 *   persona   supervisor (PS 2100 Ruth Evans, North Team 2) | inspector (South LPA) | senior lead | officer (PC 2102 Tom Okafor, North Team 2)
 *   question  as typed
 *   unit      a unit's name | FORCE | own items | "<unit> vs <unit>" | refused | not understood | ask back
 *   metric    overall | needs assessment | updates | referral | written acknowledgement | decision updates | items |
 *             promises | - (the figure the answer leads with)
 *   time      now | today | yesterday | this week | last week | <Month YYYY> | Q<n> YYYY | year to date YYYY |
 *             [a date] YYYY-MM-DD to now | [a day] YYYY-MM-DD | YYYY-MM-DD to YYYY-MM-DD | last N months to <Month YYYY> |
 *             last month (the figure now, beside last month) | <period> vs <period> | -
 *   kind      figure | ranking | compare | trend | list | count | refused | not understood | ask back
 */

export { NOW, TIME_ZONE };

/** The labelled set's force (example-force.ts) and an East LPA, as the writers were briefed. */
export const UNITS: readonly UnitEntry[] = [
  ...EXAMPLE_UNITS.filter((unit) => unit.id !== 'CID-T1'),
  { id: 'E-LPA', name: 'East LPA', kind: 'command', parentId: 'FORCE' },
  { id: 'E-T1', name: 'East Team 1', kind: 'team', parentId: 'E-LPA' },
  { id: 'E-T2', name: 'East Team 2', kind: 'team', parentId: 'E-LPA' },
  ...EXAMPLE_UNITS.filter((unit) => unit.id === 'CID-T1'),
];

/** The labelled set's officers of North Team 2 and the others the writers were told of. */
export const PEOPLE: readonly PersonEntry[] = [
  ...EXAMPLE_PEOPLE,
  { id: 'P-2104', name: 'PC 2104 Imran Khan', unitId: 'N-T2' },
  { id: 'P-3100', name: 'PS 3100 Dan Moss', unitId: 'S-T1' },
  { id: 'P-3101', name: 'PC 3101 Priya Nowak', unitId: 'S-T1' },
  { id: 'P-3201', name: 'DC 3201 Sam Price', unitId: 'S-T2' },
  { id: 'P-1001', name: 'Insp 1001 Helen Ward', unitId: 'S-LPA' },
];

const ASKERS: Record<string, Asker> = {
  supervisor: { personId: 'P-2100', role: 'supervisor', unitId: 'N-T2' },
  inspector: { personId: 'P-1001', role: 'inspector', unitId: 'S-LPA' },
  'senior lead': { personId: 'P-SENIOR', role: 'senior', unitId: 'FORCE' },
  officer: { personId: 'P-2102', role: 'officer', unitId: 'N-T2' },
};

export interface BatchRow {
  line: number;
  persona: string;
  question: string;
  unit: string;
  metric: string;
  time: string;
  kind: string;
}

/** How one phrasing was read: right, declined honestly (named back, asked back), or answered for something else. */
export type Verdict = 'right' | 'declined' | 'wrong';

export interface Scored extends BatchRow {
  verdict: Verdict;
  reading: string;
}

export function readBatch(path: string): BatchRow[] {
  const [, ...rows] = readFileSync(path, 'utf8').split('\n');
  return rows.flatMap((row, index) => {
    if (row.trim() === '' || row.startsWith('#')) return [];
    const [persona, question, unit, metric, time, kind, ...extra] = row.split('\t').map((cell) => cell.trim());
    if (kind === undefined || extra.some((cell) => cell !== ''))
      throw new Error(`${path} line ${index + 2}: expected 6 tab-separated columns`);
    if (!(persona! in ASKERS)) throw new Error(`${path} line ${index + 2}: unknown persona '${persona}'`);
    return [{ line: index + 2, persona: persona!, question: question!, unit: unit!, metric: metric!, time: time!, kind: kind! }];
  });
}

export function scoreRow(row: BatchRow): Scored {
  const asker = ASKERS[row.persona]!;
  const understanding = parseQuestion(row.question, { asker, units: UNITS, people: PEOPLE, now: NOW, timeZone: TIME_ZONE });
  return { ...row, verdict: verdictOf(row, asker, understanding), reading: readingOf(understanding) };
}

function verdictOf(row: BatchRow, asker: Asker, understanding: Understanding): Verdict {
  const declinedKinds = ['unread', 'unknown_name', 'cannot_answer', 'not_understood', 'ambiguous', 'help'];
  if (row.kind === 'not understood') return understanding.kind === 'query' ? 'wrong' : 'right';
  // A refusal with its reason ("names are never shown in Teams", "next week is still to come") is a refusal.
  if (row.kind === 'refused' && understanding.kind === 'cannot_answer') return 'right';
  if (row.kind === 'ask back') return understanding.kind === 'ambiguous' ? 'right' : understanding.kind === 'query' ? 'wrong' : 'declined';
  // The answerer offers only the readings the asker may see, and refuses when none is left (scope-checks.ts).
  if (understanding.kind === 'ambiguous' && understanding.options.every((option) => refused(asker, option.query))) {
    return row.kind === 'refused' ? 'right' : 'declined';
  }
  if (understanding.kind !== 'query') return declinedKinds.includes(understanding.kind) ? 'declined' : 'wrong';
  const query = understanding.query;
  if (row.kind === 'refused') return refused(asker, query) ? 'right' : 'wrong';
  return refused(asker, query) ? 'wrong' : matches(row, asker, query) ? 'right' : 'wrong';
}

function refused(asker: Asker, query: Query): boolean {
  const tree = new UnitTree(UNITS);
  const viewer = { personId: asker.personId, role: asker.role, unitId: asker.unitId };
  const listIntent = ['compare_children', 'below_target', 'rank', 'most'].includes(query.intent.kind);
  if (query.scope.kind === 'force') return !canSeeUnit(viewer, 'FORCE', tree, 'FORCE').allowed;
  if (query.scope.kind === 'unit') return !canSeeUnit(viewer, query.scope.unitId, tree, 'FORCE').allowed;
  const personId = query.scope.personId === 'self' ? asker.personId : query.scope.personId;
  const person = PEOPLE.find((p) => p.id === personId);
  if (personId === asker.personId) return asker.role === 'officer' && listIntent;
  return !person || !canSeeOfficer(viewer, { personId, unitId: person.unitId }, tree, 'FORCE').allowed;
}

function matches(row: BatchRow, asker: Asker, query: Query): boolean {
  return unitMatches(row, asker, query) && metricMatches(row, query) && kindMatches(row, query) && timeMatches(row, query);
}

function unitMatches(row: BatchRow, asker: Asker, query: Query): boolean {
  const scopeId = query.scope.kind === 'force' ? 'FORCE' : query.scope.kind === 'unit' ? query.scope.unitId : null;
  if (row.unit === 'own items')
    return query.scope.kind === 'officer' && (query.scope.personId === 'self' || query.scope.personId === asker.personId);
  const named = row.unit.split(' vs ').map((name) => idOf(name));
  const officers = row.unit.split(' vs ').map((name) => PEOPLE.find((p) => p.name.toLowerCase().includes(name.toLowerCase()))?.id);
  if (officers.length > 1 && officers.every((id) => id !== undefined)) {
    // Two officers compared: their team's list, holding those two only.
    const only = 'only' in query.intent ? (query.intent.only ?? []) : [];
    return isList(query) && officers.every((id) => only.includes(id!));
  }
  if (named.length > 1) {
    // Two units compared: one list that holds both.
    const tree = new UnitTree(UNITS);
    return scopeId !== null && named.every((id) => id !== null && id !== scopeId && tree.isWithin(id, scopeId));
  }
  const person = PEOPLE.find((p) => p.name.toLowerCase().includes(row.unit.toLowerCase()));
  if (person) return query.scope.kind === 'officer' && query.scope.personId === person.id;
  // "How is PC Khan doing?" with the officer's team as the unit: the officer, within that team.
  const officer =
    query.scope.kind === 'officer' ? PEOPLE.find((p) => query.scope.kind === 'officer' && p.id === query.scope.personId) : undefined;
  if (officer && officer.id !== asker.personId) return officer.unitId === named[0];
  // "Compare my team with the rest of North LPA": a list that holds the unit.
  if (row.kind === 'compare' && scopeId !== null && named[0] !== null && isList(query))
    return new UnitTree(UNITS).isWithin(named[0]!, scopeId);
  return scopeId !== null && scopeId === named[0];
}

function isList(query: Query): boolean {
  return ['compare_children', 'below_target', 'rank', 'most'].includes(query.intent.kind);
}

function idOf(name: string): string | null {
  if (name === 'FORCE') return 'FORCE';
  return UNITS.find((unit) => unit.name.toLowerCase() === name.toLowerCase())?.id ?? null;
}

function metricMatches(row: BatchRow, query: Query): boolean {
  const metric = {
    overall: 'overall',
    'needs assessment': 'needs_assessment',
    updates: 'updates',
    referral: 'referral',
    'written acknowledgement': 'written_acknowledgement',
    'decision updates': 'decision_updates',
  }[row.metric];
  return metric === undefined || query.metric === metric;
}

function kindMatches(row: BatchRow, query: Query): boolean {
  const intent = query.intent.kind;
  if (row.metric === 'promises') return intent === 'promises';
  const list = ['compare_children', 'below_target', 'rank', 'most'].includes(intent);
  switch (row.kind) {
    case 'figure':
      return intent === 'figure' || (list && query.scope.kind === 'officer');
    case 'ranking':
      return list;
    case 'compare':
      return row.unit.includes(' vs ') ? list : intent === 'figure' || list;
    case 'trend':
      return intent === 'trend';
    case 'list':
      return intent === 'my_items';
    case 'count':
      return intent === 'figure' || intent === 'my_items';
    default:
      return false;
  }
}

/** Both the instant answered and the one it is set beside: "since 1 Nov" and "now" differ in the second. */
function timeMatches(row: BatchRow, query: Query): boolean {
  if (row.time === '-' || query.intent.kind === 'my_items') return true;
  if (query.intent.kind === 'trend') {
    const months = /^last (\d+) months(?: to ([a-z]+) (\d{4}))?/i.exec(row.time);
    if (months) {
      // "last 3 months to August 2026": a series that ends at August's end, before this month.
      const to = months[2] === undefined ? -1 : MONTHS.indexOf(months[2].toLowerCase()) + 1;
      const [nowYear, nowMonth] = localDateOf(NOW, TIME_ZONE).split('-').map(Number) as [number, number];
      const ended = to > 0 && Number(months[3]) * 12 + to < nowYear * 12 + nowMonth;
      const through = query.intent.through;
      const endsRight = ended ? through?.year === Number(months[3]) && through.month === to : through === undefined;
      return query.intent.months === Number(months[1]) && endsRight;
    }
    // "2026-01-01 to now" is "since 1 January"; "October 2026 to now" the month's start.
    const spec = specOf(row.time) ?? specOf(row.time.replace(/ to now$/, ''));
    return spec !== null && query.intent.months === (monthsCovered(spec, NOW, TIME_ZONE) ?? -1);
  }
  const answered = resolvePeriod(query.period, NOW, TIME_ZONE);
  const [first, second] = row.time.split(' vs ').map((time) => specOf(time));
  if (first === undefined || first === null || second === null) return false;
  const expected = resolvePeriod(first, NOW, TIME_ZONE);
  if (second === undefined) {
    const sameInstant = expected.snapshotAt.getTime() === answered.snapshotAt.getTime();
    // "End of Sept" meant as the day 30 Sep and read as September: one instant, as a month's figure is the one at
    // its end (shared/spec/queries-examples.tsv: "YYYY-MM = end of that month"); only the change beside it differs.
    if (sameInstant && first.kind === 'day' && query.period.kind === 'month') return true;
    return sameInstant && expected.previousSnapshotAt.getTime() === answered.previousSnapshotAt.getTime();
  }
  // "October vs September" and "September vs October" alike: the answer sets the two periods' ends side by side.
  const asked = [expected.snapshotAt, resolvePeriod(second, NOW, TIME_ZONE).snapshotAt].map((at) => at.getTime()).sort();
  const given = [answered.snapshotAt, answered.previousSnapshotAt].map((at) => at.getTime()).sort();
  return asked[0] === given[0] && asked[1] === given[1];
}

const MONTHS = ['january', 'february', 'march', 'april', 'may', 'june', 'july', 'august', 'september', 'october', 'november', 'december'];

function specOf(time: string): PeriodSpec | null {
  const text = time.trim().toLowerCase();
  if (text === 'now' || text === 'last month') return { kind: 'now' };
  if (text === 'today') return { kind: 'today' };
  if (text === 'yesterday') return { kind: 'day', date: '2026-11-19' };
  if (text === 'this week') return { kind: 'week', offset: 0 };
  if (text === 'last week') return { kind: 'week', offset: -1 };
  const month = /^([a-z]+) (\d{4})$/.exec(text);
  if (month && MONTHS.includes(month[1]!)) return { kind: 'month', year: Number(month[2]), month: MONTHS.indexOf(month[1]!) + 1 };
  const quarter = /^q([1-4]) (\d{4})$/.exec(text);
  if (quarter) return { kind: 'quarter', year: Number(quarter[2]), quarter: Number(quarter[1]) as 1 | 2 | 3 | 4 };
  const ytd = /^year to date (\d{4})$/.exec(text);
  if (ytd) return { kind: 'year', year: Number(ytd[1]) };
  // "a date 2026-11-01 to now" and "2026-11-01 to now" alike (batch B wrote the second).
  const since = /^(?:a date )?(\d{4}-\d{2}-\d{2}) to now$|^a date (\d{4}-\d{2}-\d{2})$/.exec(text);
  if (since) return { kind: 'since', from: (since[1] ?? since[2])! };
  const day = /^(?:a day )?(\d{4}-\d{2}-\d{2})$/.exec(text);
  if (day) return { kind: 'day', date: day[1]! };
  const range = /^(\d{4}-\d{2}-\d{2}) to (\d{4}-\d{2}-\d{2})$/.exec(text);
  if (range) return { kind: 'range', from: range[1]!, to: range[2]! };
  return null;
}

function readingOf(understanding: Understanding): string {
  switch (understanding.kind) {
    case 'query':
      return JSON.stringify(understanding.query);
    case 'unread':
      return `unread ${understanding.words.join(',')}${understanding.reading ? ` -> ${JSON.stringify(understanding.reading.query)}` : ''}`;
    case 'ambiguous':
      return `ask back: ${understanding.options.map((option) => option.label).join(' / ')}`;
    case 'unknown_name':
      return `unknown name "${understanding.said}"`;
    case 'cannot_answer':
      return `cannot answer: ${understanding.reason}`;
    default:
      return understanding.kind;
  }
}
