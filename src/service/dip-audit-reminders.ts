import type { Person, UnitNode } from '../domain/types.js';
import { UnitTree } from '../domain/visibility.js';
import { NoticeStore, type NewNotice } from '../store/notice-store.js';
import { unfinishedDipAudits, type DipMonthProgress, type DipProgressDeps } from './dip-audit-progress.js';
import type { ServiceContext } from './service-context.js';

export type DipReminderDeps = DipProgressDeps & Pick<ServiceContext, 'people' | 'clock'>;

/** What a drawn-sample notice, a reminder or an overdue notice carries (ids and counts only; worded when it is sent). */
export interface DipAuditNoticeDetails {
  period: string;
  /** The due day (a drawn sample, a reminder) or the day after which the audits became overdue (an overdue notice). */
  day: string;
  units: { unitId: string; done: number; total: number; inspectorIds: string[] }[];
}

/**
 * The dip audits' notices (issue 16), from the dip extension's hourly check: once a month's sample is drawn and
 * before its due day, each inspector over a sampled unit is told it is ready (its units, cases and due day); from a month's due day,
 * each inspector with audits of that month left gets one reminder; after its overdue day, each inspector's
 * senior lead (the nearest senior lead above them in the unit tree) gets one notice of the unfinished audits.
 * Each is a notice (src/store/notice-store.ts) keyed by kind, month and person, so whichever tick, replica or
 * restart comes first leaves it and every later one leaves nothing. Returns the notices this call left.
 */
export async function queueDipAuditNotices(deps: DipReminderDeps): Promise<{ drawn: number; reminders: number; overdue: number }> {
  const now = deps.clock.now();
  const months = await unfinishedDipAudits(deps, now);
  if (months.length === 0) return { drawn: 0, reminders: 0, overdue: 0 };
  const units = await deps.queries.listUnits();
  const force = units.find((unit) => unit.parentId === null);
  const people = force ? await deps.people.listWithin(force.id) : [];
  const reach = new Reach(units, people);
  const notices: NewNotice[] = [];
  for (const month of months) {
    const byPerson = new Map<string, DipAuditNoticeDetails['units']>();
    for (const { unit, done, total } of month.units) {
      const inspectorIds = reach.inspectorsOver(unit.id).map((p) => p.id);
      const recipients = month.stage === 'overdue' ? reach.seniorLeadsOf(unit.id, inspectorIds).map((p) => p.id) : inspectorIds;
      for (const personId of recipients) {
        byPerson.set(personId, [...(byPerson.get(personId) ?? []), { unitId: unit.id, done, total, inspectorIds }]);
      }
    }
    const kind = KIND_OF[month.stage];
    for (const [personId, list] of byPerson) {
      const details: DipAuditNoticeDetails = { period: month.period, day: dayOf(month), units: list };
      notices.push({ personId, kind, details, dedupeKey: `${kind}:${month.period}:${personId}` });
    }
  }
  const left = await new NoticeStore(deps.db).queue(notices, now);
  return {
    drawn: left.filter((key) => key.startsWith('dip_sample_drawn:')).length,
    reminders: left.filter((key) => key.startsWith('dip_audit_reminder:')).length,
    overdue: left.filter((key) => key.startsWith('dip_audit_overdue:')).length,
  };
}

const KIND_OF = {
  before_due_day: 'dip_sample_drawn',
  due: 'dip_audit_reminder',
  overdue: 'dip_audit_overdue',
} as const satisfies Record<DipMonthProgress['stage'], NewNotice['kind']>;

function dayOf(month: DipMonthProgress): string {
  return month.stage === 'overdue' ? month.days.overdueAfter : month.days.dueOn;
}

/** Who is over a unit: its inspectors (at it or above), and the senior leads nearest above them. */
class Reach {
  private readonly tree: UnitTree;
  private readonly parentOf: Map<string, string | null>;

  constructor(
    units: readonly UnitNode[],
    private readonly people: readonly Person[],
  ) {
    this.tree = new UnitTree(units);
    this.parentOf = new Map(units.map((unit) => [unit.id, unit.parentId]));
  }

  inspectorsOver(unitId: string): Person[] {
    return this.people.filter((p) => p.role === 'inspector' && this.tree.isWithin(unitId, p.unitId));
  }

  /** The senior leads nearest above each inspector (above the unit itself when it has no inspector). */
  seniorLeadsOf(unitId: string, inspectorIds: readonly string[]): Person[] {
    const starts = inspectorIds.length === 0 ? [unitId] : this.people.filter((p) => inspectorIds.includes(p.id)).map((p) => p.unitId);
    const found = new Map<string, Person>();
    for (const start of starts) {
      for (let at: string | null = start; at !== null; at = this.parentOf.get(at) ?? null) {
        const seniors = this.people.filter((p) => p.role === 'senior' && p.unitId === at);
        if (seniors.length === 0) continue;
        for (const senior of seniors) found.set(senior.id, senior);
        break;
      }
    }
    return [...found.values()];
  }
}
