/**
 * Ids a compliance lookup does not know: part of the compliance queries port's contract
 * (src/service/compliance-queries.ts), thrown by the store that implements it and mapped once at each edge
 * (404 in the API, exit 2 in the CLI). Pure: they carry the id only.
 */

/** The unit asked for is not in the store (the API answers 404). */
export class UnknownUnitError extends Error {
  constructor(readonly unitId: string) {
    super(`no unit with id '${unitId}'`);
    this.name = 'UnknownUnitError';
  }
}

/** The officer asked for is not in the store. */
export class UnknownPersonError extends Error {
  constructor(readonly personId: string) {
    super(`no person with id '${personId}'`);
    this.name = 'UnknownPersonError';
  }
}
