import fc from 'fast-check';

/**
 * Generated histories of a small force for the figures cache's equality test
 * (tests/integration/service/cached-compliance-queries.test.ts): imports of new and changed cases (moves,
 * closures, backdated needs assessments, contacts, decisions), reassignments in Teams, acknowledgements with
 * a planned date and bank-holiday calendar changes, over a span that ends before or after the end of British
 * Summer Time (25 Oct 2026) and the October and November month ends.
 */

export const BASE = Date.parse('2026-10-10T00:00:00Z');
const HOUR = 3_600_000;
export const TEAMS = ['T1', 'T2', 'T3'] as const;
export const OFFICERS = ['P1', 'P2', 'P3', 'P4'] as const;

export const FORCE_LINES = [
  { type: 'unit', id: 'FORCE', name: 'Generated Constabulary', kind: 'force', parentId: null },
  { type: 'unit', id: 'C1', name: 'North LPA', kind: 'command', parentId: 'FORCE' },
  { type: 'unit', id: 'C2', name: 'South LPA', kind: 'command', parentId: 'FORCE' },
  { type: 'unit', id: 'T1', name: 'North Team 1', kind: 'team', parentId: 'C1' },
  { type: 'unit', id: 'T2', name: 'North Team 2', kind: 'team', parentId: 'C1' },
  { type: 'unit', id: 'T3', name: 'South Team 1', kind: 'team', parentId: 'C2' },
  ...OFFICERS.map((id, i) => ({
    type: 'person',
    id,
    name: `PC 200${i} Officer`,
    unitId: TEAMS[i % TEAMS.length],
    role: 'officer',
    aadObjectId: `aad-${id}`,
  })),
];

export interface CaseSpec {
  caseNo: number;
  recordedHour: number;
  team: number;
  officer: number;
  closedAfterHours: number | null;
  victims: VictimSpec[];
  decisionAfterHours: number | null;
}

interface VictimSpec {
  enhanced: boolean;
  needsAssessment: {
    completedAfterHours: number | null;
    frequency: number | null;
    referral: boolean;
    referredAfterHours: number | null;
  } | null;
  contacts: { kind: 'update' | 'agreement' | 'written_acknowledgement' | 'decision_update'; afterHours: number }[];
}

export type Step =
  | { kind: 'import'; cases: CaseSpec[] }
  | { kind: 'reassign'; caseNo: number; team: number; officer: number }
  | { kind: 'acknowledge'; pick: number; plannedInDays: number }
  | { kind: 'calendar'; extraHoliday: number | null }
  /** One record of an earlier case sent late (a nightly delta): an update, a needs assessment or a decision, at hours after BASE. */
  | { kind: 'late'; caseNo: number; record: 'contact' | 'needsAssessment' | 'decision'; contactKind: LateContactKind; hour: number };

/** A late contact's kind: each changes a figure from its instant on (an acknowledgement at once). */
type LateContactKind = 'update' | 'written_acknowledgement' | 'agreement';

export interface Scenario {
  /** Hours after BASE in which records fall (a short span leaves the DST change and month ends after them). */
  spanHours: number;
  steps: Step[];
  /** Hours after BASE of extra instants the answers are compared at: pairs within one day of the records. */
  instants: number[];
}

const after = (max: number) => fc.integer({ min: 0, max });

/** `cap`: how many hours after the recording a victim's events fall at most (the scenario's span, up to 30 days). */
const victimSpec = (cap: number): fc.Arbitrary<VictimSpec> =>
  fc.record({
    enhanced: fc.boolean(),
    needsAssessment: fc.option(
      fc.record({
        completedAfterHours: fc.option(after(cap)),
        frequency: fc.option(fc.constantFrom(7, 14, 28)),
        referral: fc.boolean(),
        referredAfterHours: fc.option(after(cap)),
      }),
    ),
    contacts: fc.array(
      fc.record({ kind: fc.constantFrom('update', 'agreement', 'written_acknowledgement', 'decision_update'), afterHours: after(cap) }),
      { maxLength: 3 },
    ),
  });

const caseSpec = (spanHours: number): fc.Arbitrary<CaseSpec> =>
  fc.record({
    caseNo: fc.integer({ min: 1, max: 8 }),
    recordedHour: fc.integer({ min: 0, max: spanHours }),
    team: fc.integer({ min: 0, max: TEAMS.length - 1 }),
    officer: fc.integer({ min: 0, max: OFFICERS.length - 1 }),
    closedAfterHours: fc.option(after(Math.min(24 * 30, spanHours)), { freq: 4 }),
    victims: fc.array(victimSpec(Math.min(24 * 30, spanHours)), { minLength: 1, maxLength: 2 }),
    decisionAfterHours: fc.option(after(Math.min(24 * 10, spanHours))),
  });

const importStep = (spanHours: number): fc.Arbitrary<Step> =>
  fc.record({ kind: fc.constant('import' as const), cases: fc.array(caseSpec(spanHours), { minLength: 1, maxLength: 5 }) });

const step = (spanHours: number): fc.Arbitrary<Step> =>
  fc.oneof(
    { weight: 4, arbitrary: importStep(spanHours) },
    {
      weight: 2,
      arbitrary: fc.record({
        kind: fc.constant('reassign' as const),
        caseNo: fc.integer({ min: 1, max: 8 }),
        team: fc.integer({ min: 0, max: TEAMS.length - 1 }),
        officer: fc.integer({ min: 0, max: OFFICERS.length - 1 }),
      }),
    },
    { weight: 2, arbitrary: fc.record({ kind: fc.constant('acknowledge' as const), pick: fc.nat(), plannedInDays: after(3) }) },
    { weight: 1, arbitrary: fc.record({ kind: fc.constant('calendar' as const), extraHoliday: fc.option(after(20)) }) },
    {
      weight: 3,
      arbitrary: fc.record({
        kind: fc.constant('late' as const),
        caseNo: fc.integer({ min: 1, max: 8 }),
        record: fc.constantFrom('contact' as const, 'needsAssessment' as const, 'decision' as const),
        contactKind: fc.constantFrom<LateContactKind>('update', 'written_acknowledgement', 'agreement'),
        hour: after(spanHours + 24),
      }),
    },
  );

export const scenarios: fc.Arbitrary<Scenario> = fc.integer({ min: 24 * 2, max: 24 * 40 }).chain((spanHours) =>
  fc
    .record({
      spanHours: fc.constant(spanHours),
      // An import first, so that every later step has cases to act on.
      steps: fc
        .tuple(importStep(spanHours), fc.array(step(spanHours), { minLength: 1, maxLength: 4 }))
        .map(([first, rest]) => [first, ...rest]),
      instants: fc
        .array(fc.record({ day: fc.integer({ min: 0, max: Math.floor(spanHours / 24) }), a: after(23), b: after(23) }), { maxLength: 2 })
        // Half past the hour: records fall on the hour, so the two instants of a day can straddle one.
        .map((days) => days.flatMap(({ day, a, b }) => [day * 24 + a + 0.5, day * 24 + b + 0.5])),
    })
    .map((scenario) => ({ ...scenario, instants: [...straddling(scenario.steps), ...scenario.instants] })),
);

/** Half an hour either side of the first imported case's recording: one day (mostly), one case apart. */
function straddling(steps: readonly Step[]): number[] {
  const first = steps.find((s): s is Extract<Step, { kind: 'import' }> => s.kind === 'import')?.cases[0];
  return first ? [first.recordedHour - 0.5, first.recordedHour + 0.5] : [];
}

/** The NDJSON lines of one import step; `seq` numbers contacts and decisions so each import adds new ones. */
export function importLines(cases: readonly CaseSpec[], seq: number): string {
  const iso = (hours: number) => new Date(BASE + hours * HOUR).toISOString();
  const lines: object[] = [];
  const seen = new Set<number>();
  cases.forEach((spec, c) => {
    if (seen.has(spec.caseNo)) return;
    seen.add(spec.caseNo);
    const caseId = `CR-${spec.caseNo}`;
    const recorded = spec.recordedHour;
    lines.push({
      type: 'case',
      id: caseId,
      recordedAt: iso(recorded),
      offence: 'Theft',
      category: 'other',
      unitId: TEAMS[spec.team],
      oicId: OFFICERS[spec.officer],
      closedAt: spec.closedAfterHours === null ? null : iso(recorded + 1 + spec.closedAfterHours),
    });
    const decisionId = `DEC-${seq}-${c}`;
    if (spec.decisionAfterHours !== null) {
      lines.push({ type: 'decision', id: decisionId, caseId, at: iso(recorded + spec.decisionAfterHours), kind: 'charge' });
    }
    spec.victims.forEach((victim, v) => {
      const victimId = `V-${spec.caseNo}-${v}`;
      lines.push({
        type: 'victim',
        id: victimId,
        caseId,
        enhanced: victim.enhanced,
        ...(victim.enhanced ? { enhancedReason: 'vulnerable' } : {}),
      });
      const na = victim.needsAssessment;
      if (na) {
        lines.push({
          type: 'needsAssessment',
          victimId,
          completedAt: na.completedAfterHours === null ? null : iso(recorded + na.completedAfterHours),
          ...(na.frequency === null ? {} : { updateFrequencyDays: na.frequency }),
          referralWanted: na.referral,
          ...(na.referral && na.referredAfterHours !== null ? { referredAt: iso(recorded + na.referredAfterHours) } : {}),
        });
      }
      victim.contacts.forEach((contact, k) => {
        if (contact.kind === 'decision_update' && spec.decisionAfterHours === null) return;
        lines.push({
          type: 'contact',
          id: `OEL-${seq}-${c}-${v}-${k}`,
          victimId,
          at: iso(recorded + (contact.kind === 'decision_update' ? (spec.decisionAfterHours ?? 0) : 0) + contact.afterHours),
          kind: contact.kind,
          method: 'phone',
          byId: OFFICERS[spec.officer],
          ...(contact.kind === 'decision_update' ? { decisionId } : {}),
        });
      });
    });
  });
  return lines.map((line) => JSON.stringify(line)).join('\n');
}

export const hoursAfterBase = (hours: number) => new Date(BASE + hours * HOUR);

/**
 * The NDJSON lines of a late step: records of case `CR-n` and its first victim only, never the case itself, so the
 * import writes no case or victim row (the test picks a case already imported).
 */
export function lateLines(step: Extract<Step, { kind: 'late' }>, seq: number): string {
  const iso = (hours: number) => new Date(BASE + hours * HOUR).toISOString();
  const caseId = `CR-${step.caseNo}`;
  const victimId = `V-${step.caseNo}-0`;
  const at = iso(step.hour);
  const line =
    step.record === 'contact'
      ? { type: 'contact', id: `OEL-late-${seq}`, victimId, at, kind: step.contactKind, method: 'phone', byId: 'P1' }
      : step.record === 'needsAssessment'
        ? { type: 'needsAssessment', victimId, completedAt: at, referralWanted: false }
        : { type: 'decision', id: `DEC-late-${seq}`, caseId, at, kind: 'arrest' };
  return JSON.stringify(line);
}
