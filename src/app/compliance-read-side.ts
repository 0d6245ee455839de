import type { Policy } from '../domain/policy.js';
import { CachedComplianceQueries } from '../service/cached-compliance-queries.js';
import { CachedPeopleDirectory } from '../service/cached-people-directory.js';
import type { ComplianceQueries } from '../service/compliance-queries.js';
import { SqlDataVersion } from '../store/data-version-store.js';
import type { Db } from '../store/db.js';
import { SqlKeptAnswers } from '../store/kept-answers-store.js';
import { SqlComplianceQueries } from '../store/sql-compliance-queries.js';
import { SqlPeopleDirectory } from '../store/sql-people-directory.js';

/** Answers kept per process; a force-wide digest list is the largest (a few MB at 500k victims). */
export const FIGURES_CACHE_ENTRIES = 500;

/**
 * The read side the application answers from: the set-based evaluation over the store, behind the figures
 * cache that keeps an answer until the store's data version moves, or for a past instant until a change reaches it,
 * a past instant's figures in the store too (src/service/cached-compliance-queries.ts).
 */
export function buildComplianceQueries(db: Db, policy: Policy): ComplianceQueries {
  // Checked here against the port: the store's class does not import it (src/service/compliance-queries.ts).
  const evaluation: ComplianceQueries = new SqlComplianceQueries(db, policy);
  return new CachedComplianceQueries(evaluation, new SqlDataVersion(db), policy, FIGURES_CACHE_ENTRIES, new SqlKeptAnswers(db));
}

/**
 * The people the application reads (every question reads the force's, to read names in it), behind the same
 * versioned answers: kept until an import changes people or units, or a Teams user is linked by address.
 */
export function buildPeopleDirectory(db: Db, policy: Policy): CachedPeopleDirectory {
  return new CachedPeopleDirectory(new SqlPeopleDirectory(db), new SqlDataVersion(db), policy.timeZone, FIGURES_CACHE_ENTRIES);
}
