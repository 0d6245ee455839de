import { localDateOf } from '../domain/calendar.js';
import { readAwayUntil } from '../domain/shift-rules.js';
import type { LocalDate, Person } from '../domain/types.js';
import { appendAudit } from '../store/audit-log.js';
import { CoverStore, type PersonCover } from '../store/cover-store.js';
import type { Db } from '../store/db.js';
import type { ServiceContext } from './service-context.js';

export type CoverCommand =
  /** "away until 30 Nov": the words after "until", read against today. */
  | { kind: 'awayUntil'; given: string }
  /** "back". */
  | { kind: 'back' }
  /** "deputy PS 2345", "cover: PC Smith"; null: "deputy off". */
  | { kind: 'deputy'; who: string | null };

export type CoverResult =
  | { kind: 'away'; awayUntil: LocalDate; deputy: Person | null }
  | { kind: 'back' }
  | { kind: 'deputy'; deputy: Person | null; awayUntil: LocalDate | null }
  | { kind: 'bad_date'; given: string }
  | { kind: 'past_date'; awayUntil: LocalDate }
  | { kind: 'unknown_person'; given: string }
  | { kind: 'ambiguous_person'; given: string; candidates: Person[] }
  | { kind: 'not_deputy'; reason: string };

export type SetCoverDeps = Pick<ServiceContext, 'db' | 'people' | 'queries' | 'policy'>;

/** A person's own time away and deputy: set by them only, in any chat, and audited (ids only). */
export async function setCover(deps: SetCoverDeps, actor: Person, command: CoverCommand, at: Date): Promise<CoverResult> {
  const covers = new CoverStore(deps.db);
  const today = localDateOf(at, deps.policy.timeZone);
  switch (command.kind) {
    case 'awayUntil': {
      const awayUntil = readAwayUntil(command.given, today);
      if (awayUntil === null) return { kind: 'bad_date', given: command.given };
      if (awayUntil < today) return { kind: 'past_date', awayUntil };
      await covers.setAwayUntil(actor.id, awayUntil);
      await audit(deps.db, actor, at, { command: 'awayUntil', awayUntil });
      return { kind: 'away', awayUntil, deputy: await deputyOf(deps, await covers.coverOf(actor.id)) };
    }
    case 'back':
      await covers.setAwayUntil(actor.id, null);
      await audit(deps.db, actor, at, { command: 'back' });
      return { kind: 'back' };
    case 'deputy': {
      let deputy: Person | null = null;
      if (command.who !== null) {
        const found = await findPerson(deps, command.who);
        if (found.kind !== 'found') return found;
        if (found.person.id === actor.id) return { kind: 'not_deputy', reason: 'You cannot be your own deputy.' };
        if (found.person.role === 'admin')
          return { kind: 'not_deputy', reason: `${found.person.name} has an administrator account, which sees no compliance items.` };
        deputy = found.person;
      }
      await covers.setDeputy(actor.id, deputy?.id ?? null);
      await audit(deps.db, actor, at, { command: 'deputy', deputyId: deputy?.id ?? null });
      const cover = await covers.coverOf(actor.id);
      return { kind: 'deputy', deputy, awayUntil: cover.awayUntil !== null && cover.awayUntil >= today ? cover.awayUntil : null };
    }
  }
}

async function deputyOf(deps: SetCoverDeps, cover: PersonCover): Promise<Person | null> {
  return cover.deputyId === null ? null : deps.people.findById(cover.deputyId);
}

export type FoundPerson = { kind: 'found'; person: Person } | Extract<CoverResult, { kind: 'unknown_person' | 'ambiguous_person' }>;

/**
 * "PS 2345", "2345": the collar number in the records' name ("PS 2345 Dan Okoro"); "PC Smith", "Dan Okoro":
 * every word said is a word of the name. One person, or the choices to say.
 */
export async function findPerson(deps: Pick<SetCoverDeps, 'people' | 'queries'>, given: string): Promise<FoundPerson> {
  const force = (await deps.queries.listUnits()).find((unit) => unit.parentId === null);
  const people = force ? await deps.people.listWithin(force.id) : [];
  const said = words(given);
  const collar = said.find((word) => /^\d{3,6}$/.test(word));
  const matches = people.filter((person) => {
    const name = words(person.name);
    return collar === undefined ? said.length > 0 && said.every((word) => name.includes(word)) : name.includes(collar);
  });
  if (matches.length === 1) return { kind: 'found', person: matches[0] as Person };
  return matches.length === 0
    ? { kind: 'unknown_person', given: given.slice(0, 80) }
    : { kind: 'ambiguous_person', given: given.slice(0, 80), candidates: matches.slice(0, 5) };
}

function words(text: string): string[] {
  return text
    .toLowerCase()
    .split(/[\s,.:]+/)
    .filter((word) => word.length > 0);
}

async function audit(db: Db, actor: Person, at: Date, details: Record<string, unknown>): Promise<void> {
  await appendAudit(db, { at, actorId: actor.id, action: 'cover.changed', subject: `person:${actor.id}`, details });
}
