import { DIP_AUDIT_PATTERNS, readDipAudit } from './dip-audit-words.js';
import { isHelpRequest, isSignOff } from './help-words.js';
import { PERSONAL_DETAILS_HINT, PERSONAL_DETAILS_REASON, personalDetailsAsked } from './personal-details.js';
import { INTENT_PATTERNS, readIntent, type IntentReading, type ListNoun } from './intent-words.js';
import { METRIC_PATTERNS, readMetric } from './metric-words.js';
import { normalise } from './normalise.js';
import { personNameWords, RANK_WORDS } from './officer-matching.js';
import type { PeriodSpec } from '../periods.js';
import { endedTrendSpan, monthsCovered, readPeriod } from './period-words.js';
import { periodPair } from './period-pairs.js';
import { asSergeantsOwnTeam } from './own-team-words.js';
import { readScope, SCOPE_PATTERNS } from './scope-words.js';
import { exampleQuestions } from './suggestions.js';
import type { Asker, Assumed, Intent, Metric, PersonEntry, Query, QuestionContext, Scope, Understanding, UnitEntry } from './types.js';
import { KIND_WORDS, unitNameWords } from './unit-matching.js';
import { isTypoOf } from './typo-distance.js';
import { unreadWords } from './unread-words.js';

/**
 * A plain-English question -> a query, deterministically and locally (no text leaves the force).
 * Each step reads one thing from the normalised text: the period first (so its numbers are not read
 * as team numbers or thresholds), then the metric, the intent and the scope. Every word is then
 * accounted for (unread-words.ts): a word no reader understood is named back, never dropped. Unclear
 * units are asked back with buttons; anything not understood gets example questions, never silence.
 */

const DEFAULT_TREND_MONTHS = 6;
/** Words that show a question is about figures even when it names no metric, unit or period. */
const FIGURE_WORDS = new RegExp(
  String.raw`\b(?:doing|getting on|figures|performance|rate|results|summary|summarise|dashboard|status|how am i` +
    '|how are we|how is my|how are my|how is our|looking|score|percent' +
    '|(?:hitting|meeting|making|keeping up with|on top of) (?:them|it|the deadlines?|our deadlines?|the target|things)' +
    String.raw`(?: on time)?)\b`,
);
/** A month or year said after "last": "vs last October" names a period of its own, not the baseline. */
const MONTH_OR_YEAR = String.raw`jan\w*|feb\w*|mar\w*|apr\w*|may|jun\w*|jul\w*|aug\w*|sep\w*|oct\w*|nov\w*|dec\w*|q[1-4]|\d`;
/**
 * "compared with last month" names the baseline every figure answer already carries, not the period
 * asked about; it is set aside so "how does my team compare with last month" is answered for now.
 */
const BASELINE = new RegExp(
  String.raw`\b(?:(?:compared?|comparing|versus|vs|against)(?: it| that| this| them)?(?: to| with| against)?` +
    '|(?:better|worse|higher|lower|up|down|improv(?:ing|ed|ement))(?: or (?:better|worse|higher|lower|up|down))?(?: than| on' +
    '| from| since| vs| versus)?(?: (?:it|we|they) (?:was|were))?)(?: the)? (?:(?:last|previous|prior|same) (?:month|week|quarter' +
    String.raw`|year)(?: before)?|(?:month|week|quarter|year) before|(?:last|previous|prior)(?: one)?(?! (?:${MONTH_OR_YEAR})))\b`,
  'g',
);
/** A unit's number said beside its kind ("team 3", "3 team"): read as part of the unit's name. */
const UNIT_NUMBER =
  /\b(?:team|squad|unit|teams|lpa|command) (?:\d{1,2}|one|two|three|four|five|six|seven|eight|nine|ten)\b|\b\d{1,2} team\b/;
/** A collar number beside a rank ("PC 2101"): read with the officer. */
const COLLAR_NUMBER = /\b(?:pc|dc|ps|ds|sergeant|inspector|di|pcso|officer) \d{2,6}\b/;
/** "North Team 2 against the other North teams", "the rest of North LPA": the list the compare reads. */
const THE_OTHERS = /\b(?:the other|the others|the rest of(?: the)?|the rest)\b/;
/** "NAs not done", "jobs that aren't compliant": the breach side of a figure, read with the metric. */
const NOT_DONE = new RegExp(
  String.raw`\b(?:not|arent|isnt|havent|hasnt|wasnt|werent|didnt|dont|doesnt) (?:yet )?(?:get |have )?(?:been )?` +
    '(?:done|completed|assessed|updated|compliant' +
    String.raw`|met|had|told|informed|referred|sent|received|got)\b|\bno (?:\w+ ){1,2}(?:done|completed|recorded)\b|\bout of time\b`,
);
/** "RAG the commands", "RAG status": the list shows every RAG. */
const RAG_ALL = /\brag(?: status| rating)?\b/;
/**
 * "Any decision updates due? I charged someone yesterday": the day says when the decision was made, not when
 * the items stood; the items due now answer it.
 */
const DECISION_MADE =
  /\b(?:charged|arrested|bailed|released|had an? (?:charge|arrest|decision|nfa))\b(?: (?:someone|somebody|one|a suspect|him|her|them))?/;
const OWN_PATTERNS: readonly RegExp[] = [FIGURE_WORDS, BASELINE, UNIT_NUMBER, COLLAR_NUMBER, THE_OTHERS, NOT_DONE, RAG_ALL, DECISION_MADE];

export function parseQuestion(text: string, context: QuestionContext): Understanding {
  const { asker, units, now, timeZone } = context;
  const people = context.people ?? [];
  const unitWords = unitNameWords(units);
  const nameWords = personNameWords(people);
  const normalised = normalise(text, new Set([...unitWords, ...nameWords]));
  const suggestions = exampleQuestions(asker, units);
  const notUnderstood: Understanding = { kind: 'not_understood', suggestions };
  // A bare "?" is the shortest way to ask what the bot can do.
  if (normalised === '') return /^\s*\?+\s*$/.test(text) ? { kind: 'help' } : notUnderstood;
  if (isHelpRequest(normalised)) return { kind: 'help' };
  if (isSignOff(normalised)) return notUnderstood;
  const personal = personalDetailsAsked(normalised);
  if (personal !== null) return { kind: 'cannot_answer', said: personal, reason: PERSONAL_DETAILS_REASON, hint: PERSONAL_DETAILS_HINT };

  const withoutBaseline = normalised.replace(BASELINE, ' ');
  const periodsSaid = readPeriod(withoutBaseline, now, timeZone, context.quarters);
  const pair = periodPair(periodsSaid, now, timeZone);
  if (pair.kind === 'apart') return pair.declined;
  // "Any decision updates due? I charged one on Tuesday": the day is the decision's, not the figures'.
  const decisionDay = pair.reading.period?.kind === 'day' && DECISION_MADE.test(pair.reading.rest);
  const period = decisionDay ? { ...pair.reading, period: null, periodsNamed: 0, periods: [] } : pair.reading;
  // A time still to come is declined, unless the question also names a time that can be answered ("my review is
  // next week: how did we do in October"): then the reading for that time is offered, the future words named back.
  const answerableTime = period.period !== null || period.trendMonths !== null;
  if (period.unsupported !== null && !answerableTime) {
    return { kind: 'cannot_answer', said: period.unsupported.said, reason: period.unsupported.reason };
  }
  const metric = readMetric(period.rest);
  // The dip-sample audits are their own topic, read first: "audits outstanding" is not a list of overdue items.
  const dipAudit = readDipAudit(period.rest);
  // "June to August, month by month": a trend that ends before this month.
  const ended = period.period ? endedTrendSpan(period.period, now, timeZone, period.trendMonths) : null;
  const intentReading: IntentReading = dipAudit
    ? { intent: dipAudit, explicit: true, listNoun: null, ownItems: false }
    : readIntent(asSergeantsOwnTeam(period.rest, asker), {
        metric,
        pastPeriod: period.period !== null && !isCurrent(period.period),
        pastDay: period.period?.kind === 'day',
        trendMonths: period.trendMonths,
        defaultTrendMonths: ended?.months ?? (period.period && monthsCovered(period.period, now, timeZone)) ?? DEFAULT_TREND_MONTHS,
        comparesPeriods: period.periodsNamed > 1 || withoutBaseline !== normalised,
        // "Moved since the start of the month": the change over the month so far, like "since 1 Nov".
        sincePeriod: period.period?.kind === 'since' || (period.period !== null && /\bsince\b/.test(normalised)),
      });
  const scopeReading = readScope(period.rest, {
    asker,
    units,
    people,
    unitWords,
    intent: intentReading.intent,
    listNoun: intentReading.listNoun,
    ownItems: intentReading.ownItems,
  });
  // A person's name counts as read only when the question was read as about that person: "Tom's NAs" answered
  // for the team would drop the name, so then "tom" is named back instead.
  const namedOfficer =
    (scopeReading.kind === 'scope' && scopeReading.scope.kind === 'officer' && scopeReading.scope.personId !== 'self') ||
    (scopeReading.kind === 'scope' && scopeReading.throughPerson === true) ||
    (scopeReading.kind === 'ambiguous' && scopeReading.options.some((option) => option.scope.kind === 'officer'));
  const readPeople = namedOfficer ? people : [];
  const readPersonWords = namedOfficer ? nameWords : new Set<string>();
  const unread = [
    ...(period.unsupported ? [period.unsupported.said] : []),
    ...unreadWords(period.rest, {
      patterns: [...OWN_PATTERNS, ...METRIC_PATTERNS, ...INTENT_PATTERNS, ...SCOPE_PATTERNS, ...(dipAudit ? DIP_AUDIT_PATTERNS : [])],
      nameWords: readNameWords(units, unitWords, readPersonWords, readPeople),
      // Unit names are matched allowing for typos; people's names only as written, or with a possessive "s".
      isNameTypo: (word) => [...unitWords].some((own) => isTypoOf(word, own)) || readPersonWords.has(word.replace(/s$/, '')),
    }),
  ];

  const intent: Intent =
    intentReading.intent.kind === 'trend' && ended && intentReading.intent.months === ended.months
      ? { ...intentReading.intent, through: ended.through }
      : intentReading.intent;
  const periodNamed = period.period !== null || period.trendMonths !== null;
  const only = scopeReading.kind === 'scope' ? scopeReading.only : undefined;
  const except = scopeReading.kind === 'scope' ? scopeReading.except : undefined;
  const listNoun = (scopeReading.kind === 'scope' ? scopeReading.listNoun : undefined) ?? intentReading.listNoun;
  const build = (scope: Scope): Query => ({
    ...(except ? { except } : {}),
    intent: withListLevel(withNamedUnits(intent, scope, only), listNoun, scope, units),
    metric: metricFor(intent, metric),
    scope,
    // A trend runs to now over month-ends; the period words only said how far back.
    // "As of today, better or worse than last month": now, beside the baseline every figure answer carries.
    period:
      intent.kind === 'trend' || (period.period?.kind === 'today' && withoutBaseline !== normalised)
        ? { kind: 'now' }
        : (period.period ?? { kind: 'now' }),
  });
  if (scopeReading.kind === 'unknown_name') {
    return { kind: 'unknown_name', said: scopeReading.said, options: unknownNameOptions(scopeReading.said, units, build), suggestions };
  }

  const understood =
    withoutBaseline !== normalised ||
    metric !== null ||
    intentReading.explicit ||
    scopeReading.kind === 'ambiguous' ||
    scopeReading.named ||
    periodNamed ||
    FIGURE_WORDS.test(period.rest);
  if (!understood) {
    if (/\bhelp\b/.test(normalised)) return { kind: 'help' };
    return unread.length > 0 ? { kind: 'unread', words: unread, reading: null, suggestions } : notUnderstood;
  }
  if (scopeReading.kind === 'ambiguous') {
    return {
      kind: 'ambiguous',
      question: `Which did you mean by "${scopeReading.said}"?`,
      options: scopeReading.options.map((option) => ({ label: option.label, query: build(option.scope) })),
    };
  }
  // "How is he doing": someone is meant and no one is named, so the asker's people are offered, never the asker's unit.
  const pronoun = scopeReading.named ? null : SOMEONE.exec(period.rest);
  if (pronoun) {
    const options = peopleNear(asker, units, people).map((person) => ({
      label: person.name,
      query: build({ kind: 'officer', personId: person.id }),
    }));
    if (options.length === 0) return { kind: 'unread', words: [pronoun[0]], reading: null, suggestions };
    return { kind: 'ambiguous', question: `Who did you mean by "${pronoun[0]}"?`, options };
  }
  const assumed: Assumed = { period: !periodNamed, place: !scopeReading.named };
  const query = build(scopeReading.scope);
  if (unread.length > 0) return { kind: 'unread', words: unread, reading: { query, assumed }, suggestions };
  return { kind: 'query', query, assumed };
}

/** A person spoken of and not named: "how is he doing", "is she up to date". */
const SOMEONE = /\b(?:he|she|hes|shes|him)\b/;
const MAX_PEOPLE_OFFERED = 6;

/** The people a "he" or "she" most likely means: those of the asker's unit and the teams just below it. */
function peopleNear(asker: Asker, units: readonly UnitEntry[], people: readonly PersonEntry[]): PersonEntry[] {
  const near = new Set([asker.unitId, ...units.filter((unit) => unit.parentId === asker.unitId).map((unit) => unit.id)]);
  return people.filter((person) => near.has(person.unitId) && person.id !== asker.personId).slice(0, MAX_PEOPLE_OFFERED);
}

/** Now, today and this week: open items "due this week" are still a list, not a past figure. */
function isCurrent(period: PeriodSpec): boolean {
  return period.kind === 'now' || period.kind === 'today' || (period.kind === 'week' && period.offset === 0);
}

/** Words read wherever they stand: unit names and ids, unit kind words, officers' names and ranks. */
function readNameWords(
  units: readonly UnitEntry[],
  unitWords: ReadonlySet<string>,
  personWords: ReadonlySet<string>,
  people: readonly PersonEntry[],
): Set<string> {
  const words = new Set<string>([...personWords, ...RANK_WORDS, ...Object.keys(KIND_WORDS)]);
  // Collar numbers ("2103") are read as the officer they belong to.
  for (const person of people) for (const word of person.name.split(/\s+/)) if (/^\d{3,6}$/.test(word)) words.add(word);
  // A number is read only beside the unit word it belongs to (UNIT_NUMBER): "bottom 5" is not "Team 5".
  for (const word of unitWords) if (!/^\d+$/.test(word)) words.add(word);
  for (const unit of units) {
    words.add(unit.id.toLowerCase());
    words.add(unit.id.toLowerCase().replace(/[-_\s]/g, ''));
  }
  return words;
}

/**
 * "East LPA" when the force has no East LPA: the units of the kind the words name are offered instead
 * ("lpa": the commands), as many as a card shows; the service drops those the asker may not see.
 */
function unknownNameOptions(said: string, units: readonly UnitEntry[], build: (scope: Scope) => Query): { label: string; query: Query }[] {
  const kinds = said
    .split(' ')
    .map((word) => KIND_WORDS[word])
    .filter((kind) => kind === 'team' || kind === 'command' || kind === 'department');
  if (kinds.length === 0) return [];
  const kind = kinds[0] === 'department' ? 'command' : kinds[0];
  return units
    .filter((unit) => (kind === 'command' ? unit.kind === 'command' || unit.kind === 'department' : unit.kind === kind))
    .slice(0, 6)
    .map((unit) => ({ label: unit.name, query: build({ kind: 'unit', unitId: unit.id }) }));
}

/**
 * "Which command is best" ranks the commands, not the teams a ranking lists by default; "each team's
 * rate" across the force lists teams, not the commands below it. Said only when it differs from the default.
 */
function withListLevel(intent: Intent, noun: ListNoun, scope: Scope, units: readonly UnitEntry[]): Intent {
  const scopeKind =
    scope.kind === 'force' ? 'force' : scope.kind === 'unit' ? units.find((unit) => unit.id === scope.unitId)?.kind : undefined;
  if (
    (intent.kind === 'rank' || intent.kind === 'most' || intent.kind === 'below_target') &&
    noun === 'commands' &&
    scopeKind === 'force'
  ) {
    return { ...intent, among: 'commands' };
  }
  if (intent.kind === 'compare_children' && noun === 'teams' && scopeKind === 'force') return { ...intent, among: 'teams' };
  return intent;
}

/**
 * "Compare South Team 1 and South Team 2": the list holds the named units only. "Am I under 90%?": one
 * officer has no list below them, so a threshold asks for their own figure.
 */
function withNamedUnits(intent: Intent, scope: Scope, only: string[] | undefined): Intent {
  // "Am I under 90%?", "am I in the red?": one officer has no list below them, so it asks for their own figure.
  if (scope.kind === 'officer' && (intent.kind === 'below_target' || (intent.kind === 'compare_children' && intent.rag))) {
    return { kind: 'figure' };
  }
  if (only === undefined) return intent;
  if (intent.kind === 'compare_children' || intent.kind === 'rank' || intent.kind === 'below_target' || intent.kind === 'most') {
    return { ...intent, only };
  }
  // "North LPA and City LPA on NA": two units named are compared side by side.
  return intent.kind === 'figure' && !intent.count ? { kind: 'compare_children', only } : intent;
}

function metricFor(intent: Intent, said: Metric | null): Metric {
  // An audit's figures are the reviewers' and the records' fully-compliant figure, whatever duty words it holds.
  if (intent.kind === 'dip_audit') return 'overall';
  if (intent.kind === 'most') return intent.of === 'overdue_updates' ? 'updates' : 'needs_assessment';
  return said ?? 'overall';
}
