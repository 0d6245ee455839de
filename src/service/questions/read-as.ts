import { TZDate } from '@date-fns/tz';
import { format } from 'date-fns';
import type { ResolvedPeriod } from '../../domain/periods.js';
import type { Assumed, Intent, Metric } from '../../domain/questions/index.js';
import { BREACH_WORDS, METRIC_WORDS, percentText } from '../../domain/wording.js';

/**
 * The "Read as" line every figures answer carries (issue 12): how the question was read, in words the
 * asker can check against what they meant — whose figures, which figure, and the instant — and what was
 * filled in because the question did not say ("no period given, so: now").
 */

export interface ReadAsParts {
  /** Whose figures: "North Team 2", "PC 2101 Amara Shah", "Example Constabulary". */
  whose: string;
  intent: Intent;
  metric: Metric;
  /** The period as resolved; absent for a trend (its month-ends are given instead). */
  period?: ResolvedPeriod;
  /** A trend's first and last month-end labels. */
  months?: { first: string; last: string; count: number };
  /** What a list holds: "teams", "officers", "commands". */
  rows?: string;
  /** Units left out ("excluding CID"), by name. */
  without?: string[];
  /** The names of the units a list was cut to ("compare South Team 1 and South Team 2"). */
  onlyNames?: string[];
  assumed?: Assumed | undefined;
  /** The months of a dip-sample question ("Q4 2026", "November 2026 (the current sample)"), said instead of an instant. */
  sampleMonths?: string;
  /** The force's time zone, for the instants said. */
  timeZone: string;
}

const SEPARATOR = ' · ';

const DIP_WORDS = {
  results: 'dip-sample audits (reviewers beside the records)',
  outstanding: 'dip-sample audits outstanding (drawn, not submitted)',
  box_ticked: 'dip-sample cases the records called compliant and the reviewer did not',
} as const;

export function readAsLine(parts: ReadAsParts): string {
  const without = parts.without && parts.without.length > 0 ? [`without ${parts.without.join(' and ')}`] : [];
  const [whose = '', ...what] = whatPieces(parts);
  const pieces = [whose, ...without, ...what, ...whenPieces(parts)];
  const notes = assumedNotes(parts);
  return `Read as: ${pieces.join(SEPARATOR)}${notes.length > 0 ? ` (${notes.join('; ')})` : ''}`;
}

function whatPieces({ whose, intent, metric, rows, onlyNames }: ReadAsParts): string[] {
  const words = METRIC_WORDS[metric];
  const list = onlyNames && onlyNames.length > 0 ? onlyNames.join(' and ') : rows ? `${rows} of ${whose}` : whose;
  switch (intent.kind) {
    case 'figure':
      return intent.count ? [whose, `how many victims ${BREACH_WORDS[metric]}`] : [whose, words];
    case 'my_items':
      return [whose, 'open items (overdue and due soon)'];
    case 'promises':
      return [whose, 'promises with a planned date (kept, missed, open)'];
    case 'dip_audit':
      return [whose, DIP_WORDS[intent.show]];
    case 'trend':
      return [whose, words, 'trend'];
    case 'compare_children':
      if (intent.change !== undefined) return [list, words, intent.change === 'down' ? 'those that slipped' : 'those that improved'];
      return [list, words, intent.rag === undefined ? 'side by side' : `rated ${intent.rag} only`];
    case 'below_target':
      return [list, words, intent.threshold === null ? 'below the target' : `below ${percentText(intent.threshold)}`];
    case 'rank':
      return [
        list,
        words,
        `${intent.order === 'best' ? 'best' : 'lowest'} ${intent.limit === undefined ? 'first' : `${intent.limit} only`}`,
      ];
    case 'most':
      return [list, intent.of === 'overdue_updates' ? 'most overdue updates' : 'most missing needs assessments'];
  }
}

function whenPieces({ intent, period, months, sampleMonths, timeZone }: ReadAsParts): string[] {
  if (months) return [`month-ends ${months.first} to ${months.last}`];
  if (sampleMonths) return [sampleMonths];
  // Items are those open now, unless a past day was asked about: then those open at its end.
  if (!period || (intent.kind === 'my_items' && !period.ended)) return [];
  if (period.label === 'now') return [`now (${clockText(period.snapshotAt, timeZone)})`];
  if (period.ended) return [period.label, `at the end of ${dayText(period.snapshotAt, timeZone)}`];
  const running = period.label.startsWith('since ') ? period.label : `${period.label} so far`;
  return [running, `at now (${clockText(period.snapshotAt, timeZone)})`];
}

function assumedNotes({ assumed, intent, months }: ReadAsParts): string[] {
  if (!assumed) return [];
  const notes: string[] = [];
  if (assumed.place) notes.push('no place given, so: yours');
  if (assumed.period && intent.kind === 'trend') notes.push(`no length given, so: ${months?.count ?? 6} months`);
  else if (assumed.period && intent.kind === 'dip_audit') notes.push('no period given, so: the current sample');
  else if (assumed.period && intent.kind !== 'my_items') notes.push('no period given, so: now');
  return notes;
}

/** "Thu 19 Nov 2026". */
function dayText(at: Date, timeZone: string): string {
  return format(new TZDate(at.getTime(), timeZone), 'EEE d MMM yyyy');
}

/** "10:00 Fri 20 Nov 2026". */
function clockText(at: Date, timeZone: string): string {
  return format(new TZDate(at.getTime(), timeZone), 'HH:mm EEE d MMM yyyy');
}
