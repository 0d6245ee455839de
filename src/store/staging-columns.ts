import type { RecordOf, RecordType } from '../domain/records.js';
import type { CopyValue } from './copy-text.js';

/** The columns staged of each record type (record-staging.ts writes them, import-staging.ts creates them). */

interface StagingColumn {
  name: string;
  /** The PostgreSQL type of the column (COPY parses its text as this type). */
  type: 'int' | 'text' | 'boolean' | 'timestamptz';
}

interface StagingTable {
  columns: readonly StagingColumn[];
  /** The record's values as COPY writes them (copy-text.ts). */
  values(record: RecordOf): CopyValue[];
}

const col = (name: string, type: StagingColumn['type']): StagingColumn => ({ name, type });

/** Column order = values() order; `line` is always first and is added by the writer. */
export const STAGING_COLUMNS: Record<RecordType, StagingTable> = {
  unit: {
    columns: [col('id', 'text'), col('name', 'text'), col('kind', 'text'), col('parent_id', 'text')],
    values: (r) => (r.type === 'unit' ? [r.id, r.name, r.kind, r.parentId] : wrongType(r, 'unit')),
  },
  person: {
    columns: [
      col('id', 'text'),
      col('name', 'text'),
      col('unit_id', 'text'),
      col('role', 'text'),
      col('aad_object_id', 'text'),
      col('email', 'text'),
      col('upn', 'text'),
    ],
    values: (r) => (r.type === 'person' ? [r.id, r.name, r.unitId, r.role, r.aadObjectId, r.email, r.upn] : wrongType(r, 'person')),
  },
  case: {
    columns: [
      col('id', 'text'),
      col('recorded_at', 'timestamptz'),
      col('closed_at', 'timestamptz'),
      col('offence', 'text'),
      col('category', 'text'),
      col('unit_id', 'text'),
      col('oic_id', 'text'),
    ],
    values: (r) => (r.type === 'case' ? [r.id, r.recordedAt, r.closedAt, r.offence, r.category, r.unitId, r.oicId] : wrongType(r, 'case')),
  },
  victim: {
    columns: [col('id', 'text'), col('case_id', 'text'), col('enhanced', 'boolean'), col('enhanced_reason', 'text')],
    values: (r) => (r.type === 'victim' ? [r.id, r.caseId, r.enhanced, r.enhancedReason] : wrongType(r, 'victim')),
  },
  needsAssessment: {
    columns: [
      col('victim_id', 'text'),
      col('completed_at', 'timestamptz'),
      col('update_frequency_days', 'int'),
      col('referral_wanted', 'boolean'),
      col('referred_at', 'timestamptz'),
    ],
    values: (r) =>
      r.type === 'needsAssessment'
        ? [r.victimId, r.completedAt, r.updateFrequencyDays, r.referralWanted, r.referredAt]
        : wrongType(r, 'needsAssessment'),
  },
  contact: {
    columns: [
      col('id', 'text'),
      col('victim_id', 'text'),
      col('at', 'timestamptz'),
      col('kind', 'text'),
      col('method', 'text'),
      col('by_id', 'text'),
      col('decision_id', 'text'),
    ],
    values: (r) => (r.type === 'contact' ? [r.id, r.victimId, r.at, r.kind, r.method, r.byId, r.decisionId] : wrongType(r, 'contact')),
  },
  decision: {
    columns: [col('id', 'text'), col('case_id', 'text'), col('at', 'timestamptz'), col('kind', 'text')],
    values: (r) => (r.type === 'decision' ? [r.id, r.caseId, r.at, r.kind] : wrongType(r, 'decision')),
  },
};

function wrongType(record: RecordOf, expected: RecordType): never {
  throw new Error(`staging for ${expected} was given a ${record.type} record`);
}
