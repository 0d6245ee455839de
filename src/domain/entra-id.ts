/**
 * Entra object ids (`person.aadObjectId`, `from.aadObjectId` in Teams) are GUIDs: their letter case
 * carries no meaning, and Teams and a records system may write them differently. They are stored and
 * looked up in this one form, so two ids differing only in case are the same person.
 */
export function normaliseAadObjectId(aadObjectId: string): string {
  return aadObjectId.toLowerCase();
}
