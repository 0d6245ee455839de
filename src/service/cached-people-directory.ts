import type { SqlPeopleDirectory } from '../store/sql-people-directory.js';
import type { PeopleDirectory } from './compliance-queries.js';
import { type DataVersionSource, type VersionName, VersionedAnswers } from './versioned-answers.js';

/**
 * The people directory reads the records (people, the unit tree) and the Teams users linked by address (a
 * person's Entra id when the records have none): src/store/sql-people-directory.ts.
 */
const PEOPLE_READS: readonly VersionName[] = ['version', 'linksVersion'];

/** The people directory the application holds: the port, and the playground's list of everyone with a Teams id. */
export type People = PeopleDirectory & Pick<SqlPeopleDirectory, 'listWithTeamsIds'>;

/**
 * The people directory behind the same versioned answers as the figures (src/service/versioned-answers.ts), so a
 * question reads the force's people once per change rather than once per question: an import that changes
 * people (or a Teams user linked by address) moves a version it is keyed by, on every replica, and the next
 * call reads them again. Acknowledgements move neither.
 */
export class CachedPeopleDirectory implements People {
  private readonly answers: VersionedAnswers;

  constructor(
    private readonly inner: People,
    versions: DataVersionSource,
    timeZone: string,
    maxEntries = 500,
  ) {
    this.answers = new VersionedAnswers(versions, timeZone, maxEntries);
  }

  /** How many answers are kept now (for tests). */
  get size(): number {
    return this.answers.size;
  }

  findById: People['findById'] = (personId) => this.cached('findById', personId, () => this.inner.findById(personId));
  findByAadObjectId: People['findByAadObjectId'] = (aadObjectId) =>
    this.cached('findByAadObjectId', aadObjectId, () => this.inner.findByAadObjectId(aadObjectId));
  listByUnit: People['listByUnit'] = (unitId) => this.cached('listByUnit', unitId, () => this.inner.listByUnit(unitId));
  listWithin: People['listWithin'] = (unitId) => this.cached('listWithin', unitId, () => this.inner.listWithin(unitId));
  /** The playground's mock directory, read rarely: not kept. */
  listWithTeamsIds: People['listWithTeamsIds'] = () => this.inner.listWithTeamsIds();

  private cached<T>(method: string, arg: string, evaluate: () => Promise<T>): Promise<T> {
    return this.answers.answer(PEOPLE_READS, [method, arg], null, evaluate);
  }
}
