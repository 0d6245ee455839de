import { isKeyword } from './normalise.js';
import { findOfficerMention, findOfficerPair, unknownOfficerName } from './officer-matching.js';
import { officerScope } from './officer-scope.js';
import { saysSergeantsOwnTeam } from './own-team-words.js';
import type { ScopeClues, ScopeReading } from './scope-types.js';
import { findUnitMentions } from './unit-matching.js';
import type { Asker, Intent, Scope, UnitEntry } from './types.js';

/**
 * Whose figures: a named officer or unit, the force, the asker's area or team, or the asker's
 * natural scope when the question does not say (officer: self; supervisor: team; inspector: their
 * unit; senior: the force). Authorisation is not decided here: a scope the asker may not see is still
 * read as asked, and refused later with the reason.
 */

/** Words that may follow a rank without being a name ("PC on my team"). */
const NOT_NAMES = new Set(['on', 'in', 'of', 'at', 'for', 'with', 'and', 'or', 'the', 'my', 'our', 'here', 'who', 'is', 'has', 'a']);

const FORCE_WORDS = new RegExp(
  String.raw`\b(?:forcewide|force-wide|force wide|force|constabulary|organisation|everyone|everybody|all commands` +
    String.raw`|all units|all lpas|across the board)\b`,
);
const AREA_WORDS = new RegExp(
  String.raw`\b(?:my|our|the) (?:area|lpa|command|department|teams|district|patch|bcu|division|lpu|commands|sector|neighbourhood` +
    String.raw`|inspectorate|sections|reliefs|shifts)\b`,
);
const TEAM_WORDS = new RegExp(
  String.raw`\b(?:my|our) (?:team|unit|lot|squad|shift|officers|oics|sergeants|staff|people|relief|section|syndicate|crew` +
    String.raw`|guys|lads|response team|cid team|officers)\b|\bthe (?:team|shift|relief|section)\b` +
    String.raw`|^team\b|\bteam (?:figures|compliance|performance|rate|stats)\b|\bour\b|\bwe\b|\bus\b`,
);

/** "Leaving out CID", "other than City LPA", "excluding South Team 2": the units after it are left out. */
const EXCLUDE = new RegExp(
  String.raw`\b(?:excluding|exclude|except(?: for)?|apart from|other than|leaving out|leave out|not counting` +
    String.raw`|not including|without|minus|bar|but not|ignoring|ignore)\b`,
);

/** "Leave CID out", "leaving City out": said as "leaving out CID". */
const LEAVE_OUT = /\b(?:leave|leaving) ((?:\S+ ){0,3}?\S+) out\b/;
/** Its own two words, for the unread-word check: what stands between them is read as names, or named back. */
const LEAVE_OUT_WORDS = /\b(?:leave|leaving)\b(?=(?: \S+){1,4} out\b)|(?<=\b(?:leave|leaving)(?: \S+){1,4} )out\b/;

export type { ScopeClues, ScopeReading } from './scope-types.js';

/**
 * Whose figures, and which units to leave out of them. The exclusion is read first so "force compliance
 * excluding CID" is the force without CID, never CID itself.
 */
export function readScope(said: string, clues: ScopeClues): ScopeReading {
  const text = said.replace(LEAVE_OUT, 'leaving out $1');
  const exclusion = EXCLUDE.exec(text);
  if (!exclusion) return readScopeOf(text, clues);
  const tail = text.slice(exclusion.index + exclusion[0].length);
  const excluded = findUnitMentions(tail.trim(), clues.units);
  const unknown = excluded.find((mention) => mention.candidates.length === 0);
  if (unknown) return { kind: 'unknown_name', said: unknown.text };
  // "Apart from City": the command, not one of its teams; still several fits (two "Team 1"s) is asked about.
  const narrowed = excluded.map((mention) => ({ ...mention, candidates: parentOfSiblings(mention.candidates, clues.units) }));
  const ambiguous = narrowed.find((mention) => mention.candidates.length > 1);
  if (ambiguous) return { kind: 'unknown_name', said: ambiguous.text };
  let rest = `${text.slice(0, exclusion.index)} ${tail}`;
  for (const mention of narrowed) rest = rest.replace(mention.text, ' ');
  const reading = readScopeOf(rest.replace(/\s+/g, ' ').trim(), clues);
  if (reading.kind !== 'scope' || narrowed.length === 0) return reading;
  return { ...reading, except: narrowed.map((mention) => mention.candidates[0]!.id) };
}

function readScopeOf(text: string, clues: ScopeClues): ScopeReading {
  const { asker, units, people } = clues;
  // "Imran vs Amara": two officers of one team, side by side in their team's list of officers.
  const pair = findOfficerPair(text, people, clues.unitWords);
  if (pair && pair[0].unitId === pair[1].unitId) {
    const only = pair.map((person) => person.id);
    return { kind: 'scope', scope: unitScope(pair[0].unitId, units), named: true, only, throughPerson: true };
  }
  // Two officers of different teams: no list holds both, and answering for one of them would drop the other.
  if (pair) {
    const options = pair.map((person) => ({ label: person.name, scope: { kind: 'officer' as const, personId: person.id } }));
    return { kind: 'ambiguous', said: `${pair[0].name} and ${pair[1].name}`, options };
  }
  const officer = findOfficerMention(text, people, clues.unitWords);
  if (officer) return officerScope(text, officer, clues, readScopeOf);
  const unknownOfficer = unknownOfficerName(text, (word) => isKeyword(word) || clues.unitWords.has(word) || NOT_NAMES.has(word));
  if (unknownOfficer) return { kind: 'unknown_name', said: unknownOfficer };
  if (clues.intent.kind === 'my_items' && clues.ownItems)
    return { kind: 'scope', scope: { kind: 'officer', personId: 'self' }, named: true };

  const fromUnits = scopeFromUnitMentions(text, clues);
  if (fromUnits) return fromUnits;

  if (FORCE_WORDS.test(text)) return { kind: 'scope', scope: { kind: 'force' }, named: true };
  // "my teams victims" from a sergeant is "my team's victims" typed without its apostrophe.
  if (clues.asker.role === 'supervisor' && saysSergeantsOwnTeam(text)) return ownTeam(text, asker, units);
  if (AREA_WORDS.test(text)) return { kind: 'scope', scope: areaOf(asker, units), named: true };
  if (TEAM_WORDS.test(text)) return ownTeam(text, asker, units);
  if (isList(clues.intent)) {
    // "Which team is worst?" asks about the teams of the asker's area, even from a sergeant.
    if (clues.listNoun === 'teams') return { kind: 'scope', scope: areaOf(asker, units), named: false };
    if (clues.listNoun === 'commands') return { kind: 'scope', scope: { kind: 'force' }, named: false };
  }
  // "I" and "my" alone say whose figures, not that the message asks for figures at all.
  return { kind: 'scope', scope: naturalScope(asker, units), named: false };
}

/**
 * "The team" from someone above a team (an inspector): which of their teams is asked back. "My team" from
 * them is their own unit, as they say it of their command.
 */
const A_TEAM = /\bthe team\b|^team\b|\bteam (?:figures|compliance|performance|rate|stats)\b/;

function ownTeam(text: string, asker: Asker, units: readonly UnitEntry[]): ScopeReading {
  const own = units.find((unit) => unit.id === asker.unitId);
  const teams = units.filter((unit) => unit.kind === 'team' && unit.parentId === asker.unitId);
  if (own && own.kind !== 'team' && teams.length === 1 && A_TEAM.test(text))
    return { kind: 'scope', scope: unitScope(teams[0]!.id, units), named: true };
  if (own && own.kind !== 'team' && teams.length > 1 && A_TEAM.test(text)) {
    const said = A_TEAM.exec(text)![0];
    return { kind: 'ambiguous', said, options: teams.map((team) => ({ label: team.name, scope: unitScope(team.id, units) })) };
  }
  return { kind: 'scope', scope: unitScope(asker.unitId, units), named: true };
}

function scopeFromUnitMentions(text: string, clues: ScopeClues): ScopeReading | null {
  const mentions = findUnitMentions(text, clues.units);
  if (mentions.length === 0) return null;
  const unknown = mentions.find((mention) => mention.candidates.length === 0);
  if (unknown) return { kind: 'unknown_name', said: unknown.text };

  const list = isList(clues.intent);
  const narrowed = mentions.map((mention) => ({
    said: mention.text,
    candidates: preferAskersArea(list ? parentOfSiblings(mention.candidates, clues.units) : mention.candidates, clues),
  }));
  // "Compare us with North Team 1": the asker's own team is one of the units compared.
  if (list && OWN_TEAM.test(text) && !narrowed.some((mention) => mention.candidates.some((unit) => unit.id === clues.asker.unitId))) {
    const own = clues.units.find((unit) => unit.id === clues.asker.unitId);
    if (own) narrowed.push({ said: 'us', candidates: [own] });
  }
  const distinct = new Map<string, UnitEntry>();
  for (const mention of narrowed) for (const unit of mention.candidates) distinct.set(unit.id, unit);
  if (distinct.size === 1) {
    const [unit] = distinct.values();
    return { kind: 'scope', scope: unitScope(unit!.id, clues.units), named: true };
  }
  if (list && narrowed.every((mention) => mention.candidates.length === 1)) {
    // "compare South Team 1 and South Team 2", "North Team 2 against the other North teams": one list holds them all.
    const named = [...distinct.values()];
    const common = parentOfSiblings(named, clues.units);
    if (common.length === 1) {
      const parent = common[0]!;
      const only = named.filter((unit) => unit.id !== parent.id).map((unit) => unit.id);
      const others = /\b(?:other|others|rest)\b/.test(text);
      return { kind: 'scope', scope: unitScope(parent.id, clues.units), named: true, ...(only.length > 1 && !others ? { only } : {}) };
    }
    // "South Team 2 vs East Team 2": teams of different commands, side by side in the force's list of teams.
    if (common.length > 1 && named.every((unit) => unit.kind === 'team')) {
      return { kind: 'scope', scope: { kind: 'force' }, named: true, only: named.map((unit) => unit.id), listNoun: 'teams' };
    }
  }
  const said = narrowed.map((mention) => mention.said).join(' / ');
  return {
    kind: 'ambiguous',
    said,
    options: [...distinct.values()]
      .sort(byTreeOrder(clues.units))
      .map((unit) => ({ label: unit.name, scope: unitScope(unit.id, clues.units) })),
  };
}

/** "Us", "we", "my team" beside a named unit in a comparison. */
const OWN_TEAM = /\b(?:us|we|our team|my team|ours|mine)\b/;

/**
 * "Team 1" from the South inspector is South Team 1: when exactly one of the fitting units lies in
 * the asker's own command, that is the one meant. Otherwise every fit stays, and the caller asks.
 */
function preferAskersArea(candidates: UnitEntry[], clues: ScopeClues): UnitEntry[] {
  if (candidates.length < 2) return candidates;
  // "South" from the South LPA inspector or a senior lead: the LPA and its own teams fit, and the area is
  // meant (a team is named by its number). A sergeant sees their team only, so for them every fit stays
  // and the visible one is asked back; an inspector of another area is asked too.
  const parent = candidates.find((unit) => candidates.every((other) => other.id === unit.id || other.parentId === unit.id));
  const seesArea =
    clues.asker.role === 'senior' ||
    (clues.asker.role === 'inspector' && parent !== undefined && isWithin(clues.asker.unitId, parent.id, clues.units));
  if (parent && seesArea) return [parent];
  const home = homeCommandOf(clues.asker.unitId, clues.units);
  if (home === null) return candidates;
  const inHome = candidates.filter((unit) => isWithin(unit.id, home, clues.units));
  return inHome.length === 1 ? inHome : candidates;
}

/**
 * In a list, "which North team is worst" or "the worst team in south" ranks within the area the words
 * name: when the fits are one unit's children (with or without that unit), that unit is meant.
 */
function parentOfSiblings(candidates: UnitEntry[], units: readonly UnitEntry[]): UnitEntry[] {
  if (candidates.length < 2) return candidates;
  const parentAmongThem = candidates.find((unit) => candidates.every((other) => other.id === unit.id || other.parentId === unit.id));
  if (parentAmongThem) return [parentAmongThem];
  const parentIds = new Set(candidates.map((unit) => unit.parentId));
  const [parentId] = parentIds;
  const parent = parentIds.size === 1 ? units.find((unit) => unit.id === parentId) : undefined;
  return parent ? [parent] : candidates;
}

function homeCommandOf(unitId: string, units: readonly UnitEntry[]): string | null {
  const byId = new Map(units.map((unit) => [unit.id, unit]));
  for (let unit = byId.get(unitId); unit; unit = unit.parentId === null ? undefined : byId.get(unit.parentId)) {
    if (unit.kind === 'command' || unit.kind === 'department') return unit.id;
  }
  return null;
}

function isWithin(unitId: string, ancestorId: string, units: readonly UnitEntry[]): boolean {
  const byId = new Map(units.map((unit) => [unit.id, unit]));
  const seen = new Set<string>();
  for (let unit = byId.get(unitId); unit && !seen.has(unit.id); unit = unit.parentId === null ? undefined : byId.get(unit.parentId)) {
    if (unit.id === ancestorId) return true;
    seen.add(unit.id);
  }
  return false;
}

/** Commands before their teams, in the order the tree lists them, so buttons read top-down. */
function byTreeOrder(units: readonly UnitEntry[]): (a: UnitEntry, b: UnitEntry) => number {
  const depth = (unit: UnitEntry): number => (unit.kind === 'force' ? 0 : unit.kind === 'team' ? 2 : 1);
  const position = new Map(units.map((unit, index) => [unit.id, index]));
  return (a, b) => depth(a) - depth(b) || position.get(a.id)! - position.get(b.id)!;
}

function isList(intent: Intent): boolean {
  return intent.kind === 'compare_children' || intent.kind === 'below_target' || intent.kind === 'rank' || intent.kind === 'most';
}

function naturalScope(asker: Asker, units: readonly UnitEntry[]): Scope {
  switch (asker.role) {
    case 'officer':
      return { kind: 'officer', personId: 'self' };
    case 'senior':
      return { kind: 'force' };
    case 'supervisor':
    case 'inspector':
    case 'admin':
      return unitScope(asker.unitId, units);
  }
}

/** "My area": the asker's own unit, or for someone in a team the command above it. */
function areaOf(asker: Asker, units: readonly UnitEntry[]): Scope {
  if (asker.role === 'senior') return { kind: 'force' };
  const own = units.find((unit) => unit.id === asker.unitId);
  if (own?.kind === 'team' && own.parentId !== null) return unitScope(own.parentId, units);
  return unitScope(asker.unitId, units);
}

function unitScope(unitId: string, units: readonly UnitEntry[]): Scope {
  return units.find((unit) => unit.id === unitId)?.kind === 'force' ? { kind: 'force' } : { kind: 'unit', unitId };
}

/** Every pattern this reader listens for, so the words they match count as read (unread-words.ts). */
export const SCOPE_PATTERNS: readonly RegExp[] = [FORCE_WORDS, AREA_WORDS, TEAM_WORDS, EXCLUDE, LEAVE_OUT_WORDS];
