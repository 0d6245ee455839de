import { monthEnds, resolvePeriod } from '../../domain/periods.js';
import type { Query, Understanding } from '../../domain/questions/index.js';
import type { Person } from '../../domain/types.js';
import { UnitTree } from '../../domain/visibility.js';
import { quotedList } from '../../domain/wording.js';
import type { Answer } from './answer-types.js';
import type { Clock } from '../../domain/clock.js';
import type { Policy } from '../../domain/policy.js';
import type { PeopleDirectory, UnitNode } from '../compliance-queries.js';
import { readAsLine } from './read-as.js';
import { NO_FORCE, ambiguousAnswer, resolveTarget } from './scope-checks.js';

/**
 * Questions with words the parser could not read (issue 12). Nothing is answered unasked: the words are
 * named back, and the question as read without them is offered as one button carrying its own "Read
 * as" line, so the asker decides whether that is what they meant.
 */

export interface UnreadDeps {
  people: Pick<PeopleDirectory, 'findById'>;
  clock: Clock;
  policy: Pick<Policy, 'timeZone'>;
}

/** The force as the answerer already read it for this question. */
interface KnownForce {
  units: UnitNode[];
  people?: readonly Person[];
}

type Unread = Extract<Understanding, { kind: 'unread' }>;
type UnknownName = Extract<Understanding, { kind: 'unknown_name' }>;

export async function unreadAnswer(deps: UnreadDeps, asker: Person, understanding: Unread, known: KnownForce): Promise<Answer> {
  const words = understanding.words;
  if (understanding.reading === null) {
    return { kind: 'not_understood', suggestions: understanding.suggestions, note: `I could not read ${quotedList(words)}.` };
  }
  const { query, assumed } = understanding.reading;
  const force = known.units.find((unit) => unit.kind === 'force');
  if (!force) return NO_FORCE;
  const tree = new UnitTree(known.units);
  // A reading the asker may not see is refused now, with the reason, rather than offered as a button.
  const decision = await resolveTarget(deps.people, asker, query.scope, { tree, force, units: known.units, knownPeople: known.people });
  if (decision.kind === 'refused') return decision.answer;
  const target = decision.target;
  const now = deps.clock.now();
  const timeZone = deps.policy.timeZone;
  const whose = target.kind === 'unit' ? target.unit.name : target.officer.name;
  const readAs = readAsLine({
    whose,
    intent: query.intent,
    metric: query.metric,
    timeZone,
    assumed,
    ...(query.intent.kind === 'trend' ? { months: trendMonths(query.intent.months, now, timeZone) } : {}),
    ...(query.intent.kind === 'figure' || isList(query) ? { period: resolvePeriod(query.period, now, timeZone) } : {}),
    ...(isList(query) && target.kind === 'unit' ? { rows: listNoun(query, target.unit.kind) } : {}),
  });
  return { kind: 'unread', words, reading: { label: 'Answer it as read', query, readAs }, suggestions: understanding.suggestions };
}

/** "East LPA" when there is none: the units of that kind the asker may see, or the words named back. */
export function unknownNameAnswer(asker: Person, understanding: UnknownName, known: KnownForce): Answer {
  const force = known.units.find((unit) => unit.kind === 'force');
  if (!force) return NO_FORCE;
  const note = `I could not find "${understanding.said}" in ${force.name}.`;
  if (understanding.options.length > 0) {
    const asked = ambiguousAnswer(asker, `${note} Did you mean one of these?`, understanding.options, known.units, known.people ?? []);
    if (asked.kind === 'ambiguous') return asked;
  }
  return { kind: 'not_understood', suggestions: understanding.suggestions, note };
}

function isList(query: Query): boolean {
  const kind = query.intent.kind;
  return kind === 'compare_children' || kind === 'below_target' || kind === 'rank' || kind === 'most';
}

/** What a list of this scope holds, as ranking-answer.ts lists it. */
function listNoun(query: Query, unitKind: string): string {
  if (unitKind === 'team') return 'the officers';
  const among = 'among' in query.intent ? query.intent.among : undefined;
  if (among === 'commands') return 'the commands';
  if (query.intent.kind === 'compare_children' && among !== 'teams') return unitKind === 'force' ? 'the commands' : 'the teams';
  return 'the teams';
}

function trendMonths(count: number, now: Date, timeZone: string): { first: string; last: string; count: number } {
  const ends = monthEnds(count, now, timeZone);
  return { first: ends[0]?.label ?? '', last: ends.at(-1)?.label ?? '', count: ends.length };
}
