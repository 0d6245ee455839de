import { describe, expect, it } from 'vitest';
import type { UnitFigures } from '../../../src/domain/types.js';
import { CachedComplianceQueries, type DataVersionSource } from '../../../src/service/cached-compliance-queries.js';
import type { ComplianceQueries } from '../../../src/service/compliance-queries.js';
import type { KeptAnswerStore } from '../../../src/service/versioned-answers.js';

/** The store's version as a test sets it; `afterEvaluation` moves it while an evaluation runs. */
class Versions implements DataVersionSource {
  version = 1;
  actionsVersion = 1;
  lastEventMs: number | null = Date.parse('2026-11-20T09:00:00Z');
  /** How far back each version's changes reach (epoch ms), by version; a version not set reaches all of time. */
  readonly reachOf = new Map<number, number>();
  async reachSince(from: string, to: string) {
    let earliest = Number.POSITIVE_INFINITY;
    for (let v = Number(from) + 1; v <= Number(to); v += 1) earliest = Math.min(earliest, this.reachOf.get(v) ?? Number.NEGATIVE_INFINITY);
    return earliest;
  }
  async current() {
    return { version: String(this.version), actionsVersion: String(this.actionsVersion), linksVersion: '1', lastEventMs: this.lastEventMs };
  }
}

/** A read side that counts its evaluations; its figures carry the instant asked and the evaluation's number. */
function countingQueries(onEvaluate: () => void = () => undefined): { queries: ComplianceQueries; evaluations: () => number } {
  let evaluations = 0;
  const figures = async (unitId: string, at: Date): Promise<UnitFigures> => {
    evaluations += 1;
    onEvaluate();
    const ratio = { compliant: evaluations, total: 10, rate: evaluations * 10 };
    return {
      unit: { id: unitId, name: unitId, kind: 'team' },
      asOf: at.toISOString(),
      total: 10,
      compliant: evaluations,
      rate: 10,
      needsAssessment: ratio,
      updates: ratio,
      rag: 'RED',
    };
  };
  return { queries: { figures } as unknown as ComplianceQueries, evaluations: () => evaluations };
}

const NOW = new Date('2026-11-20T10:00:00Z');
const LATER_TODAY = new Date('2026-11-20T16:30:00Z');
const policy = { timeZone: 'Europe/London' };

describe('CachedComplianceQueries', () => {
  it('answers from the kept answer, stamped with the instant asked, until the version moves', async () => {
    const versions = new Versions();
    const { queries, evaluations } = countingQueries();
    const cached = new CachedComplianceQueries(queries, versions, policy);
    const first = await cached.figures('T1', NOW);
    // After every record: the same local date is the same answer, as of the instant asked.
    expect(await cached.figures('T1', LATER_TODAY)).toEqual({ ...first, asOf: LATER_TODAY.toISOString() });
    expect(evaluations()).toBe(1);
    versions.version = 2;
    expect((await cached.figures('T1', NOW)).compliant).toBe(2);
    expect(cached.size).toBe(1); // the answer of version 1 was dropped
  });

  it('keeps the exact instant before the latest record, and a new local date apart', async () => {
    const versions = new Versions();
    versions.lastEventMs = Date.parse('2026-11-20T12:00:00Z');
    const { queries, evaluations } = countingQueries();
    const cached = new CachedComplianceQueries(queries, versions, policy);
    await cached.figures('T1', NOW);
    await cached.figures('T1', new Date(NOW.getTime() + 1));
    expect(evaluations()).toBe(2);
    await cached.figures('T1', NOW);
    expect(evaluations()).toBe(2);
    versions.lastEventMs = null;
    await cached.figures('T1', new Date('2026-11-20T23:59:59.999Z'));
    await cached.figures('T1', new Date('2026-11-21T00:00:00.000Z'));
    expect(evaluations()).toBe(4);
  });

  it('does not keep an answer evaluated while a write committed', async () => {
    const versions = new Versions();
    const { queries, evaluations } = countingQueries(() => {
      if (evaluations() === 1) versions.version += 1; // an import commits during the first evaluation
    });
    const cached = new CachedComplianceQueries(queries, versions, policy);
    await cached.figures('T1', NOW);
    expect(cached.size).toBe(0);
    await cached.figures('T1', NOW);
    expect(evaluations()).toBe(2);
  });

  it('gives each caller its own copy, and keeps at most the entries it was given', async () => {
    const { queries, evaluations } = countingQueries();
    const cached = new CachedComplianceQueries(queries, new Versions(), policy, 2);
    const mine = await cached.figures('T1', NOW);
    mine.needsAssessment.compliant = 99;
    expect((await cached.figures('T1', NOW)).needsAssessment.compliant).toBe(1);
    await cached.figures('T2', NOW);
    await cached.figures('T1', NOW); // T1 used last: T2 is the one dropped
    await cached.figures('T3', NOW);
    expect(cached.size).toBe(2);
    await cached.figures('T1', NOW);
    expect(evaluations()).toBe(3);
    await cached.figures('T2', NOW);
    expect(evaluations()).toBe(4);
  });

  it('keeps every figure through an acknowledgement (the actions version), and counts promises again', async () => {
    const versions = new Versions();
    const { queries, evaluations } = countingQueries();
    let promiseEvaluations = 0;
    const promiseCounts = async () => {
      promiseEvaluations += 1;
      return { kept: promiseEvaluations, missed: 0, open: 0 };
    };
    const cached = new CachedComplianceQueries({ ...queries, figures: queries.figures, promiseCounts }, versions, policy);
    await cached.figures('T1', NOW);
    await cached.promiseCounts('T1', NOW);
    expect(cached.size).toBe(2);
    versions.actionsVersion += 1; // a button press in Teams
    expect((await cached.figures('T1', NOW)).compliant).toBe(1);
    expect(evaluations()).toBe(1);
    expect(cached.size).toBe(1); // the promise counts of the old actions version were dropped
    expect((await cached.promiseCounts('T1', NOW)).kept).toBe(2);
    versions.version += 1; // an import: both are evaluated again
    await cached.figures('T1', NOW);
    await cached.promiseCounts('T1', NOW);
    expect([evaluations(), promiseEvaluations]).toEqual([2, 3]);
  });

  it("keeps a past instant's answer across changes that reach only later instants, and evaluates it after one that reaches it", async () => {
    const versions = new Versions();
    versions.lastEventMs = Date.parse('2026-11-20T12:00:00Z');
    const monthEnd = new Date('2026-10-31T23:59:59.999Z');
    const { queries, evaluations } = countingQueries();
    const cached = new CachedComplianceQueries(queries, versions, policy);
    await cached.figures('T1', monthEnd);
    versions.version = 2; // a nightly import of November's contacts
    versions.reachOf.set(2, Date.parse('2026-11-19T18:00:00Z'));
    expect((await cached.figures('T1', monthEnd)).compliant).toBe(1);
    versions.version = 3; // and a contact on the last instant of October itself: October's figure is evaluated again
    versions.reachOf.set(3, monthEnd.getTime());
    expect((await cached.figures('T1', monthEnd)).compliant).toBe(2);
    versions.version = 4; // a change to the unit tree reaches all of time
    expect((await cached.figures('T1', monthEnd)).compliant).toBe(3);
    expect(evaluations()).toBe(3);
  });

  it('keeps figures for a past instant in the store: a new process reads them while no change reaches them', async () => {
    const versions = new Versions();
    versions.lastEventMs = Date.parse('2026-11-20T12:00:00Z');
    const monthEnd = new Date('2026-10-31T23:59:59.999Z');
    const rows = new Map<string, { version: string; answer: unknown }>();
    const store: KeptAnswerStore = {
      read: async (key) => structuredClone(rows.get(key) ?? null),
      keep: async (key, version, _at, answer) => void rows.set(key, { version, answer: JSON.parse(JSON.stringify(answer)) }),
    };
    const { queries, evaluations } = countingQueries();
    const first = await new CachedComplianceQueries(queries, versions, policy, 500, store).figures('T1', monthEnd);
    expect(rows.size).toBe(1);
    // An answer after every record ("now", kept by its local date) is not kept in the store.
    await new CachedComplianceQueries(queries, versions, policy, 500, store).figures('T1', LATER_TODAY);
    expect(rows.size).toBe(1);
    versions.version = 2;
    versions.reachOf.set(2, Date.parse('2026-11-19T18:00:00Z'));
    const restarted = new CachedComplianceQueries(queries, versions, policy, 500, store);
    expect(await restarted.figures('T1', monthEnd)).toEqual(first);
    expect(evaluations()).toBe(2);
    versions.version = 3;
    versions.reachOf.set(3, Date.parse('2026-10-15T09:00:00Z')); // a late needs assessment of a case recorded in October
    expect((await new CachedComplianceQueries(queries, versions, policy, 500, store).figures('T1', monthEnd)).compliant).toBe(3);
    expect(rows.values().next().value?.version).toBe('3');
  });
});
