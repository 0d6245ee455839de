import type { WorkingCalendar } from '../../domain/calendar.js';
import type { Clock } from '../../domain/clock.js';
import { localDateOf } from '../../domain/calendar.js';
import { resolvePeriod } from '../../domain/periods.js';
import type { Policy } from '../../domain/policy.js';
import { parseQuestion } from '../../domain/questions/index.js';
import type { Assumed, PersonEntry, Query, UnitEntry, Understanding } from '../../domain/questions/index.js';
import type { Person } from '../../domain/types.js';
import { UnitTree } from '../../domain/visibility.js';
import { dateLabel } from '../../domain/wording.js';
import type { Db } from '../../store/db.js';
import type { ComplianceQueries, PeopleDirectory, UnitNode } from '../compliance-queries.js';
import { officerCasesFor, type OfficerCases } from '../officer-view.js';
import type { QuestionPlanner } from '../question-planner.js';
import type { Answer } from './answer-types.js';
import { PLANNER_DEADLINE_MS, askPlanner } from './ask-planner.js';
import { dipAuditAnswer } from './dip-audit-answer.js';
import { dutyDecline } from './duty-checks.js';
import { figureAnswer, type Snapshot } from './figure-answer.js';
import { itemsAnswer } from './items-answer.js';
import { promisesAnswer } from './promises-answer.js';
import { rankingAnswer } from './ranking-answer.js';
import { readAsLine, type ReadAsParts } from './read-as.js';
import { NO_FORCE, ambiguousAnswer, ownListRefusal, resolveTarget } from './scope-checks.js';
import { unknownNameAnswer, unreadAnswer } from './unread-answer.js';
import { trendAnswer } from './trend-answer.js';

/**
 * Plain-English questions (issue 4) answered with the same figures as `GET /v1/units/{id}/compliance`:
 * the parser reads the question into a query, the visibility rules decide whether the asker may see
 * its scope (officers: their own items and figures; supervisors: their team; inspectors: their
 * subtree; senior: the force), and only then are figures read. A query that arrives from a card
 * button goes through the same checks: nothing a card sends is trusted.
 */

export interface AnswerDeps {
  queries: ComplianceQueries;
  people: PeopleDirectory;
  policy: Policy;
  clock: Clock;
  /** The optional AI planner (off unless configured): asked first, the local parser answering whenever it cannot. */
  planner?: QuestionPlanner | undefined;
  /** How long a question waits for the planner before the local parser answers (default 8 s). */
  plannerDeadlineMs?: number;
  /** The store and the working calendar, for questions about the dip-sample audits (the app passes its services). */
  db?: Db;
  calendar?: WorkingCalendar;
}

/** What the answerer already read for this question (the unit tree and the people), so it is read once. */
export interface KnownForce {
  units: UnitNode[];
  people?: readonly Person[];
}

/** A question in plain English from a mapped person -> an answer with exact figures, or a refusal. */
export async function answerQuestion(deps: AnswerDeps, asker: Person, text: string): Promise<Answer> {
  const units = await deps.queries.listUnits();
  const force = units.find((u) => u.kind === 'force');
  if (!force) return NO_FORCE;
  // Everyone in the force may be named: a name outside the asker's scope is refused with the reason
  // (scope-checks.ts), rather than misread as "not understood" or as someone else.
  const people = await deps.people.listWithin(force.id);
  const understanding = parseQuestion(text, {
    asker: { personId: asker.id, role: asker.role, unitId: asker.unitId },
    units: units as UnitEntry[],
    people: people as PersonEntry[],
    now: deps.clock.now(),
    timeZone: deps.policy.timeZone,
    quarters: deps.policy.quarters,
  });
  // The planner knows the figures' queries only: a question the parser reads as about the dip-sample audits is its own.
  if (deps.planner && !isDipAuditReading(understanding)) {
    const planned = await askPlanner(deps.planner, deps.plannerDeadlineMs ?? PLANNER_DEADLINE_MS, {
      text,
      asker: { role: asker.role, unitId: asker.unitId },
      units: units as UnitEntry[],
      today: localDateOf(deps.clock.now(), deps.policy.timeZone),
      timeZone: deps.policy.timeZone,
    });
    if (planned.kind === 'help') return { kind: 'help' };
    if (planned.kind === 'query') return answerQuery(deps, asker, planned.query, { units, people });
  }
  const known = { units, people };
  switch (understanding.kind) {
    case 'help':
      return { kind: 'help' };
    case 'not_understood':
      return { kind: 'not_understood', suggestions: understanding.suggestions };
    case 'ambiguous':
      return ambiguousAnswer(asker, understanding.question, understanding.options, units, people);
    case 'unknown_name':
      return unknownNameAnswer(asker, understanding, known);
    case 'cannot_answer':
      return {
        kind: 'refusal',
        reason: understanding.reason,
        hint: understanding.hint ?? 'Ask about now or a past period, e.g. "this month" or "last week".',
      };
    case 'unread':
      return unreadAnswer(deps, asker, understanding, known);
    case 'query':
      return answerQuery(deps, asker, understanding.query, known, understanding.assumed);
  }
}

/**
 * Answers a structured query: from the parser, or from a card button (drill-down, "did you mean").
 * Scope is checked here, from the stored person and unit tree, before any figure is read.
 */
export async function answerQuery(deps: AnswerDeps, asker: Person, query: Query, known?: KnownForce, assumed?: Assumed): Promise<Answer> {
  const units = known?.units ?? (await deps.queries.listUnits());
  const tree = new UnitTree(units);
  const force = units.find((u) => u.kind === 'force');
  if (!force) return NO_FORCE;
  const now = deps.clock.now();

  const decision = await resolveTarget(deps.people, asker, query.scope, { tree, force, units, knownPeople: known?.people });
  if (decision.kind === 'refused') return decision.answer;
  const target = decision.target;
  // Units left out count only when they lie within the scope (a card's ids are a filter, never a way in).
  const within = (id: string) => target.kind === 'unit' && id !== target.unit.id && tree.isWithin(id, target.unit.id);
  const except = (query.except ?? []).filter(within);
  if (query.except !== undefined) query = except.length > 0 ? { ...query, except } : withoutExcept(query);
  const without = except.map((id) => units.find((unit) => unit.id === id)?.name ?? id);
  // Another person's officer: only the cases inside the asker's scope, and a count of those left out.
  const cases: OfficerCases = target.kind === 'officer' ? officerCasesFor(asker, target.officer, tree, force.id) : { kind: 'all' };
  const declined = dutyDecline(query, target, cases);
  if (declined) return declined;

  const whose = target.kind === 'unit' ? target.unit.name : target.officer.name;
  const readAs = (parts: Omit<ReadAsParts, 'whose' | 'intent' | 'timeZone' | 'assumed'>) =>
    readAsLine({ whose, intent: query.intent, timeZone: deps.policy.timeZone, assumed, without, ...parts });
  const intent = query.intent;
  switch (intent.kind) {
    case 'my_items': {
      // Items are those open now, or at the end of the past day asked about ("what did I have overdue yesterday").
      const day = query.period.kind === 'day' ? snapshotOf(query, now, deps.policy.timeZone).period : undefined;
      const answer = await itemsAnswer(deps, asker, target, cases, force.id, day?.snapshotAt ?? now, query.metric);
      return { ...answer, readAs: readAs({ metric: query.metric, ...(day ? { period: day } : {}) }) };
    }
    case 'trend': {
      const answer = await trendAnswer(deps, target, cases, query, intent.months, now, intent.through);
      const months = { first: answer.rows[0]?.periodLabel ?? '', last: answer.rows.at(-1)?.periodLabel ?? '', count: answer.rows.length };
      return { ...answer, readAs: readAs({ metric: query.metric, months }) };
    }
    case 'dip_audit': {
      const { answer, sampleMonths } = await dipAuditAnswer(deps, asker, target, intent, query.period);
      return answer.kind === 'refusal' ? answer : { ...answer, readAs: readAs({ metric: query.metric, sampleMonths }) };
    }
    case 'promises': {
      const snapshot = snapshotOf(query, now, deps.policy.timeZone);
      const answer = await promisesAnswer(deps, target, cases, snapshot);
      return { ...answer, readAs: readAs({ metric: query.metric, period: snapshot.period }) };
    }
    case 'figure': {
      const snapshot = snapshotOf(query, now, deps.policy.timeZone);
      const answer = await figureAnswer(deps, target, cases, query, snapshot);
      return { ...answer, readAs: readAs({ metric: query.metric, period: snapshot.period }) };
    }
    case 'compare_children':
    case 'below_target':
    case 'rank':
    case 'most': {
      const snapshot = snapshotOf(query, now, deps.policy.timeZone);
      if (target.kind === 'unit') {
        const answer = await rankingAnswer(deps, intent, query, target.unit, { units, tree }, snapshot);
        const onlyNames = 'only' in intent && intent.only ? answer.rows.map((row) => row.label) : undefined;
        return { ...answer, readAs: readAs({ metric: answer.metric, period: snapshot.period, rows: `the ${answer.rowNoun}s`, onlyNames }) };
      }
      // "compare PC Shah": one officer has no list below them, so their figure answers it; but an
      // officer's own list would rank other people.
      const refusal = ownListRefusal(asker, target.officer);
      if (refusal) return refusal;
      const answer = await figureAnswer(deps, target, cases, query, snapshot);
      return {
        ...answer,
        readAs: readAsLine({
          whose,
          intent: { kind: 'figure' },
          metric: query.metric,
          period: snapshot.period,
          timeZone: deps.policy.timeZone,
          assumed,
        }),
      };
    }
  }
}

function isDipAuditReading(understanding: Understanding): boolean {
  const query =
    understanding.kind === 'query' ? understanding.query : understanding.kind === 'unread' ? understanding.reading?.query : undefined;
  return query?.intent.kind === 'dip_audit';
}

function withoutExcept({ except: _except, ...query }: Query): Query {
  return query;
}

/** The period asked about, resolved on the force's calendar (compliance-rules.md, "Period figures"). */
function snapshotOf(query: Query, now: Date, timeZone: string): Snapshot {
  const period = resolvePeriod(query.period, now, timeZone);
  return { period, atLabel: dateLabel(period.snapshotAt, timeZone) };
}
