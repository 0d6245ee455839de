import { afterMention, mentionStart, type OfficerMention } from './officer-matching.js';
import { PERSONS_TEAM } from './own-team-words.js';
import type { ScopeClues, ScopeReading } from './scope-types.js';
import type { Scope, UnitEntry } from './types.js';
import { findUnitMentions } from './unit-matching.js';

/**
 * A person named: their figures. "PS Evans team", "Tom's lot": the team they belong to, named through them. Said
 * beside another unit, neither is dropped: their team beside it ("compare Dan Moss's team with City Team 1") is
 * read as the two units named (`readUnits`, the scope reader itself); the person beside a unit that does not hold
 * them ("PC Okafor vs City Team 1") is asked back with each.
 */
export function officerScope(
  text: string,
  officer: OfficerMention,
  clues: ScopeClues,
  readUnits: (text: string, clues: ScopeClues) => ScopeReading,
): ScopeReading {
  const { units } = clues;
  const start = mentionStart(text, officer);
  const end = afterMention(text, officer);
  const unitsIn = (rest: string) => findUnitMentions(rest, units).filter((mention) => mention.candidates.length > 0);
  const person = officer.candidates.length === 1 ? officer.candidates[0] : undefined;
  const team = person ? PERSONS_TEAM.exec(text.slice(end)) : null;
  if (person && team) {
    const teamName = units.find((unit) => unit.id === person.unitId)?.name.toLowerCase() ?? '';
    const rest = `${text.slice(0, start)}${teamName}${text.slice(end + team[0].length)}`;
    const both = unitsIn(rest).length > 1 ? readUnits(rest, clues) : null;
    if (both) return both.kind === 'scope' ? { ...both, throughPerson: true } : both;
    return { kind: 'scope', scope: { kind: 'unit', unitId: person.unitId }, named: true, throughPerson: true };
  }
  const options = officer.candidates.map((candidate) => ({
    label: candidate.name,
    scope: { kind: 'officer' as const, personId: candidate.id },
  }));
  const beside = person
    ? unitsIn(`${text.slice(0, start)} ${text.slice(end)}`).find(
        (mention) => !mention.candidates.some((unit) => holds(unit.id, person.unitId, units)),
      )
    : undefined;
  if (beside) {
    const unitOptions = beside.candidates.map((unit) => ({ label: unit.name, scope: scopeOf(unit) }));
    return { kind: 'ambiguous', said: `${officer.text} / ${beside.text}`, options: [...options, ...unitOptions] };
  }
  return options.length === 1
    ? { kind: 'scope', scope: options[0]!.scope, named: true }
    : { kind: 'ambiguous', said: officer.text, options };
}

/** Whether `unitId` is `ancestorId` or below it. */
function holds(ancestorId: string, unitId: string, units: readonly UnitEntry[]): boolean {
  const byId = new Map(units.map((unit) => [unit.id, unit]));
  for (let unit = byId.get(unitId); unit; unit = unit.parentId === null ? undefined : byId.get(unit.parentId)) {
    if (unit.id === ancestorId) return true;
  }
  return false;
}

const scopeOf = (unit: UnitEntry): Scope => (unit.kind === 'force' ? { kind: 'force' } : { kind: 'unit', unitId: unit.id });
