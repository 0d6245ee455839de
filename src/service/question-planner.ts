import { z } from 'zod';
import { querySchema } from '../domain/questions/index.js';
import type { Query, UnitEntry } from '../domain/questions/index.js';
import type { LocalDate, Role } from '../domain/types.js';

/**
 * The optional AI planner (issue 4, part 4): a language model that maps free text onto the same
 * `Query` the local parser produces — never SQL, never records, never figures. It is off unless an
 * OpenAI or Azure OpenAI key is configured; when it is on, its answer is validated like a card
 * button's, scope is checked afterwards exactly as for a parsed question, and whenever it fails, times
 * out, returns anything unexpected or says "unknown", the local parser answers instead.
 *
 * What it is told: the question text, the unit tree (ids, names, kinds), the asker's role and unit, and
 * today's date. Not the people (officer names are matched by the local parser only), not any figure.
 */

export type PlannedQuestion = { kind: 'query'; query: Query } | { kind: 'help' } | { kind: 'unknown' };

export interface PlanRequest {
  text: string;
  asker: { role: Role; unitId: string };
  units: readonly UnitEntry[];
  /** The asker's local date, so "last month" and "October" resolve as the parser would. */
  today: LocalDate;
  timeZone: string;
}

export interface QuestionPlanner {
  /** Throws, or answers `unknown`, when it cannot map the question: the local parser answers then. */
  plan(request: PlanRequest): Promise<PlannedQuestion>;
}

const plannedSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('query'), query: querySchema }).strict(),
  z.object({ kind: z.literal('help') }).strict(),
  z.object({ kind: z.literal('unknown') }).strict(),
]);

/**
 * A model's reply -> what it planned, or `unknown` when the reply is not exactly one of the shapes asked
 * for, names a unit that is not in the tree, or names a person (only "self" is allowed: the planner is
 * never given people, so any other id would be invented).
 */
export function readPlannerReply(reply: string, units: readonly UnitEntry[]): PlannedQuestion {
  let json: unknown;
  try {
    json = JSON.parse(reply);
  } catch {
    return { kind: 'unknown' };
  }
  const parsed = plannedSchema.safeParse(json);
  if (!parsed.success) return { kind: 'unknown' };
  const planned = parsed.data as PlannedQuestion;
  if (planned.kind !== 'query') return planned;
  const scope = planned.query.scope;
  if (scope.kind === 'unit' && !units.some((unit) => unit.id === scope.unitId)) return { kind: 'unknown' };
  if (scope.kind === 'officer' && scope.personId !== 'self') return { kind: 'unknown' };
  return planned;
}

/** The instructions the model gets: the Query shape, the rules the parser follows, and the unit tree. */
export function plannerInstructions(request: Omit<PlanRequest, 'text'>): string {
  const units = request.units.map((unit) => ({ id: unit.id, name: unit.name, kind: unit.kind, parentId: unit.parentId }));
  return [
    "You read one question about Victims' Code (VCOP) compliance figures of a police force and reply with one JSON object, nothing else:",
    '{"kind":"query","query":QUERY} or {"kind":"help"} (the person asks what you can do) or {"kind":"unknown"}.',
    'QUERY = {"intent":INTENT,"metric":METRIC,"scope":SCOPE,"period":PERIOD}.',
    'INTENT: {"kind":"figure"} | {"kind":"compare_children"} | ' +
      '{"kind":"below_target","threshold":NUMBER_OR_NULL} (null = the force target) | ' +
      '{"kind":"rank","order":"best" or "worst"} | {"kind":"most","of":"overdue_updates" or ' +
      '"missing_needs_assessments"} | {"kind":"trend","months":1 to 36} | {"kind":"my_items"} | {"kind":"promises"}.',
    'Optional: figure "count":true ("how many"); rank "limit":N ("bottom 5"); compare_children "rag":"RED"|"AMBER"|"GREEN" ' +
      '("the amber ones") or "change":"down"|"up" ("which slipped"); a list "only":[ids] when two or more units are named; ' +
      'the query "except":[ids] for units left out ("excluding CID").',
    'compare_children, below_target, rank and most may add "among":"commands" when the question ranks ' +
      'commands/LPAs/departments across the force, or compare_children "among":"teams" when it lists every ' +
      'team of the force.',
    'METRIC: "overall" (fully compliant, VCOP compliance) | "needs_assessment" (needs assessments, NA) | ' +
      '"updates" (victim updates on time) | "referral" (referral to support services) | "written_acknowledgement" ' +
      '(written acknowledgement of the crime) | "decision_updates" (victims told of key decisions). A "most" intent ' +
      'uses the metric of what it counts.',
    'SCOPE: {"kind":"unit","unitId":ID} with an id from the unit list below | {"kind":"force"} | ' +
      '{"kind":"officer","personId":"self"} (the asker\'s own figures or items).',
    'PERIOD: {"kind":"now"} | {"kind":"today"} | {"kind":"week","offset":0 or negative} | ' +
      '{"kind":"month","year":YYYY,"month":1-12} | {"kind":"quarter","year":YYYY,"quarter":1-4} | ' +
      '{"kind":"year","year":YYYY} | {"kind":"since","from":"YYYY-MM-DD"} | {"kind":"day","date":"YYYY-MM-DD"} | ' +
      '{"kind":"range","from":"YYYY-MM-DD","to":"YYYY-MM-DD"}. A month without a year is the ' +
      'latest one that has begun. A trend always has period {"kind":"now"}. No period named = now.',
    '"My items", "my overdue updates", "what do I need to do" = my_items with scope self.',
    'With no scope named: an officer means self; a supervisor or inspector their own unit; a senior lead ' +
      'the force. "My team" = the asker\'s unit; "my area" = the command above a team, or the asker\'s ' +
      'unit.',
    'Reply {"kind":"unknown"} when the question names a person, when a unit name could be more than one ' +
      'unit, when it is not about these figures, or when you are unsure. Never invent ids.',
    `The asker: role ${request.asker.role}, unit ${request.asker.unitId}. Today is ${request.today} (${request.timeZone}).`,
    `Units: ${JSON.stringify(units)}`,
  ].join('\n');
}
