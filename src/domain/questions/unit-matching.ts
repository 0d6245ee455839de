import type { UnitKind } from '../types.js';
import { isKeyword, normalise } from './normalise.js';
import { isTypoOf } from './typo-distance.js';
import type { UnitEntry } from './types.js';

/**
 * Units named in a question: by id ("N-T3", "nt3") or by name, in any order ("team 3 north"),
 * partly ("north" fits North LPA and every North team) and with typos ("nroth lpa"). A mention lists
 * every unit it fits; a unit whose whole name was given wins over partial fits. Choosing between
 * several fits is the caller's job, and it asks rather than guesses.
 */

/** What a generic word in a unit's name says about its kind; 'parent' is a plural ("the North teams"). */
export type KindWord = UnitKind | 'parent' | 'any';

export const KIND_WORDS: Readonly<Record<string, KindWord>> = {
  team: 'team',
  squad: 'team',
  teams: 'parent',
  lpa: 'command',
  command: 'command',
  area: 'command',
  district: 'command',
  bcu: 'command',
  division: 'command',
  lpu: 'command',
  local: 'command',
  policing: 'command',
  department: 'department',
  directorate: 'department',
  force: 'force',
  constabulary: 'force',
  police: 'force',
  service: 'force',
  unit: 'any',
};
const NUMBER_WORDS: Record<string, string> = {
  one: '1',
  two: '2',
  three: '3',
  four: '4',
  five: '5',
  six: '6',
  seven: '7',
  eight: '8',
  nine: '9',
  ten: '10',
};
/** Words that may stand before a kind word without being a unit's name ("my team", "which lpa"). */
const NOT_A_NAME = new Set(
  [
    'my our the a an each every which what whole entire this that per all your their his her its of in',
    'for by on at to and or with whose any other same one own is are was how me we us i than vs versus',
    'from about across between within give show list tell get see has have got do does did be it so far',
    'just only please rest those these then there',
    // Describing words people put before "team" that are not names.
    'performing scoring rated ranked placed achieving doing different overall specific particular given',
    'new old next first second third fourth single individual top bottom poor good bad better strong weak',
    'home another most least no',
    // Figures said just before a unit ("NA rate t2").
    'rate rates na nas figure figures percent score compliance update updates referrals',
  ]
    .join(' ')
    .split(' '),
);

export interface UnitMention {
  /** The words as the question gave them, for the ask-back. */
  text: string;
  /** Units the words fit: one means resolved, several means ask, none means an unknown unit. */
  candidates: UnitEntry[];
}

interface UnitName {
  unit: UnitEntry;
  ids: Set<string>;
  words: string[];
  numbers: string[];
  kindWords: KindWord[];
}

type TokenRole = 'id' | 'word' | 'number' | 'kind' | 'other';

/** Words of unit names, kept out of typo correction so "cid" stays "cid". */
export function unitNameWords(units: readonly UnitEntry[]): Set<string> {
  const words = new Set<string>();
  for (const unit of units) for (const word of nameTokens(unit.name)) words.add(word);
  return words;
}

export function findUnitMentions(text: string, units: readonly UnitEntry[]): UnitMention[] {
  const names = units.map(analyseName);
  const tokens = text.split(' ').filter((token) => token.length > 0);
  const roles = tokens.map((token, i) => roleOf(token, tokens[i + 1], names));
  const mentions: UnitMention[] = [];
  for (let start = 0; start < tokens.length; ) {
    if (roles[start] === 'other') {
      start += 1;
      continue;
    }
    let end = start;
    while (end + 1 < tokens.length && roles[end + 1] !== 'other') end += 1;
    mentions.push(...mentionsOfRun(tokens.slice(start, end + 1), roles.slice(start, end + 1), tokens[start - 1], names));
    start = end + 1;
  }
  return mentions;
}

/**
 * "north lpa city lpa" runs two names together: when a run fits no unit as a whole, it is cut where a
 * name word follows a kind word or number, and each piece is matched on its own.
 */
function mentionsOfRun(tokens: string[], roles: TokenRole[], before: string | undefined, names: UnitName[]): UnitMention[] {
  const whole = mentionsIn(tokens, roles, before, names);
  if (whole.every((mention) => mention.candidates.length > 0)) return whole;
  const cut = roles.findIndex((role, i) => i > 0 && role === 'word' && (roles[i - 1] === 'kind' || roles[i - 1] === 'number'));
  if (cut < 0) return whole;
  const pieces = [
    ...mentionsOfRun(tokens.slice(0, cut), roles.slice(0, cut), before, names),
    ...mentionsOfRun(tokens.slice(cut), roles.slice(cut), tokens[cut - 1], names),
  ];
  return pieces.every((mention) => mention.candidates.length > 0) ? pieces : whole;
}

function mentionsIn(tokens: string[], roles: TokenRole[], before: string | undefined, names: UnitName[]): UnitMention[] {
  const text = tokens.join(' ');
  const ids = tokens.filter((_, i) => roles[i] === 'id');
  if (ids.length > 0) {
    return ids.map((id) => ({ text: id, candidates: names.filter((name) => name.ids.has(idKey(id))).map((name) => name.unit) }));
  }
  const words = tokens.filter((_, i) => roles[i] === 'word');
  const numbers = tokens.filter((_, i) => roles[i] === 'number').map((n) => NUMBER_WORDS[n] ?? n);
  const kinds = tokens.filter((_, i) => roles[i] === 'kind').map((k) => KIND_WORDS[k]!);
  if (words.length === 0) {
    // "my team", "which lpa": kind words alone name no unit. "team 3" does; "east lpa" is an unknown unit.
    const namesNumber = numbers.length > 0 && kinds.some((kind) => kind === 'team');
    // Only a word before "LPA"/"department" or "team <number>" is surely a name: "view team" is not.
    const namedKind = kinds.some((k) => k === 'command' || k === 'department') || namesNumber;
    const unknownName = before !== undefined && namedKind && !NOT_A_NAME.has(before) && !isKeyword(before) && /^[a-z]+$/.test(before);
    if (unknownName) return [{ text: `${before} ${text}`, candidates: [] }];
    if (!namesNumber) return [];
  }
  const fits = names.filter((name) => fitsName(name, words, numbers, kinds));
  const whole = fits.filter((name) => isWholeName(name, words, numbers, kinds));
  const chosen = whole.length > 0 ? whole : fits;
  return [{ text, candidates: chosen.map((name) => name.unit) }];
}

function fitsName(name: UnitName, words: string[], numbers: string[], kinds: KindWord[]): boolean {
  return (
    words.every((word) => name.words.some((own) => isTypoOf(word, own))) &&
    numbers.every((n) => name.numbers.includes(n)) &&
    kinds.every((kind) => kindFits(kind, name.unit.kind))
  );
}

function isWholeName(name: UnitName, words: string[], numbers: string[], kinds: KindWord[]): boolean {
  return (
    name.words.every((own) => words.some((word) => isTypoOf(word, own))) &&
    name.numbers.every((n) => numbers.includes(n)) &&
    name.kindWords.every((kind) => kinds.includes(kind))
  );
}

function kindFits(kind: KindWord, unitKind: UnitKind): boolean {
  if (kind === 'any') return true;
  if (kind === 'parent') return unitKind !== 'team';
  return kind === unitKind;
}

function roleOf(token: string, next: string | undefined, names: UnitName[]): TokenRole {
  if (names.some((name) => name.ids.has(idKey(token)) && (token.length > 2 || /\d|-/.test(token)))) {
    // "cid" is both an id and a name word; as a word it can join "cid team 1".
    return names.some((name) => name.words.includes(token)) ? 'word' : 'id';
  }
  if (/^\d{1,2}$/.test(token) || token in NUMBER_WORDS) return next === 'percent' ? 'other' : 'number';
  if (token in KIND_WORDS) return 'kind';
  if (isKeyword(token) || NOT_A_NAME.has(token)) return 'other';
  return names.some((name) => name.words.some((own) => isTypoOf(token, own))) ? 'word' : 'other';
}

function analyseName(unit: UnitEntry): UnitName {
  const tokens = nameTokens(unit.name);
  return {
    unit,
    ids: new Set([idKey(unit.id)]),
    words: tokens.filter((t) => !(t in KIND_WORDS) && !/^\d+$/.test(t) && !(t in NUMBER_WORDS)),
    numbers: tokens.filter((t) => /^\d+$/.test(t) || t in NUMBER_WORDS).map((t) => NUMBER_WORDS[t] ?? t),
    kindWords: tokens.filter((t) => t in KIND_WORDS).map((t) => KIND_WORDS[t]!),
  };
}

/** A name in the question's spelling, but never "mended": a unit is called what it is called. */
function nameTokens(name: string): string[] {
  return normalise(name, new Set(name.toLowerCase().split(/\s+/))).split(' ');
}

/** Ids compare without case or hyphens: "N-T3", "n-t3" and "nt3" are one id. */
function idKey(value: string): string {
  return value.toLowerCase().replace(/[-_\s]/g, '');
}
