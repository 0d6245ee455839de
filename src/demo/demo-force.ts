/**
 * A deterministic, realistic demo force in the records format (records-format.md).
 *
 * Used by `npm start` on an empty store, by tests that need a force, and by the benchmark at 10k-500k
 * victims. The same seed, size and "now" always give the same records. Victims are pseudonymous ids
 * only: the records format carries no victim names, and neither does this generator.
 */

import { DemoLaterDuties, type DemoVictim } from './demo-later-duties.js';

export interface DemoForceOptions {
  victims: number;
  now: Date;
  seed?: number;
}

export type DemoRecord = Record<string, unknown> & { type: string };

interface TeamPlan {
  id: string;
  name: string;
  commandId: string;
  /** Multiplies this team's chance of missing a deadline, so teams differ like real ones. */
  slackness: number;
}

const COMMANDS = [
  { id: 'N-LPA', name: 'North LPA', kind: 'command', prefix: 'N', teamName: 'North Team', baseTeams: 4 },
  { id: 'S-LPA', name: 'South LPA', kind: 'command', prefix: 'S', teamName: 'South Team', baseTeams: 3 },
  { id: 'C-LPA', name: 'City LPA', kind: 'command', prefix: 'C', teamName: 'City Team', baseTeams: 3 },
  { id: 'CID', name: 'CID', kind: 'department', prefix: 'CID', teamName: 'CID Team', baseTeams: 2 },
] as const;

const SURNAMES = [
  'Smith',
  'Jones',
  'Patel',
  'Khan',
  'Evans',
  'Taylor',
  'Brown',
  'Williams',
  'Wilson',
  'Hughes',
  'Edwards',
  'Roberts',
  'Ahmed',
  'Walker',
  'Wright',
  'Green',
  'Hall',
  'Clarke',
  'Lewis',
  'Begum',
  'Morgan',
  'Price',
  'Kaur',
  'Singh',
  'Murphy',
  'Cooper',
  'Ward',
  'Turner',
  'Baker',
  'Hussain',
];

const CATEGORIES = [
  { category: 'violence', offences: ['Assault occasioning ABH', 'Common assault', 'Wounding with intent'] },
  { category: 'domestic abuse', offences: ['Controlling or coercive behaviour', 'Assault (domestic)', 'Harassment (domestic)'] },
  { category: 'RASSO', offences: ['Rape', 'Sexual assault'] },
  { category: 'hate', offences: ['Racially aggravated harassment', 'Religiously aggravated public order'] },
  { category: 'serious acquisitive', offences: ['Burglary dwelling', 'Robbery of personal property', 'Theft of motor vehicle'] },
  { category: 'other', offences: ['Criminal damage', 'Fraud by false representation', 'Malicious communications'] },
] as const;

const ENHANCED_REASONS = ['vulnerable', 'intimidated', 'persistently targeted', 'most serious crime'] as const;
const CONTACT_METHODS = ['phone', 'email', 'sms', 'visit', 'letter'] as const;

const DAY_MS = 86_400_000;
const VICTIMS_PER_TEAM = 250;
const OFFICERS_PER_TEAM = 8;
/** Cases are recorded over this many days before "now"; older ones are mostly closed. */
const HISTORY_DAYS = 300;

/** mulberry32: tiny, fast and good enough for reproducible test data (and the load generator's users). */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

/** Entra object ids of demo people: stable and recognisable (ends in the person's number). */
export function demoAadObjectId(personNumber: number): string {
  return `00000000-0000-4000-8000-${String(personNumber).padStart(12, '0')}`;
}

function planTeams(victims: number, random: () => number): TeamPlan[] {
  const baseTotal = COMMANDS.reduce((sum, c) => sum + c.baseTeams, 0);
  const wanted = Math.max(baseTotal, Math.ceil(victims / VICTIMS_PER_TEAM));
  const teams: TeamPlan[] = [];
  for (let i = 0; teams.length < wanted; i++) {
    for (const command of COMMANDS) {
      const teamsOfCommand = teams.filter((t) => t.commandId === command.id).length;
      if (teams.length >= wanted) break;
      if (i >= command.baseTeams && teams.length < baseTotal) continue;
      const n = teamsOfCommand + 1;
      teams.push({
        id: `${command.prefix}-T${n}`,
        name: `${command.teamName} ${n}`,
        commandId: command.id,
        slackness: 0.5 + random() * 1.3,
      });
    }
  }
  return teams;
}

function pick<T>(items: readonly T[], random: () => number): T {
  return items[Math.floor(random() * items.length)] as T;
}

function iso(ms: number): string {
  return new Date(ms).toISOString().replace('.000Z', 'Z');
}

/** Yields every record of the demo force, units and people first. */
export function* demoForceRecords(options: DemoForceOptions): Generator<DemoRecord> {
  const random = seededRandom(options.seed ?? 20261120);
  const later = new DemoLaterDuties(seededRandom((options.seed ?? 20261120) ^ 0x4c415445));
  const nowMs = options.now.getTime();
  const teams = planTeams(options.victims, random);

  yield { type: 'unit', id: 'FORCE', name: 'Example Constabulary', kind: 'force', parentId: null };
  for (const command of COMMANDS) {
    yield { type: 'unit', id: command.id, name: command.name, kind: command.kind, parentId: 'FORCE' };
  }
  for (const team of teams) {
    yield { type: 'unit', id: team.id, name: team.name, kind: 'team', parentId: team.commandId };
  }

  let personNumber = 1000;
  const person = (unitId: string, role: string, rank: string): DemoRecord => {
    personNumber += 1;
    const surname = SURNAMES[personNumber % SURNAMES.length] as string;
    return {
      type: 'person',
      id: `P${personNumber}`,
      name: `${rank} ${personNumber} ${surname}`,
      unitId,
      role,
      aadObjectId: demoAadObjectId(personNumber),
      email: `p${personNumber}@example.police.uk`,
    };
  };
  yield person('FORCE', 'senior', 'Supt');
  yield person('FORCE', 'admin', 'Staff');
  for (const command of COMMANDS) yield person(command.id, 'inspector', 'Insp');
  const officersByTeam = new Map<string, string[]>();
  for (const team of teams) {
    yield person(team.id, 'supervisor', 'PS');
    const officers: string[] = [];
    for (let i = 0; i < OFFICERS_PER_TEAM; i++) {
      const record = person(team.id, 'officer', 'PC');
      officers.push(record.id as string);
      yield record;
    }
    officersByTeam.set(team.id, officers);
  }

  let caseSerial = 0;
  let victimSerial = 0;
  let contactSerial = 0;
  while (victimSerial < options.victims) {
    caseSerial += 1;
    const team = teams[caseSerial % teams.length] as TeamPlan;
    const oicId = pick(officersByTeam.get(team.id) as string[], random);
    const kind = pick(CATEGORIES, random);
    // Working hours, spread over the history, newest cases densest like a live workload.
    const ageDays = Math.floor(random() ** 2 * HISTORY_DAYS);
    const recordedMs = nowMs - ageDays * DAY_MS - Math.floor(random() * 10 * 3_600_000) - 3_600_000;
    const closeChance = Math.min(0.9, ageDays / 200);
    const closedMs = random() < closeChance ? recordedMs + Math.floor((0.3 + random() * 0.7) * (nowMs - recordedMs)) : null;
    const caseId = `CR-${new Date(recordedMs).getUTCFullYear() % 100}-${String(caseSerial).padStart(6, '0')}`;
    yield {
      type: 'case',
      id: caseId,
      recordedAt: iso(recordedMs),
      offence: pick(kind.offences, random),
      category: kind.category,
      unitId: team.id,
      oicId,
      closedAt: closedMs === null ? null : iso(closedMs),
    };

    const demoCase = { caseId, oicId, recordedMs, endMs: closedMs ?? nowMs };
    const victimsOfCase = random() < 0.8 ? 1 : random() < 0.75 ? 2 : 3;
    const victimsOfThisCase: DemoVictim[] = [];
    for (let v = 0; v < victimsOfCase && victimSerial < options.victims; v++) {
      victimSerial += 1;
      const victimId = `V-${String(victimSerial).padStart(7, '0')}`;
      const enhanced = kind.category === 'RASSO' || kind.category === 'domestic abuse' || random() < 0.12;
      yield {
        type: 'victim',
        id: victimId,
        caseId,
        enhanced,
        ...(enhanced ? { enhancedReason: pick(ENHANCED_REASONS, random) } : {}),
      };
      victimsOfThisCase.push({ id: victimId, enhanced });

      const endMs = closedMs ?? nowMs;
      const missesAssessment = random() < 0.05 * team.slackness;
      const assessedMs = missesAssessment ? null : recordedMs + Math.floor(random() * (random() < 0.9 ? 1.5 : 5) * DAY_MS);
      const agreedFrequency = random() < 0.15 ? 14 : random() < 0.05 ? 7 : null;
      const completedAt = assessedMs !== null && assessedMs <= endMs ? assessedMs : null;
      const referralWanted = random() < 0.4;
      const referredAt = later.referredAt(referralWanted, completedAt, endMs);
      yield {
        type: 'needsAssessment',
        victimId,
        completedAt: completedAt === null ? null : iso(completedAt),
        ...(agreedFrequency !== null ? { updateFrequencyDays: agreedFrequency } : {}),
        referralWanted,
        ...(referredAt !== null ? { referredAt } : {}),
      };
      yield* later.writtenAcknowledgement(victimId, demoCase);

      const interval = agreedFrequency ?? 28;
      // Some victims fall through the cracks: the updates stop a while before "now".
      const lapses = random() < 0.1 * team.slackness;
      // A few ask to hear only of significant developments: updates stop at the recorded agreement.
      const agreementMs = random() < 0.03 ? recordedMs + Math.floor(random() * (endMs - recordedMs)) : null;
      const lastPossibleMs = lapses ? endMs - (interval + 1 + Math.floor(random() * 25)) * DAY_MS : (agreementMs ?? endMs);
      let cursor = recordedMs;
      for (;;) {
        cursor += Math.floor(interval * (0.6 + random() * 0.38) * DAY_MS);
        if (cursor > lastPossibleMs) break;
        contactSerial += 1;
        yield {
          type: 'contact',
          id: `OEL-${contactSerial}`,
          victimId,
          at: iso(cursor),
          kind: 'update',
          method: pick(CONTACT_METHODS, random),
          byId: oicId,
        };
      }
      if (agreementMs !== null) {
        contactSerial += 1;
        yield {
          type: 'contact',
          id: `OEL-${contactSerial}`,
          victimId,
          at: iso(agreementMs),
          kind: 'agreement',
          method: 'phone',
          byId: oicId,
        };
      }
    }
    yield* later.decisionsOf(demoCase, victimsOfThisCase);
  }
}

/** The demo force as NDJSON lines, ready for the importer. */
export async function* demoForceNdjson(options: DemoForceOptions): AsyncGenerator<string> {
  for (const record of demoForceRecords(options)) yield JSON.stringify(record);
}
