import type { Metric, Query } from '../../domain/questions/index.js';
import type { ObligationId } from '../../domain/policy.js';
import type { PromiseCounts, Rag, Ratio, UnitDigest } from '../../domain/types.js';

/** What a question is answered with: the result union the bot turns into a card (src/bot/question-handler.ts). */

/** One figure as a person reads it: the ratio for the metric asked about. */
export interface FigureLine {
  label: string;
  unitId: string | null;
  officerId: string | null;
  rate: number | null;
  compliant: number;
  total: number;
  /** Victims in breach for the metric (overdue updates, missing assessments, or not fully compliant). */
  inBreach: number;
  /** RAG of this metric's rate against the policy's target (null when there are no live victims). */
  rag: Rag | null;
}

/** A button that asks a follow-up query (drill-down, "did you mean"). */
export interface QueryButton {
  label: string;
  query: Query;
}

/** Whose items an 'items' answer lists: an officer's own reminder, or a unit's digest. */
export type ItemsView = { kind: 'officer'; officerId: string } | { kind: 'team'; unitId: string };

export type RowNoun = 'team' | 'command' | 'unit' | 'officer';

/** "Read as: North Team 2 · fully compliant · now (10:00 Fri 20 Nov 2026)": how the question was read (read-as.ts). */
interface ReadAs {
  readAs: string;
}

export type Answer =
  | (ReadAs & {
      kind: 'figure';
      headline: string;
      metric: Metric;
      current: FigureLine & { at: string; atLabel: string };
      /** The three ratios at the same instant, for context. */
      breakdown: { needsAssessment: Ratio; updates: Ratio; overall: Ratio };
      /** The same figure at the end of the previous period of the same length; change in points, one decimal. */
      previous: FigureLine & { at: string; atLabel: string; change: number | null };
      drillDown: QueryButton[];
    })
  | (ReadAs & {
      kind: 'ranking';
      headline: string;
      metric: Metric;
      at: string;
      atLabel: string;
      rowNoun: RowNoun;
      rows: FigureLine[];
      drillDown: QueryButton[];
    })
  | (ReadAs & { kind: 'trend'; headline: string; metric: Metric; rows: (FigureLine & { periodLabel: string; at: string })[] })
  /** at: the instant the items stand at (now, or the end of a past day); duties: the duties listed, when not the digests'. */
  | (ReadAs & { kind: 'items'; headline: string; view: ItemsView; digest: UnitDigest; at: Date; duties?: readonly ObligationId[] })
  /** Acknowledgements with a planned date by state at the period's snapshot, beside the previous one (issue 17). */
  | (ReadAs & {
      kind: 'promises';
      headline: string;
      atLabel: string;
      promises: PromiseCounts;
      previous: { atLabel: string; promises: PromiseCounts };
    })
  /**
   * The dip-sample audits of a unit over a month or a quarter (issue 16): the reviewers' figures beside the
   * records' for the same cases, the audits outstanding, or the box-ticked cases by crime reference.
   */
  | (ReadAs & { kind: 'dip_audit'; headline: string; facts: { title: string; value: string }[]; notes: string[] })
  /**
   * Words no reader understood (issue 12): named back, with the question as read without them offered as a
   * button (`reading`, with its own "Read as" line), never answered unasked.
   */
  | { kind: 'unread'; words: string[]; reading: (QueryButton & ReadAs) | null; suggestions: string[] }
  | { kind: 'refusal'; reason: string; hint?: string }
  | { kind: 'help' }
  /** `note`: what could not be read ("There is no \"east lpa\" in Example Constabulary."), when known. */
  | { kind: 'not_understood'; suggestions: string[]; note?: string }
  | { kind: 'ambiguous'; question: string; options: QueryButton[] };

/** One kind of answer, e.g. `AnswerOf<'figure'>`. */
export type AnswerOf<K extends Answer['kind']> = Extract<Answer, { kind: K }>;

/** An answer as its builder returns it, before the answerer adds the "Read as" line. */
export type BareAnswer<K extends 'figure' | 'ranking' | 'trend' | 'items' | 'promises'> = Omit<AnswerOf<K>, 'readAs'>;
