import type { ObligationId } from '../domain/policy.js';
import { groupByDuty, itemRef } from '../domain/digest.js';
import type { DigestItem, Person, PromiseCounts, UnitFigures } from '../domain/types.js';
import { type Acknowledgement, AcknowledgementStore } from '../store/acknowledgement-store.js';
import { ItemRefStore } from '../store/item-ref-store.js';
import type { StoredPromise } from '../store/promise-store.js';
import { UnitScope, authoriseOfficerItems, authoriseUnitDigest, mayReassignIn } from './authorise.js';
import { digestPromises, orderWithPromises, type PromiseScope } from './digest-promises.js';
import { itemsNotShownText, officerCasesFor, officerFiguresAsSeen, officerItemsAsSeen } from './officer-view.js';
import type { ServiceContext } from './service-context.js';

/**
 * Which digest: a team's, or an officer's own items. Echoed by a card's buttons (`digestId`) so "show more"
 * and a refresh rebuild the same view; whether the person pressing may see it is decided here, on the server.
 */
export type DigestView = { kind: 'team'; unitId: string } | { kind: 'officer'; officerId: string };

export interface DigestRequest {
  /** A team's digest (a supervisor's); with `officerId`, limits the officer's items to this unit. */
  unitId?: string | undefined;
  /** An officer's own reminder: that officer's items only. */
  officerId?: string | undefined;
  /** Whom the digest is built for: decides what may be shown and whether Reassign is offered. */
  viewer: Person;
  at: Date;
  /** Sent to someone covering for the viewer (src/service/digest-cover.ts): the line saying so on top of the card. */
  coverText?: string;
  /** The weekly summary of `unitId` (src/service/weekly-summary.ts) instead of a digest. */
  summary?: 'weekly';
  /** Items of these duties instead of the policy's `digestDuties` (a question: "list the overdue referrals"). */
  duties?: readonly ObligationId[] | undefined;
}

/** The viewer may not see the digest asked for (their role and unit, compliance-rules.md). */
export class DigestNotVisibleError extends Error {
  constructor(readonly reason: string) {
    super(reason);
    this.name = 'DigestNotVisibleError';
  }
}

/** One item as the digest shows it: the item, its opaque ref, its OIC's name, its acknowledgement and its promise. */
export interface DigestEntry {
  item: DigestItem;
  itemRef: string;
  oicName: string;
  acknowledgement: Acknowledgement | null;
  /** The latest acknowledgement with a planned date for this item's duty and deadline (perhaps on another ref), graded at `at`. */
  promise: StoredPromise | null;
}

/** A digest, ready to render: what a card shows, decided once for the chat, a button press and the morning run. */
export interface Digest {
  view: DigestView;
  at: Date;
  title: string;
  figuresName: string;
  figures: Pick<UnitFigures, 'rate' | 'compliant' | 'total' | 'rag'>;
  /** Said after the headline, e.g. "3 items in other teams are not shown". */
  note?: string;
  /**
   * Grouped by duty (today's two together, then each later duty the policy's `digestDuties` lists), the groups
   * in the order of their most urgent item; most urgent first within a group, a missed promise first within
   * its kind (src/domain/promises.ts).
   */
  entries: DigestEntry[];
  /** Promises on the digest's cases by state at `at`: the team's, or the officer's own. */
  promises: PromiseCounts;
  /** Whom a case may be reassigned to from this digest (empty when Reassign is not offered). */
  officers: { id: string; name: string }[];
  canReassign: boolean;
  /** Teams ids of everyone who may see it, the viewer first (Universal Actions refresh). */
  refreshUserIds: string[];
}

type DigestServices = Pick<ServiceContext, 'db' | 'queries' | 'people' | 'policy'>;

/**
 * A team digest or an officer's reminder: authorised for the viewer, figures and items from one
 * evaluation, every item remembered by its ref (so a button press is resolved on the server without the
 * card carrying victim ids), with acknowledgements and OIC names.
 */
export async function buildDigest(services: DigestServices, request: DigestRequest): Promise<Digest> {
  const scope = await UnitScope.load(services.queries);
  const content =
    request.officerId === undefined
      ? await teamContent(services, request, scope, request.unitId ?? request.viewer.unitId)
      : await officerContent(services, request, scope, request.officerId);
  const items = content.items;
  await new ItemRefStore(services.db).record(items, request.at);
  const refs = items.map(itemRef);
  const acknowledgements = await new AcknowledgementStore(services.db).forRefs(refs);
  const promises = await digestPromises(services, content.promiseScope, items, request.at);
  const names = await officerNames(services, content.knownPeople, items);
  const entries = items.map((item, index) => {
    const ref = refs[index] as string;
    return {
      item,
      itemRef: ref,
      oicName: names.get(item.oicId) ?? item.oicId,
      acknowledgement: acknowledgements.get(ref) ?? null,
      promise: promises.byItemRef.get(ref) ?? null,
    };
  });
  return {
    view: content.view,
    at: request.at,
    title: content.title,
    figuresName: content.figuresName,
    figures: content.figures,
    ...(content.note ? { note: content.note } : {}),
    entries: groupByDuty(orderWithPromises(entries), (entry) => entry.item.kind),
    promises: promises.counts,
    officers: content.officers,
    canReassign: content.canReassign,
    refreshUserIds: refreshUserIds(request.viewer, content.knownPeople),
  };
}

interface DigestContent {
  view: DigestView;
  title: string;
  figuresName: string;
  figures: Pick<UnitFigures, 'rate' | 'compliant' | 'total' | 'rag'>;
  items: DigestItem[];
  /** Whose promises the digest counts and shows: the same cases as its items. */
  promiseScope: PromiseScope;
  /** People whose names the card shows and who see the card (the team, or the officer). */
  knownPeople: Person[];
  officers: { id: string; name: string }[];
  canReassign: boolean;
  /** Said after the headline, e.g. "3 items in other teams are not shown". */
  note?: string;
}

async function teamContent(services: DigestServices, request: DigestRequest, scope: UnitScope, unitId: string): Promise<DigestContent> {
  const decision = authoriseUnitDigest(request.viewer, unitId, scope);
  if (!decision.allowed) throw new DigestNotVisibleError(decision.reason);
  const [{ digest, figures }, team] = await Promise.all([
    request.duties === undefined
      ? services.queries.figuresAndDigest(unitId, request.at)
      : Promise.all([
          services.queries.figures(unitId, request.at),
          services.queries.digest(unitId, request.at, { duties: request.duties }),
        ]).then(([figures, digest]) => ({ figures, digest })),
    services.people.listByUnit(unitId),
  ]);
  const canReassign = mayReassignIn(request.viewer, unitId, scope);
  return {
    view: { kind: 'team', unitId },
    title: digest.unit.name,
    figuresName: digest.unit.name,
    figures,
    items: digest.items,
    promiseScope: { kind: 'unit', unitId },
    knownPeople: team,
    // Cases are reassigned within the team only (authorise.ts); the card offers exactly those people.
    officers:
      canReassign && digest.unit.kind === 'team'
        ? team
            .filter((person) => person.role === 'officer' || person.role === 'supervisor')
            .map((person) => ({ id: person.id, name: person.name }))
        : [],
    canReassign: canReassign && digest.unit.kind === 'team',
  };
}

async function officerContent(
  services: DigestServices,
  request: DigestRequest,
  scope: UnitScope,
  officerId: string,
): Promise<DigestContent> {
  const officer = officerId === request.viewer.id ? request.viewer : await services.people.findById(officerId);
  if (!officer) throw new DigestNotVisibleError(`There is no officer with id '${officerId}' in the people records.`);
  const decision = authoriseOfficerItems(request.viewer, officer, scope);
  if (!decision.allowed) throw new DigestNotVisibleError(decision.reason);
  // Someone else's officer (a refresh of an `officer:` card): only the cases inside the viewer's scope,
  // the rest counted. The officer themself: all their cases, or their items in one team (request.unitId).
  const cases = officerCasesFor(request.viewer, officer, scope.tree, scope.forceId);
  const itemCases = request.unitId !== undefined && cases.kind === 'all' ? { kind: 'within' as const, unitId: request.unitId } : cases;
  const [{ digest, leftOut }, { figures }] = await Promise.all([
    officerItemsAsSeen(
      services.queries,
      officer.id,
      request.at,
      itemCases,
      scope.forceId,
      request.duties ? { duties: request.duties } : {},
    ),
    officerFiguresAsSeen(services.queries, officer.id, request.at, cases),
  ]);
  const note = officer.id === request.viewer.id ? null : itemsNotShownText(leftOut);
  return {
    view: { kind: 'officer', officerId: officer.id },
    title: officer.id === request.viewer.id ? 'Your items' : `${officer.name}'s items`,
    figuresName: officer.name,
    ...(note ? { note } : {}),
    figures,
    items: digest.items,
    promiseScope:
      itemCases.kind === 'within'
        ? { kind: 'officer', officerId: officer.id, withinUnitId: itemCases.unitId }
        : { kind: 'officer', officerId: officer.id },
    knownPeople: [officer],
    officers: [],
    canReassign: false,
  };
}

/** OIC names from the people already loaded, looking up only those outside them (cases moved between teams). */
async function officerNames(
  services: DigestServices,
  known: readonly Person[],
  items: readonly DigestItem[],
): Promise<Map<string, string>> {
  const names = new Map(known.map((person) => [person.id, person.name]));
  const missing = [...new Set(items.map((item) => item.oicId))].filter((id) => !names.has(id));
  const found = await Promise.all(missing.map((id) => services.people.findById(id)));
  for (const person of found) if (person) names.set(person.id, person.name);
  return names;
}

/** Everyone who may see the card gets it refreshed in their own view (Universal Actions), the viewer first. */
function refreshUserIds(viewer: Person, people: readonly Person[]): string[] {
  const ids = [viewer, ...people].map((person) => person.aadObjectId).filter((id): id is string => id !== null);
  return [...new Set(ids)];
}
