import type { AppConfig } from '../config/env.js';
import { plannedDateRange } from '../domain/promises.js';
import { actedAtText, asOfText, headline, withNote } from '../domain/wording.js';
import { buildDigest, type Digest, type DigestRequest } from '../service/build-digest.js';
import type { ServiceContext } from '../service/service-context.js';
import { DEFAULT_DIGEST_PAGE_SIZE, renderDigestCard, type DigestCardItem } from './cards/index.js';
import { shortName } from './cards/short-name.js';
import { digestIdOf } from './digest-id.js';
import { buildWeeklyCard } from './weekly-card-builder.js';

export { DigestNotVisibleError } from '../service/build-digest.js';

export interface DigestCardRequest extends DigestRequest {
  /** First item shown (paging with "show more"). */
  offset?: number;
  /** Show the page holding this item (after an action on it), instead of `offset`. */
  focusItemRef?: string;
}

export type DigestCardServices = Pick<ServiceContext, 'db' | 'queries' | 'people' | 'policy' | 'calendar'> & {
  config: Pick<AppConfig, 'caseUrlTemplate'>;
};

/** A team digest or an officer's reminder (src/service/build-digest.ts) as an Adaptive Card. */
export async function buildDigestCard(
  services: DigestCardServices,
  request: DigestCardRequest,
): Promise<{ card: object; itemCount: number }> {
  if (request.summary === 'weekly' && request.unitId !== undefined)
    return buildWeeklyCard(services, { ...request, unitId: request.unitId });
  const digest = await buildDigest(services, request);
  const card = digestCard(digest, request, services, request.coverText);
  return { card, itemCount: digest.entries.length };
}

/** Renders a digest: names cut to fit, the page asked for (or the one holding the item just acted on). */
export function digestCard(
  digest: Digest,
  paging: Pick<DigestCardRequest, 'offset' | 'focusItemRef'>,
  services: DigestCardServices,
  coverText?: string,
): object {
  const timeZone = services.policy.timeZone;
  const cardItems: DigestCardItem[] = digest.entries.map(({ item, itemRef, oicName, acknowledgement, promise }) => ({
    itemRef,
    crimeReference: item.caseId,
    category: shortName(item.category),
    oicName: shortName(oicName),
    oicId: item.oicId,
    kind: item.kind,
    dueDate: item.dueDate,
    daysOverdue: item.daysOverdue,
    enhanced: item.enhanced,
    ...(acknowledgement
      ? {
          acknowledgement: {
            byName: shortName(acknowledgement.personName),
            atText: actedAtText(acknowledgement.at, digest.at, timeZone),
            ...(acknowledgement.note ? { note: acknowledgement.note } : {}),
            ...(acknowledgement.plannedOn ? { plannedOn: acknowledgement.plannedOn } : {}),
          },
        }
      : {}),
    ...(promise
      ? {
          promise: {
            state: promise.state,
            plannedOn: promise.plannedOn,
            // Given on another card of this deadline: the acknowledgement line does not say it, so the promise line does.
            ...(promise.itemRef === itemRef ? {} : { byName: shortName(promise.personName) }),
          },
        }
      : {}),
  }));
  const pageSize = DEFAULT_DIGEST_PAGE_SIZE;
  const focusIndex = paging.focusItemRef === undefined ? -1 : digest.entries.findIndex((entry) => entry.itemRef === paging.focusItemRef);
  const offset = focusIndex >= 0 ? Math.floor(focusIndex / pageSize) * pageSize : (paging.offset ?? 0);
  return renderDigestCard({
    title: shortName(digest.title),
    asOfText: asOfText(digest.at, timeZone),
    headline: withNote(headline(shortName(digest.figuresName), digest.figures), digest.note),
    rag: digest.figures.rag,
    items: cardItems,
    officers: digest.officers.map((officer) => ({ id: officer.id, name: shortName(officer.name) })),
    canReassign: digest.canReassign,
    offset,
    pageSize,
    digestId: digestIdOf(digest.view),
    ...(services.config.caseUrlTemplate ? { caseUrlTemplate: services.config.caseUrlTemplate } : {}),
    refreshUserIds: digest.refreshUserIds,
    promises: digest.promises,
    plannedDates: plannedDateRange(digest.at, services.policy),
    ...(coverText === undefined ? {} : { coverText }),
  });
}
