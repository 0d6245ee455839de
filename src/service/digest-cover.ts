import { isAwayOn } from '../domain/shift-rules.js';
import type { LocalDate, Person } from '../domain/types.js';
import { dayText } from '../domain/wording.js';
import { CoverStore } from '../store/cover-store.js';
import { SubscriptionStore } from '../store/subscription-store.js';
import type { ServiceContext } from './service-context.js';

/** Where a team digest goes today: its own conversation, or the personal chat of whoever covers. */
export type DigestRecipient =
  | { kind: 'own' }
  | { kind: 'cover'; reference: object; coverId: string; coverText: string }
  /** Away, and neither the deputy nor an inspector of the command can be reached in Teams. */
  | { kind: 'nobody'; awayUntil: LocalDate };

export type CoverServices = Pick<ServiceContext, 'db' | 'people' | 'queries'>;

/**
 * While a supervisor is away (src/domain/shift-rules.ts), the digest of their team that comes to their own
 * chat goes to their deputy, or (no deputy, or one not in the records or not reachable) to the nearest
 * inspector above the team, marked as cover. A channel's digest is not covered: the channel is not away.
 * The send stays the supervisor's subscription's, so the ledger keeps the team to one digest a day.
 */
export async function recipientOf(
  services: CoverServices,
  subscription: { kind: string; scope: string; unitId: string | null },
  subscriber: Person,
  today: LocalDate,
): Promise<DigestRecipient> {
  if (subscription.kind !== 'team_digest' || subscription.scope !== 'personal' || subscription.unitId === null) return { kind: 'own' };
  const cover = await new CoverStore(services.db).coverOf(subscriber.id);
  if (!isAwayOn(cover.awayUntil, today) || cover.awayUntil === null) return { kind: 'own' };
  const coverText = `Covering for ${subscriber.name}, away until ${dayText(cover.awayUntil, today)}`;
  const chats = new SubscriptionStore(services.db);
  for (const candidate of await coverCandidates(services, cover.deputyId, subscription.unitId, subscriber.id)) {
    const reference = await chats.personalConversationOf(candidate.id);
    if (reference) return { kind: 'cover', reference, coverId: candidate.id, coverText };
  }
  return { kind: 'nobody', awayUntil: cover.awayUntil };
}

/** The deputy first (if still in the records and not an administrator), then the inspectors above the team, nearest first. */
async function coverCandidates(services: CoverServices, deputyId: string | null, unitId: string, awayId: string): Promise<Person[]> {
  const deputy = deputyId === null ? null : await services.people.findById(deputyId);
  const candidates: Person[] = deputy && deputy.role !== 'admin' && deputy.id !== awayId ? [deputy] : [];
  const units = await services.queries.listUnits();
  const parentOf = new Map(units.map((unit) => [unit.id, unit.parentId]));
  for (let at = parentOf.get(unitId) ?? null; at !== null; at = parentOf.get(at) ?? null) {
    const inspectors = (await services.people.listByUnit(at)).filter((person) => person.role === 'inspector' && person.id !== awayId);
    candidates.push(...inspectors);
  }
  return candidates;
}
