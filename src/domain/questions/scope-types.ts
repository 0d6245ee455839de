import type { ListNoun } from './intent-words.js';
import type { Asker, Intent, PersonEntry, Scope, UnitEntry } from './types.js';

/** Whose figures a question asks for, as the scope reader found them (scope-words.ts). */
export type ScopeReading =
  /**
   * only: "compare South Team 1 and South Team 2": the named units of the list, when they are not all of it;
   * listNoun: the level of the list that holds them, when the question's own words do not say it.
   */
  | { kind: 'scope'; scope: Scope; named: boolean; only?: string[]; except?: string[]; throughPerson?: true; listNoun?: 'teams' }
  | { kind: 'ambiguous'; said: string; options: { label: string; scope: Scope }[] }
  /** A unit or officer was named that the force does not have. */
  | { kind: 'unknown_name'; said: string };

export interface ScopeClues {
  asker: Asker;
  units: readonly UnitEntry[];
  people: readonly PersonEntry[];
  unitWords: ReadonlySet<string>;
  intent: Intent;
  listNoun: ListNoun;
  /** "My overdue updates": the asker's own items. */
  ownItems: boolean;
}
