/**
 * The demo force's records of the Code's later duties (records-format.md, "Later record types"): referrals
 * on the needs assessment, written acknowledgements, key decisions and the updates that tell victims of
 * them. Drawn from a random stream of their own, so the cases, victims, assessments and updates of the demo
 * (and every figure of the two first duties) are the same with or without them. Most are on time, some
 * late, a few never, like a real force's.
 */

/** A record of the records format, as demo-force.ts yields them. */
type DemoRecord = Record<string, unknown> & { type: string };

const DAY_MS = 86_400_000;
const LATER_KINDS = ['charge', 'released_under_investigation', 'no_further_action', 'released_on_bail', 'out_of_court_disposal'] as const;

export interface DemoVictim {
  id: string;
  enhanced: boolean;
}

export interface DemoCase {
  caseId: string;
  oicId: string;
  recordedMs: number;
  /** The case's close, or now: no record is dated after it. */
  endMs: number;
}

export class DemoLaterDuties {
  private acknowledgements = 0;
  private decisions = 0;
  private decisionUpdates = 0;

  constructor(private readonly random: () => number) {}

  /** When a victim who asked for a referral was referred: mostly within 2 working days of the assessment. */
  referredAt(referralWanted: boolean, assessedMs: number | null, endMs: number): string | null {
    if (!referralWanted || assessedMs === null) return null;
    if (this.random() < 0.08) return null;
    const at = assessedMs + Math.floor(this.random() * (this.random() < 0.85 ? 1.5 : 6) * DAY_MS);
    return at <= endMs ? iso(at) : null;
  }

  /** The written acknowledgement of the crime, with its reference: mostly the next working day. */
  *writtenAcknowledgement(victimId: string, demoCase: DemoCase): Generator<DemoRecord> {
    if (this.random() < 0.06) return;
    const at = demoCase.recordedMs + Math.floor(this.random() * (this.random() < 0.9 ? 1 : 5) * DAY_MS);
    if (at > demoCase.endMs) return;
    this.acknowledgements += 1;
    yield contact(`OEL-WA${this.acknowledgements}`, victimId, at, 'written_acknowledgement', demoCase.oicId, 'letter');
  }

  /** An arrest on about half the cases, then often a later decision; each victim told of each, mostly in time. */
  *decisionsOf(demoCase: DemoCase, victims: readonly DemoVictim[]): Generator<DemoRecord> {
    if (this.random() >= 0.5) return;
    const arrestMs = demoCase.recordedMs + Math.floor(this.random() * 10 * DAY_MS);
    yield* this.decision(demoCase, victims, arrestMs, 'arrest');
    if (this.random() < 0.45) {
      const laterMs = arrestMs + Math.floor((5 + this.random() * 55) * DAY_MS);
      const kind = LATER_KINDS[Math.floor(this.random() * LATER_KINDS.length)]!;
      yield* this.decision(demoCase, victims, laterMs, kind);
    }
  }

  private *decision(demoCase: DemoCase, victims: readonly DemoVictim[], atMs: number, kind: string): Generator<DemoRecord> {
    if (atMs > demoCase.endMs) return;
    this.decisions += 1;
    const decisionId = `DEC-${this.decisions}`;
    yield { type: 'decision', id: decisionId, caseId: demoCase.caseId, at: iso(atMs), kind };
    for (const victim of victims) {
      const told = this.random();
      if (told >= 0.95) continue;
      const withinDays = victim.enhanced ? 0.8 : 4;
      const days = told < 0.85 ? this.random() * withinDays : withinDays + 2 + this.random() * 10;
      const at = atMs + Math.floor(days * DAY_MS);
      if (at > demoCase.endMs) continue;
      this.decisionUpdates += 1;
      yield { ...contact(`OEL-DU${this.decisionUpdates}`, victim.id, at, 'decision_update', demoCase.oicId, 'phone'), decisionId };
    }
  }
}

function contact(id: string, victimId: string, atMs: number, kind: string, byId: string, method: string): DemoRecord {
  return { type: 'contact', id, victimId, at: iso(atMs), kind, method, byId };
}

function iso(ms: number): string {
  return new Date(ms).toISOString().replace('.000Z', 'Z');
}
