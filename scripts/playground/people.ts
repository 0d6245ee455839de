/** The demo people the playground can be (--as), read through the application's people directory. */
import type { AppServices } from '../../src/app.js';
import type { Person } from '../../src/domain/types.js';
import type { PlaygroundPerson } from './config-file.js';
import { PlaygroundError } from './playground-error.js';

/** A person with a Teams id, with their home unit's name. */
export interface TeamsMember {
  id: string;
  name: string;
  role: Person['role'];
  unitId: string;
  unitName: string;
  aadObjectId: string;
  email: string | null;
}

/** Everyone with a Teams id (aadObjectId), by id. */
export async function peopleWithTeamsIds(services: Pick<AppServices, 'people' | 'queries'>): Promise<TeamsMember[]> {
  const [people, units] = await Promise.all([services.people.listWithTeamsIds(), services.queries.listUnits()]);
  const unitNames = new Map(units.map((unit) => [unit.id, unit.name]));
  return people.map((person) => ({
    id: person.id,
    name: person.name,
    role: person.role,
    unitId: person.unitId,
    unitName: unitNames.get(person.unitId) ?? person.unitId, // a person's unit always exists (a foreign key)
    aadObjectId: person.aadObjectId,
    email: person.email,
  }));
}

export function describePerson(member: TeamsMember): string {
  return `${member.name} (${member.id}, ${member.role}, ${member.unitName})`;
}

/** Everyone but officers by name, and a count of the officers with a few ids. */
export function listPeople(members: readonly TeamsMember[]): string {
  const leads = members.filter((member) => member.role !== 'officer');
  const officers = members.filter((member) => member.role === 'officer');
  const lines = leads.map((member) => `  ${member.id.padEnd(8)} ${member.role.padEnd(10)} ${member.name}, ${member.unitName}`);
  if (officers.length > 0)
    lines.push(
      `  ... and ${officers.length} officers, e.g. ${officers
        .slice(0, 3)
        .map((member) => member.id)
        .join(', ')}`,
    );
  return `${lines.join('\n')}\n`;
}

/** The person to be: --as, else the first supervisor; with the colleagues, own team first. */
export function choosePeople(members: readonly TeamsMember[], as: string | undefined): { user: TeamsMember; colleagues: TeamsMember[] } {
  const user = as ? members.find((member) => member.id === as) : members.find((member) => member.role === 'supervisor');
  if (!user) {
    const why = as
      ? `No person '${as}' with a Teams id (aadObjectId) in the store.`
      : 'The store has no supervisor with a Teams id (aadObjectId).';
    throw new PlaygroundError(`${why} People you can be (--as):\n${listPeople(members)}`, 2);
  }
  const colleagues = [
    ...members.filter((member) => member.id !== user.id && member.unitId === user.unitId),
    ...members.filter((member) => member.unitId !== user.unitId),
  ];
  return { user, colleagues };
}

export function asPlaygroundPerson(member: TeamsMember): PlaygroundPerson {
  return { id: member.id, name: member.name, aadObjectId: member.aadObjectId, email: member.email };
}
