import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadPolicy } from '../../../src/config/load-policy.js';
import type { WorkingCalendar } from '../../../src/domain/calendar.js';
import { compareDigestItems, digestItemsFor } from '../../../src/domain/digest.js';
import { toRatio } from '../../../src/domain/figures.js';
import { OBLIGATION_IDS, type Policy } from '../../../src/domain/policy.js';
import { evaluateVictim, type VictimFacts } from '../../../src/domain/rules.js';
import type { ContactKind, DigestItem } from '../../../src/domain/types.js';
import { evaluationParams, victimResultsSql } from '../../../src/store/evaluation-sql.js';
import { SqlComplianceQueries } from '../../../src/store/sql-compliance-queries.js';
import { rebuildWorkingCalendar } from '../../../src/store/working-calendar-store.js';
import { DRIVERS, importText, openTestDb, type TestDb } from '../../support/test-db.js';

/**
 * The set-based SQL and the reference rules (src/domain/rules.ts) must agree victim by victim.
 * A few hundred victims are generated from a fixed seed, with recording and contact times crowded
 * around the 2026 DST changes and bank holidays, and compared at instants on those edges.
 */
const SEED = 20261120;
const TEAMS = ['N-T1', 'N-T2', 'S-T1', 'S-T2'];
const OFFICERS = ['P1', 'P2', 'P3', 'P4', 'P5', 'P6', 'P7', 'P8'];
const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const EDGES = [
  '2026-03-29T01:00:00Z', // clocks go forward
  '2026-10-25T01:00:00Z', // clocks go back
  '2026-04-02T23:00:00Z', // Good Friday starts (BST)
  '2026-04-06T00:00:00Z', // Easter Monday
  '2026-08-30T23:00:00Z', // summer bank holiday
  '2026-12-24T23:59:00Z', // Christmas
  '2026-12-27T23:30:00Z', // substitute Boxing Day
].map((iso) => Date.parse(iso));
const MOVED_AT = new Date('2026-12-01T09:00:00Z');
const INSTANTS = [
  '2026-03-29T00:30:00Z',
  '2026-03-29T01:30:00Z',
  '2026-03-31T22:59:59.999Z',
  '2026-04-07T08:00:00Z',
  '2026-08-31T23:30:00Z',
  '2026-10-24T23:30:00Z',
  '2026-10-25T00:30:00Z',
  '2026-10-31T23:59:59.999Z',
  '2026-11-30T23:59:59.999Z',
  '2026-12-01T09:00:00Z',
  '2026-12-24T23:59:59Z',
  '2026-12-29T10:00:00Z',
].map((iso) => new Date(iso));

interface GeneratedCase {
  id: string;
  recordedAt: number;
  closedAfterMs: number | null;
  team: number;
  officer: number;
  movesTo: { team: number; officer: number } | null;
  /** Key decisions on the case (records-format.md, later record types). */
  decisions: { afterMs: number }[];
  victims: {
    enhanced: boolean;
    na: {
      completedAfterMs: number | null;
      frequency: number | null;
      referralWanted: boolean | null;
      referredAfterMs: number | null;
    } | null;
    /** `decision`: which of the case's decisions a decision_update tells (there is at least one). */
    contacts: { afterMs: number; kind: ContactKind; decision: number }[];
  }[];
}

const instantNearEdges = fc.oneof(
  fc.integer({ min: Date.parse('2026-01-01T00:00:00Z'), max: Date.parse('2026-12-20T00:00:00Z') }),
  fc.tuple(fc.constantFrom(...EDGES), fc.integer({ min: -80 * HOUR, max: 6 * HOUR })).map(([edge, offset]) => edge + offset),
);

const caseArbitrary = fc.record({
  recordedAt: instantNearEdges,
  closedAfterMs: fc.option(fc.integer({ min: 0, max: 200 * DAY }), { freq: 3 }),
  team: fc.integer({ min: 0, max: TEAMS.length - 1 }),
  officer: fc.integer({ min: 0, max: 1 }),
  movesTo: fc.option(fc.record({ team: fc.integer({ min: 0, max: TEAMS.length - 1 }), officer: fc.integer({ min: 0, max: 1 }) }), {
    freq: 5,
  }),
  decisions: fc.array(fc.record({ afterMs: fc.integer({ min: 0, max: 60 * DAY }) }), { maxLength: 2 }),
  victims: fc.array(
    fc.record({
      enhanced: fc.boolean(),
      na: fc.option(
        fc.record({
          completedAfterMs: fc.option(fc.integer({ min: 0, max: 8 * DAY }), { freq: 4 }),
          frequency: fc.option(fc.constantFrom(7, 14, 30), { freq: 2 }),
          referralWanted: fc.option(fc.boolean(), { freq: 4 }),
          referredAfterMs: fc.option(fc.integer({ min: 0, max: 8 * DAY }), { freq: 2 }),
        }),
        { freq: 6 },
      ),
      contacts: fc.array(
        fc.record({
          afterMs: fc.integer({ min: 0, max: 120 * DAY }),
          kind: fc.constantFrom<ContactKind>('update', 'update', 'agreement', 'written_acknowledgement', 'decision_update'),
          decision: fc.integer({ min: 0, max: 1 }),
        }),
        { maxLength: 4 },
      ),
    }),
    { minLength: 1, maxLength: 3 },
  ),
});

function generateCases(): GeneratedCase[] {
  const [cases] = fc.sample(fc.array(caseArbitrary, { minLength: 150, maxLength: 150 }), { seed: SEED, numRuns: 1 });
  // A decision_update needs a decision: on a case with none it is an ordinary update.
  return (cases ?? []).map((c, i) => ({
    ...c,
    id: `CR-${i}`,
    victims: c.victims.map((v) => ({
      ...v,
      contacts: v.contacts.map((contact) => ({
        ...contact,
        kind: contact.kind === 'decision_update' && c.decisions.length === 0 ? 'update' : contact.kind,
        decision: contact.decision % Math.max(1, c.decisions.length),
      })),
    })),
  }));
}

const iso = (ms: number) => new Date(ms).toISOString();
const oicOf = (team: number, officer: number) => OFFICERS[team * 2 + officer] as string;

function baseRecords(cases: GeneratedCase[]): string[] {
  const lines: object[] = [
    { type: 'unit', id: 'FORCE', name: 'Force', kind: 'force', parentId: null },
    { type: 'unit', id: 'N-LPA', name: 'North', kind: 'command', parentId: 'FORCE' },
    { type: 'unit', id: 'S-LPA', name: 'South', kind: 'command', parentId: 'FORCE' },
    ...TEAMS.map((id) => ({ type: 'unit', id, name: `Team ${id}`, kind: 'team', parentId: id.startsWith('N') ? 'N-LPA' : 'S-LPA' })),
    ...OFFICERS.map((id, i) => ({ type: 'person', id, name: `PC ${id}`, unitId: TEAMS[Math.floor(i / 2)], role: 'officer' })),
  ];
  for (const c of cases) {
    lines.push(caseLine(c, c.team, c.officer));
    c.decisions.forEach((d, k) => {
      lines.push({ type: 'decision', id: `${c.id}-D${k}`, caseId: c.id, at: iso(c.recordedAt + d.afterMs), kind: 'charge' });
    });
    c.victims.forEach((v, j) => {
      const victimId = `${c.id}-V${j}`;
      lines.push({ type: 'victim', id: victimId, caseId: c.id, enhanced: v.enhanced });
      if (v.na) {
        lines.push({
          type: 'needsAssessment',
          victimId,
          completedAt: v.na.completedAfterMs === null ? null : iso(c.recordedAt + v.na.completedAfterMs),
          updateFrequencyDays: v.na.frequency,
          referralWanted: v.na.referralWanted,
          referredAt: v.na.referredAfterMs === null ? null : iso(c.recordedAt + v.na.referredAfterMs),
        });
      }
      v.contacts.forEach((contact, k) => {
        lines.push({
          type: 'contact',
          id: `${victimId}-C${k}`,
          victimId,
          at: iso(c.recordedAt + contact.afterMs),
          kind: contact.kind,
          method: 'phone',
          byId: oicOf(c.team, c.officer),
          ...(contact.kind === 'decision_update' ? { decisionId: `${c.id}-D${contact.decision}` } : {}),
        });
      });
    });
  }
  return lines.map((line) => JSON.stringify(line));
}

function caseLine(c: GeneratedCase, team: number, officer: number): object {
  return {
    type: 'case',
    id: c.id,
    recordedAt: iso(c.recordedAt),
    offence: 'Offence',
    category: categoryOf(c),
    unitId: TEAMS[team],
    oicId: oicOf(team, officer),
    closedAt: c.closedAfterMs === null ? null : iso(c.recordedAt + c.closedAfterMs),
  };
}

/** A case keeps its category when it moves (re-sent with the same category). */
const categoryOf = (c: GeneratedCase) => ['violence', 'hate', 'other'][Number(c.id.slice(3)) % 3] as string;

interface ReferenceVictim {
  facts: VictimFacts;
  ownerAt(at: Date): { unitId: string; oicId: string; category: string };
}

function referenceVictims(cases: GeneratedCase[]): ReferenceVictim[] {
  return cases.flatMap((c) =>
    c.victims.map((v, j) => ({
      facts: {
        victimId: `${c.id}-V${j}`,
        caseId: c.id,
        enhanced: v.enhanced,
        recordedAt: new Date(c.recordedAt),
        closedAt: c.closedAfterMs === null ? null : new Date(c.recordedAt + c.closedAfterMs),
        needsAssessment: v.na && {
          completedAt: v.na.completedAfterMs === null ? null : new Date(c.recordedAt + v.na.completedAfterMs),
          updateFrequencyDays: v.na.frequency,
          referralWanted: v.na.referralWanted,
          referredAt: v.na.referredAfterMs === null ? null : new Date(c.recordedAt + v.na.referredAfterMs),
        },
        contacts: v.contacts.map((contact) => ({
          at: new Date(c.recordedAt + contact.afterMs),
          kind: contact.kind,
          decisionId: contact.kind === 'decision_update' ? `${c.id}-D${contact.decision}` : null,
        })),
        decisions: c.decisions.map((d, k) => ({ id: `${c.id}-D${k}`, at: new Date(c.recordedAt + d.afterMs) })),
      },
      ownerAt(at: Date) {
        const moved = c.movesTo && at.getTime() >= MOVED_AT.getTime();
        const owner = moved && c.movesTo ? c.movesTo : { team: c.team, officer: c.officer };
        return { unitId: TEAMS[owner.team] as string, oicId: oicOf(owner.team, owner.officer), category: categoryOf(c) };
      },
    })),
  );
}

describe.each(DRIVERS)('set-based SQL agrees with the reference rules on %s', (driver) => {
  let store: TestDb;
  let policy: Policy;
  let calendar: WorkingCalendar;
  let victims: ReferenceVictim[];

  beforeAll(async () => {
    store = await openTestDb(driver);
    ({ policy, calendar } = await loadPolicy({}));
    await rebuildWorkingCalendar(store.db, calendar, 2025, 2027);
    const cases = generateCases();
    victims = referenceVictims(cases);
    expect(victims.length).toBeGreaterThan(250);
    const first = await importText(store.db, baseRecords(cases).join('\n'), { now: new Date('2026-01-01T00:00:00Z'), chunkBytes: 4096 });
    expect(first.ok).toBe(true);
    const moves = cases.filter((c) => c.movesTo).map((c) => JSON.stringify(caseLine(c, c.movesTo!.team, c.movesTo!.officer)));
    expect(moves.length).toBeGreaterThan(5);
    expect((await importText(store.db, moves.join('\n'), { now: MOVED_AT })).ok).toBe(true);
  }, 120_000);
  afterAll(() => store.dispose());

  it('generates data that reaches every outcome, so agreement means something', () => {
    const outcomes = new Set<string>();
    for (const at of INSTANTS) {
      for (const v of victims) {
        const evaluation = evaluateVictim(v.facts, at, policy, calendar);
        if (!evaluation.inPopulation) continue;
        outcomes.add(`na:${evaluation.needsAssessment.status}`).add(`update:${evaluation.update.status}`);
        const owner = v.ownerAt(at);
        for (const item of digestItemsFor(evaluation, { ...v.facts, oicId: owner.oicId, category: owner.category }, policy))
          outcomes.add(item.kind);
      }
    }
    expect([...outcomes].sort()).toEqual([
      'na:breach',
      'na:due',
      'na:met',
      'needs_assessment_due_soon',
      'needs_assessment_missing',
      'update:breach',
      'update:on_time',
      'update:suspended',
      'update_due_soon',
      'update_overdue',
    ]);
  });

  it.each(INSTANTS.map((at) => [at.toISOString(), at] as const))('victim by victim at %s', async (_label, at) => {
    const rows = await store.db.query<{
      victim_id: string;
      unit_id: string;
      oic_id: string;
      na_due_on: string;
      na_met: boolean;
      na_breach: boolean;
      update_due_on: string;
      update_suspended: boolean;
      update_breach: boolean;
    }>(victimResultsSql('all'), evaluationParams(at, policy));
    const earliestOwed = (decisions: { status: string; dueDate: string }[]) =>
      decisions
        .filter((d) => d.status !== 'met')
        .map((d) => d.dueDate)
        .sort()[0] ?? null;
    const expected = victims
      .map((v) => ({ v, evaluation: evaluateVictim(v.facts, at, policy, calendar) }))
      .filter(({ evaluation }) => evaluation.inPopulation)
      .map(({ v, evaluation }) => ({
        victim_id: v.facts.victimId,
        unit_id: v.ownerAt(at).unitId,
        oic_id: v.ownerAt(at).oicId,
        na_due_on: evaluation.needsAssessment.dueDate,
        na_met: evaluation.needsAssessment.status === 'met',
        na_breach: evaluation.needsAssessment.status === 'breach',
        update_due_on: evaluation.update.dueDate,
        update_suspended: evaluation.update.status === 'suspended',
        update_breach: evaluation.update.status === 'breach',
        referral_applies: evaluation.later.referral !== null,
        referral_due_on: expect.any(String),
        referral_breach: evaluation.later.referral?.status === 'breach',
        ...(evaluation.later.referral ? { referral_due_on: evaluation.later.referral.dueDate } : {}),
        ack_due_on: evaluation.later.writtenAcknowledgement.dueDate,
        ack_met: evaluation.later.writtenAcknowledgement.status === 'met',
        ack_breach: evaluation.later.writtenAcknowledgement.status === 'breach',
        decision_applies: evaluation.later.decisionUpdates !== null,
        decision_due_on: earliestOwed(evaluation.later.decisionUpdates?.decisions ?? []),
        decision_breach: evaluation.later.decisionUpdates?.status === 'breach',
        full_breach: !evaluation.fullyCompliant,
      }))
      .sort((a, b) => (a.victim_id < b.victim_id ? -1 : 1));
    expect(expected.length).toBeGreaterThan(0);
    expect(rows).toEqual(expected);
  });

  it.each(INSTANTS.map((at) => [at.toISOString(), at] as const))('figures and digests at %s', async (_label, at) => {
    const queries = new SqlComplianceQueries(store.db, policy);
    const evaluated = victims.map((v) => ({ v, owner: v.ownerAt(at), evaluation: evaluateVictim(v.facts, at, policy, calendar) }));
    const live = evaluated.filter((e) => e.evaluation.inPopulation);
    for (const unitId of ['FORCE', 'N-LPA', ...TEAMS]) {
      const inUnit = live.filter(
        (e) => unitId === 'FORCE' || e.owner.unitId === unitId || (unitId === 'N-LPA' && e.owner.unitId.startsWith('N-')),
      );
      const figures = await queries.figures(unitId, at);
      expect({ total: figures.total, compliant: figures.compliant, rate: figures.rate }, unitId).toEqual({
        total: inUnit.length,
        compliant: inUnit.filter((e) => e.evaluation.fullyCompliant).length,
        rate: toRatio(inUnit.filter((e) => e.evaluation.fullyCompliant).length, inUnit.length).rate,
      });
      // The digest card's single evaluation answers exactly what the two separate ones do.
      expect(await queries.figuresAndDigest(unitId, at), unitId).toEqual({ figures, digest: await queries.digest(unitId, at) });
    }
    const digests = await queries.allTeamDigests(at);
    for (const team of TEAMS) {
      const expectedItems: DigestItem[] = live
        .filter((e) => e.owner.unitId === team)
        .flatMap((e) =>
          digestItemsFor(
            e.evaluation,
            {
              victimId: e.v.facts.victimId,
              caseId: e.v.facts.caseId,
              oicId: e.owner.oicId,
              category: e.owner.category,
              enhanced: e.v.facts.enhanced,
            },
            policy,
          ),
        )
        .sort(compareDigestItems);
      expect(digests.find((d) => d.unit.id === team)?.items, team).toEqual(expectedItems);
    }
  });

  it.each(INSTANTS.map((at) => [at.toISOString(), at] as const))('digests listing every duty, at %s', async (_l, at) => {
    const everyDuty: Policy = { ...policy, digestDuties: [...OBLIGATION_IDS] };
    const queries = new SqlComplianceQueries(store.db, everyDuty);
    const live = victims
      .map((v) => ({ v, owner: v.ownerAt(at), evaluation: evaluateVictim(v.facts, at, everyDuty, calendar) }))
      .filter((e) => e.evaluation.inPopulation);
    const expectedIn = (team: string) =>
      live
        .filter((e) => e.owner.unitId === team)
        .flatMap((e) => digestItemsFor(e.evaluation, { ...e.v.facts, oicId: e.owner.oicId, category: e.owner.category }, everyDuty))
        .sort(compareDigestItems);
    const digests = await queries.allTeamDigests(at);
    for (const team of TEAMS) {
      const expected = expectedIn(team);
      expect(digests.find((d) => d.unit.id === team)?.items, team).toEqual(expected);
      expect((await queries.figuresAndDigest(team, at)).digest.items, team).toEqual(expected);
    }
  });

  it('reaches every item kind of the later duties, so the agreement above means something', () => {
    const everyDuty: Policy = { ...policy, digestDuties: [...OBLIGATION_IDS] };
    const kinds = new Set<string>();
    for (const at of INSTANTS) {
      for (const v of victims) {
        const evaluation = evaluateVictim(v.facts, at, everyDuty, calendar);
        const owner = v.ownerAt(at);
        for (const item of digestItemsFor(evaluation, { ...v.facts, oicId: owner.oicId, category: owner.category }, everyDuty))
          kinds.add(item.kind);
      }
    }
    expect([...kinds].filter((kind) => /^(referral|written|decision)/.test(kind)).sort()).toEqual([
      'decision_update_due_soon',
      'decision_update_overdue',
      'referral_due_soon',
      'referral_overdue',
      'written_acknowledgement_due_soon',
      'written_acknowledgement_overdue',
    ]);
  });

  it('reaches every outcome of the later duties too', () => {
    const outcomes = new Set<string>();
    for (const at of INSTANTS) {
      for (const v of victims) {
        const { inPopulation, later } = evaluateVictim(v.facts, at, policy, calendar);
        if (!inPopulation) continue;
        outcomes.add(`referral:${later.referral?.status ?? 'none'}`).add(`ack:${later.writtenAcknowledgement.status}`);
        outcomes.add(`decision:${later.decisionUpdates?.status ?? 'none'}`);
      }
    }
    expect([...outcomes].sort()).toEqual(
      ['ack:breach', 'ack:due', 'ack:met', 'decision:breach', 'decision:due', 'decision:met', 'decision:none']
        .concat(['referral:breach', 'referral:due', 'referral:met', 'referral:none'])
        .sort(),
    );
  });

  it.each(INSTANTS.map((at) => [at.toISOString(), at] as const))(
    'every duty in fully compliant, and per obligation, at %s',
    async (_l, at) => {
      const strict: Policy = {
        ...policy,
        fullyCompliant: ['needsAssessment', 'updates', 'referral', 'writtenAcknowledgement', 'decisionUpdates'],
      };
      const queries = new SqlComplianceQueries(store.db, strict);
      const live = victims.map((v) => evaluateVictim(v.facts, at, strict, calendar)).filter((e) => e.inPopulation);
      const { figures, obligations } = await queries.figuresWithObligations('FORCE', at);
      expect(figures.compliant).toBe(live.filter((e) => e.fullyCompliant).length);
      const ratio = (applies: (e: (typeof live)[number]) => boolean, breach: (e: (typeof live)[number]) => boolean) =>
        toRatio(live.filter((e) => applies(e) && !breach(e)).length, live.filter(applies).length);
      expect(obligations).toEqual({
        needsAssessment: ratio(
          () => true,
          (e) => e.needsAssessment.status === 'breach',
        ),
        updates: ratio(
          () => true,
          (e) => e.update.status === 'breach',
        ),
        referral: ratio(
          (e) => e.later.referral !== null,
          (e) => e.later.referral?.status === 'breach',
        ),
        writtenAcknowledgement: ratio(
          () => true,
          (e) => e.later.writtenAcknowledgement.status === 'breach',
        ),
        decisionUpdates: ratio(
          (e) => e.later.decisionUpdates !== null,
          (e) => e.later.decisionUpdates?.status === 'breach',
        ),
      });
    },
  );
});
