import type { Activity } from 'botbuilder';
import type { Person } from '../domain/types.js';
import type { PeopleDirectory } from '../service/compliance-queries.js';

/** The person behind a Teams user: `from.aadObjectId` (records-format.md). Null when not mapped. */
export async function senderOf(people: Pick<PeopleDirectory, 'findByAadObjectId'>, activity: Activity): Promise<Person | null> {
  const aadObjectId = activity.from.aadObjectId;
  if (!aadObjectId) return null;
  return people.findByAadObjectId(aadObjectId);
}
