import { isKeyword, normalise } from './normalise.js';
import type { PersonEntry } from './types.js';

/**
 * Officers named in a question: by full name ("Jo Shah"), rank and surname ("PC Shah") or a surname
 * alone when it is not also a word the parser listens for. Several people fitting is the caller's
 * cue to ask which one.
 */

export const RANK_WORDS: ReadonlySet<string> = new Set([
  'pc',
  'dc',
  'sergeant',
  'ds',
  'inspector',
  'di',
  'ci',
  'constable',
  'detective',
  'officer',
  'mr',
  'mrs',
  'ms',
  'miss',
  'dr',
  'chief',
  'superintendent',
  'supt',
  'psc',
  'pcso',
  'tdc',
]);

/**
 * Surnames that are also words of a figures question ("which teams are green?"): read as a name only
 * after a rank ("PC Green") or as a full name, never alone.
 */
const QUESTION_WORDS = new Set([
  'green',
  'amber',
  'red',
  'rag',
  'target',
  'best',
  'worst',
  'most',
  'least',
  'better',
  'worse',
  'good',
  'well',
  'long',
  'overall',
  'rate',
]);

export interface OfficerMention {
  text: string;
  candidates: PersonEntry[];
}

/** Name words of people, kept out of typo correction. */
export function personNameWords(people: readonly PersonEntry[]): Set<string> {
  const words = new Set<string>();
  for (const person of people) for (const word of nameWordsOf(person)) words.add(word);
  return words;
}

export function findOfficerMention(text: string, people: readonly PersonEntry[], unitWords: ReadonlySet<string>): OfficerMention | null {
  const padded = ` ${text} `;
  const fullName = people.filter((person) => {
    const words = nameWordsOf(person);
    return words.length > 1 && padded.includes(` ${words.join(' ')} `);
  });
  if (fullName.length > 0) return { text: nameWordsOf(fullName[0]!).join(' '), candidates: fullName };

  const tokens = text.split(' ');
  // "PC 2101", "2101": a collar number is in the person's name as the records give it ("PC 2101 Amara Shah").
  for (const [i, token] of tokens.entries()) {
    if (!/^\d{3,6}$/.test(token)) continue;
    const byNumber = people.filter((person) => person.name.split(/\s+/).includes(token));
    if (byNumber.length > 0)
      return { text: i > 0 && RANK_WORDS.has(tokens[i - 1]!) ? `${tokens[i - 1]} ${token}` : token, candidates: byNumber };
  }
  // "Shahs" is "Shah's" typed without its apostrophe.
  const said = (word: string) => tokens.findIndex((token) => token === word || token === `${word}s`);
  const bySurname = new Map<string, PersonEntry[]>();
  for (const person of people) {
    const surname = nameWordsOf(person).at(-1);
    if (surname === undefined || surname.length < 3) continue;
    const at = said(surname);
    if (at < 0) continue;
    const rank = at > 0 && RANK_WORDS.has(tokens[at - 1]!) ? tokens[at - 1]! : null;
    const saidAlone = !isKeyword(surname) && !QUESTION_WORDS.has(surname) && !unitWords.has(surname) && surname.length >= 4;
    if (rank !== null || saidAlone) bySurname.set(surname, [...(bySurname.get(surname) ?? []), person]);
  }
  const [first] = bySurname.entries();
  if (first) {
    const candidates = [...bySurname.values()].flat();
    // "DC Shah" when a PC and a DC are both called Shah: the rank said picks the one who holds it.
    const at = said(first[0]);
    const rank = at > 0 ? tokens[at - 1]! : '';
    const ofRank = RANK_WORDS.has(rank) ? candidates.filter((person) => rankOf(person) === rank) : [];
    return { text: first[0], candidates: ofRank.length > 0 ? ofRank : candidates };
  }
  // "Amara", "Amaras": a first name alone, when only one person has it and it is no word the parser reads.
  const byFirstName = people.filter((person) => {
    const first = nameWordsOf(person)[0];
    return (
      first !== undefined &&
      first.length >= 3 &&
      said(first) >= 0 &&
      !isKeyword(first) &&
      !QUESTION_WORDS.has(first) &&
      !unitWords.has(first)
    );
  });
  return byFirstName.length === 1 ? { text: nameWordsOf(byFirstName[0]!)[0]!, candidates: byFirstName } : null;
}

/** Where a mention of one person begins, with their rank and collar number said before it ("PS 3100" before "Dan Moss"). */
export function mentionStart(text: string, mention: OfficerMention): number {
  let start = text.indexOf(mention.text);
  if (mention.candidates.length !== 1) return start;
  const own = new Set(mention.candidates[0]!.name.toLowerCase().split(/\s+/));
  for (let previous = /(\S+) $/.exec(text.slice(0, start))?.[1]; previous !== undefined; ) {
    if (!own.has(previous) && !RANK_WORDS.has(previous)) break;
    start -= previous.length + 1;
    previous = /(\S+) $/.exec(text.slice(0, start))?.[1];
  }
  return start;
}

/** Where a mention of one person ends, with the rest of their name said after it ("PS 1034" and then "Wright"). */
export function afterMention(text: string, mention: OfficerMention): number {
  let end = text.indexOf(mention.text) + mention.text.length;
  if (mention.candidates.length !== 1) return end;
  for (const word of nameWordsOf(mention.candidates[0]!)) {
    const next = /^ (\S+)/.exec(text.slice(end))?.[1];
    if (next === word || next === `${word}s`) end += 1 + next.length;
  }
  return end;
}

/** Words that join two people compared: "Imran vs Amara", "Tom Okafor and Lee Shah", "Amara compared with Tom". */
const PAIR_JOINER = /\b(?:versus|and|or|against|compared? (?:to|with)|with)\b/g;

/**
 * Two officers compared by name, each one person and not the same: null when the question does not name
 * exactly one officer on each side of a joining word.
 */
export function findOfficerPair(
  text: string,
  people: readonly PersonEntry[],
  unitWords: ReadonlySet<string>,
): [PersonEntry, PersonEntry] | null {
  for (const joiner of text.matchAll(PAIR_JOINER)) {
    const left = findOfficerMention(text.slice(0, joiner.index), people, unitWords);
    const right = findOfficerMention(text.slice(joiner.index + joiner[0].length), people, unitWords);
    const [one] = left?.candidates.length === 1 ? left.candidates : [];
    const [other] = right?.candidates.length === 1 ? right.candidates : [];
    if (one !== undefined && other !== undefined && one.id !== other.id) return [one, other];
  }
  return null;
}

/** "pc", "dc", "sergeant" (the normalised "PS"): the rank a person's name begins with. */
function rankOf(person: PersonEntry): string | null {
  const first = normalise(person.name, new Set(person.name.toLowerCase().split(/\s+/))).split(' ')[0] ?? '';
  return RANK_WORDS.has(first) ? first : null;
}

/** Ranks that are only ever said before a name ("PC Shah"), unlike "officer", "inspector" or "sergeant" ("sergeant here"). */
const RANK_BEFORE_NAME = /\b(?:pc|dc|ds|di|pcso) ([a-z]+|\d{3,6})\b|\b(?:sergeant|inspector) (\d{3,6})\b/;

/**
 * "PC Khan" when nobody called Khan is known: the asker named someone, so answering for anyone else
 * would be a silent guess. Returns the words as said, or null.
 */
export function unknownOfficerName(text: string, notNames: (word: string) => boolean): string | null {
  const match = RANK_BEFORE_NAME.exec(text);
  if (!match) return null;
  const name = match[1] ?? match[2]!;
  return /^\d+$/.test(name) || !notNames(name) ? match[0] : null;
}

/**
 * A name's words as a question would say them: read for every person of the force on every question (several
 * times), and normalising a name is the parser's dearest step (80-100 ms a question for a force of 3,600 people
 * before they were kept), so each name's words are kept. They depend on the name's text only; up to far more
 * names than a force has are kept, the oldest dropped first.
 */
function nameWordsOf(person: PersonEntry): readonly string[] {
  const kept = NAME_WORDS.get(person.name);
  if (kept !== undefined) return kept;
  const ownWords = new Set(person.name.toLowerCase().split(/\s+/));
  const words = Object.freeze(
    normalise(person.name, ownWords)
      .split(' ')
      .filter((word) => !RANK_WORDS.has(word) && !/\d/.test(word)),
  );
  NAME_WORDS.set(person.name, words);
  if (NAME_WORDS.size > MAX_NAMES_KEPT) NAME_WORDS.delete(NAME_WORDS.keys().next().value as string);
  return words;
}

const MAX_NAMES_KEPT = 50_000;
const NAME_WORDS = new Map<string, readonly string[]>();
