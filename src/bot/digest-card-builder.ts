import type { AppServices } from '../app.js';
import { itemRef } from '../domain/digest.js';
import type { DigestItem, Person, UnitFigures } from '../domain/types.js';
import { UnitScope, authoriseOfficerItems, authoriseUnitDigest, mayReassignIn } from '../service/authorise.js';
import { itemsNotShownText, officerCasesFor, officerFiguresAsSeen, officerItemsAsSeen } from '../service/officer-view.js';
import { AcknowledgementStore } from '../store/acknowledgement-store.js';
import { ItemRefStore } from '../store/item-ref-store.js';
import { DEFAULT_DIGEST_PAGE_SIZE, renderDigestCard, type DigestCardItem } from './cards/index.js';
import { shortName } from './cards/short-name.js';
import { digestIdOf, type DigestView } from './digest-id.js';
import { actedAtText, asOfText } from './local-time-text.js';

export interface DigestCardRequest {
  /** A team's digest (a supervisor's); with `officerId`, limits the officer's items to this unit. */
  unitId?: string;
  /** An officer's own reminder: that officer's items only. */
  officerId?: string;
  /** Whom the card is built for: decides what may be shown and whether Reassign is offered. */
  viewer: Person;
  at: Date;
  /** First item shown (paging with "show more"). */
  offset?: number;
  /** Show the page holding this item (after an action on it), instead of `offset`. */
  focusItemRef?: string;
}

/** The viewer may not see the digest asked for (their role and unit, compliance-rules.md). */
export class DigestNotVisibleError extends Error {
  constructor(readonly reason: string) {
    super(reason);
    this.name = 'DigestNotVisibleError';
  }
}

/**
 * A team digest or an officer's reminder as an Adaptive Card, for a chat request, a button press or the
 * morning run alike. Every item put on the card is remembered by its ref, so a button press can be
 * resolved on the server without the card carrying victim ids.
 */
export async function buildDigestCard(services: AppServices, request: DigestCardRequest): Promise<{ card: object; itemCount: number }> {
  const scope = await UnitScope.load(services.queries);
  const content = request.officerId === undefined
    ? await teamContent(services, request, scope, request.unitId ?? request.viewer.unitId)
    : await officerContent(services, request, scope, request.officerId);
  const items = content.items;
  await new ItemRefStore(services.db).record(items, request.at);
  const refs = items.map(itemRef);
  const acknowledgements = await new AcknowledgementStore(services.db).forRefs(refs);
  const names = await officerNames(services, content.knownPeople, items);
  const cardItems: DigestCardItem[] = items.map((item, index) => {
    const acknowledgement = acknowledgements.get(refs[index] as string);
    return {
      itemRef: refs[index] as string,
      crimeReference: item.caseId,
      category: shortName(item.category),
      oicName: shortName(names.get(item.oicId) ?? item.oicId),
      oicId: item.oicId,
      kind: item.kind,
      dueDate: item.dueDate,
      daysOverdue: item.daysOverdue,
      enhanced: item.enhanced,
      ...(acknowledgement
        ? {
            acknowledgement: {
              byName: shortName(acknowledgement.personName),
              atText: actedAtText(acknowledgement.at, request.at, services.policy.timeZone),
              ...(acknowledgement.note ? { note: acknowledgement.note } : {}),
            },
          }
        : {}),
    };
  });
  const pageSize = DEFAULT_DIGEST_PAGE_SIZE;
  const focusIndex = request.focusItemRef === undefined ? -1 : refs.indexOf(request.focusItemRef);
  const offset = focusIndex >= 0 ? Math.floor(focusIndex / pageSize) * pageSize : (request.offset ?? 0);
  const card = renderDigestCard({
    title: shortName(content.title),
    asOfText: asOfText(request.at, services.policy.timeZone),
    headline: content.note
      ? `${headline(shortName(content.figuresName), content.figures)} (${content.note})`
      : headline(shortName(content.figuresName), content.figures),
    rag: content.figures.rag,
    items: cardItems,
    officers: content.officers.map((officer) => ({ id: officer.id, name: shortName(officer.name) })),
    canReassign: content.canReassign,
    offset,
    pageSize,
    digestId: digestIdOf(content.view),
    ...(services.config.caseUrlTemplate ? { caseUrlTemplate: services.config.caseUrlTemplate } : {}),
    refreshUserIds: refreshUserIds(request.viewer, content.knownPeople),
  });
  return { card, itemCount: items.length };
}

interface DigestContent {
  view: DigestView;
  title: string;
  figuresName: string;
  figures: Pick<UnitFigures, 'rate' | 'compliant' | 'total' | 'rag'>;
  items: DigestItem[];
  /** People whose names the card shows and who see the card (the team, or the officer). */
  knownPeople: Person[];
  officers: { id: string; name: string }[];
  canReassign: boolean;
  /** Said after the headline, e.g. "3 items in other teams are not shown". */
  note?: string;
}

async function teamContent(services: AppServices, request: DigestCardRequest, scope: UnitScope, unitId: string): Promise<DigestContent> {
  const decision = authoriseUnitDigest(request.viewer, unitId, scope);
  if (!decision.allowed) throw new DigestNotVisibleError(decision.reason);
  const [{ digest, figures }, team] = await Promise.all([
    services.queries.figuresAndDigest(unitId, request.at),
    services.people.listByUnit(unitId),
  ]);
  const canReassign = mayReassignIn(request.viewer, unitId, scope);
  return {
    view: { kind: 'team', unitId },
    title: digest.unit.name,
    figuresName: digest.unit.name,
    figures,
    items: digest.items,
    knownPeople: team,
    // Cases are reassigned within the team only (authorise.ts); the card offers exactly those people.
    officers: canReassign && digest.unit.kind === 'team'
      ? team.filter((person) => person.role === 'officer' || person.role === 'supervisor').map((person) => ({ id: person.id, name: person.name }))
      : [],
    canReassign: canReassign && digest.unit.kind === 'team',
  };
}

async function officerContent(services: AppServices, request: DigestCardRequest, scope: UnitScope, officerId: string): Promise<DigestContent> {
  const officer = officerId === request.viewer.id ? request.viewer : await services.people.findById(officerId);
  if (!officer) throw new DigestNotVisibleError(`There is no officer with id '${officerId}' in the people records.`);
  const decision = authoriseOfficerItems(request.viewer, officer, scope);
  if (!decision.allowed) throw new DigestNotVisibleError(decision.reason);
  // Someone else's officer (a refresh of an `officer:` card): only the cases inside the viewer's scope,
  // the rest counted. The officer themself: all their cases, or their items in one team (request.unitId).
  const cases = officerCasesFor(request.viewer, officer, scope.tree, scope.forceId);
  const itemCases = request.unitId !== undefined && cases.kind === 'all' ? { kind: 'within' as const, unitId: request.unitId } : cases;
  const [{ digest, leftOut }, { figures }] = await Promise.all([
    officerItemsAsSeen(services.queries, officer.id, request.at, itemCases, scope.forceId),
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
    knownPeople: [officer],
    officers: [],
    canReassign: false,
  };
}

/** "North Team 3: 87.5% fully compliant — 35 of 40 victims": the rate never without its counts. */
function headline(name: string, figures: DigestContent['figures']): string {
  if (figures.rate === null) return `${name}: no live cases`;
  return `${name}: ${figures.rate.toFixed(1)}% fully compliant — ${figures.compliant} of ${figures.total} victims`;
}

/** OIC names from the people already loaded, looking up only those outside them (cases moved between teams). */
async function officerNames(services: AppServices, known: readonly Person[], items: readonly DigestItem[]): Promise<Map<string, string>> {
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
