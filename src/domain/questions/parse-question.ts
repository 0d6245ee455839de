import { isHelpRequest, readIntent, type ListNoun } from './intent-words.js';
import { readMetric } from './metric-words.js';
import { normalise } from './normalise.js';
import { personNameWords } from './officer-matching.js';
import { monthsCovered, readPeriod } from './period-words.js';
import { readScope } from './scope-words.js';
import { exampleQuestions } from './suggestions.js';
import type { Intent, Metric, Query, QuestionContext, Scope, Understanding, UnitEntry } from './types.js';
import { unitNameWords } from './unit-matching.js';

/**
 * A plain-English question -> a query, deterministically and locally (no text leaves the force).
 * Each step reads one thing from the normalised text: the period first (so its numbers are not read
 * as team numbers or thresholds), then the metric, the intent and the scope. Unclear units are asked
 * back with buttons; anything not understood gets example questions, never silence.
 */

const DEFAULT_TREND_MONTHS = 6;
/** Words that show a question is about figures even when it names no metric, unit or period. */
const FIGURE_WORDS = new RegExp(
  String.raw`\b(?:doing|getting on|figures|performance|rate|results|summary|summarise|dashboard|status|how am i` +
    String.raw`|how are we|how is my|how are my|how is our|looking|score|percent)\b`,
);
/**
 * "compared with last month" names the baseline every figure answer already carries, not the period
 * asked about; it is set aside so "how does my team compare with last month" is answered for now.
 */
const BASELINE = new RegExp(
  String.raw`\b(?:compared?|comparing|versus|vs|against)(?: it| that| this| them)?(?: to| with` +
    String.raw`| against)?(?: the)? (?:last|previous|prior|same) (?:month|week|quarter|year)(?: before)?\b`,
  'g',
);

export function parseQuestion(text: string, context: QuestionContext): Understanding {
  const { asker, units, now, timeZone } = context;
  const people = context.people ?? [];
  const unitWords = unitNameWords(units);
  const normalised = normalise(text, new Set([...unitWords, ...personNameWords(people)]));
  const notUnderstood: Understanding = { kind: 'not_understood', suggestions: exampleQuestions(asker, units) };
  // A bare "?" is the shortest way to ask what the bot can do.
  if (normalised === '') return /^\s*\?+\s*$/.test(text) ? { kind: 'help' } : notUnderstood;
  if (isHelpRequest(normalised)) return { kind: 'help' };

  const withoutBaseline = normalised.replace(BASELINE, ' ');
  const period = readPeriod(withoutBaseline, now, timeZone);
  if (period.unsupported !== null) return notUnderstood;
  const metric = readMetric(period.rest);
  const intentReading = readIntent(period.rest, {
    metric,
    trendMonths: period.trendMonths,
    defaultTrendMonths: (period.period && monthsCovered(period.period, now, timeZone)) ?? DEFAULT_TREND_MONTHS,
    comparesPeriods: period.periodsNamed > 1 || withoutBaseline !== normalised,
  });
  const scopeReading = readScope(period.rest, {
    asker,
    units,
    people,
    unitWords,
    intent: intentReading.intent,
    listNoun: intentReading.listNoun,
  });
  if (scopeReading.kind === 'unknown_name') return notUnderstood;

  const understood =
    metric !== null ||
    intentReading.explicit ||
    scopeReading.kind === 'ambiguous' ||
    scopeReading.named ||
    period.period !== null ||
    FIGURE_WORDS.test(period.rest);
  if (!understood) return /\bhelp\b/.test(normalised) ? { kind: 'help' } : notUnderstood;

  const intent = intentReading.intent;
  const build = (scope: Scope): Query => ({
    intent: withListLevel(intent, intentReading.listNoun, scope, units),
    metric: metricFor(intent, metric),
    scope,
    // A trend runs to now over month-ends; the period words only said how far back.
    period: intent.kind === 'trend' ? { kind: 'now' } : (period.period ?? { kind: 'now' }),
  });
  if (scopeReading.kind === 'ambiguous') {
    return {
      kind: 'ambiguous',
      question: `Which did you mean by "${scopeReading.said}"?`,
      options: scopeReading.options.map((option) => ({ label: option.label, query: build(option.scope) })),
    };
  }
  return { kind: 'query', query: build(scopeReading.scope) };
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

function metricFor(intent: Intent, said: Metric | null): Metric {
  if (intent.kind === 'most') return intent.of === 'overdue_updates' ? 'updates' : 'needs_assessment';
  return said ?? 'overall';
}
