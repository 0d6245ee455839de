import { digestGroupOf, isBreachKind } from '../../domain/digest.js';
import { withoutLinks } from '../../domain/plain-text.js';
import { dutyOf, type PromiseState } from '../../domain/promises.js';
import type { DigestItemKind, LocalDate, PromiseCounts, Rag } from '../../domain/types.js';
import { dayText, promiseCountsText } from '../../domain/wording.js';
import type { AdaptiveCard } from './adaptive-card.js';
import { CARD_BUDGET_BYTES, cardBytes, fitRowCount } from './card-size.js';
import { DUTY_WORDS, KIND_LABELS, groupHeadings } from './digest-kinds.js';
import { capitalise, ragContainerStyle, ragLabel, ragTextColor, withoutContactDetails } from './card-text.js';
import { expandTemplate } from './expand-template.js';

export const DEFAULT_DIGEST_PAGE_SIZE = 10;
/** Teams refreshes a card automatically for at most 60 listed users. */
export const MAX_REFRESH_USER_IDS = 60;

/**
 * One item of a digest as the card shows it. It carries no victim id or personal detail: the card
 * refers to it only by `itemRef` (see `itemRef()` in src/domain/digest.ts).
 */
export interface DigestCardItem {
  /** Opaque reference the buttons send back. */
  itemRef: string;
  /** The crime reference / case id of the records system, e.g. "CR-26-004512"; also fills `{caseId}` of the case link. */
  crimeReference: string;
  category: string;
  /** The OIC as people know them, e.g. "PC 4521 Patel". */
  oicName: string;
  /** The OIC's person id: leaves them out of the Reassign choices for their own item. */
  oicId?: string;
  kind: DigestItemKind;
  dueDate: LocalDate;
  /** Whole days past the due date (0 for items due soon). */
  daysOverdue: number;
  enhanced: boolean;
  acknowledgement?: { byName: string; atText: string; note?: string; plannedOn?: LocalDate };
  /**
   * The promise on this item's duty and deadline, when an acknowledgement gave a planned date; `byName`
   * when it was given on another card of the same deadline (the item while it was due soon).
   */
  promise?: { state: PromiseState; plannedOn: LocalDate; byName?: string };
}

export interface DigestCounts {
  overdueUpdates: number;
  missingNeedsAssessments: number;
  /** Referrals, written acknowledgements and key decisions overdue: null when the digest has no item of them. */
  otherDutiesOverdue: number | null;
  dueSoon: number;
}

/** A supervisor's team digest or an officer's reminder (same card). */
export interface DigestCardData {
  /** The team's name for a supervisor's digest; "Your items" for an officer's reminder. */
  title: string;
  /** When the figures were taken, as people read it, e.g. "07:00 Fri 20 Nov 2026". */
  asOfText: string;
  /** e.g. "North Team 3: 87.5% fully compliant — 35 of 40 victims". */
  headline: string;
  rag: Rag | null;
  /** Every item of the digest, most urgent first (the order of compareDigestItems); the card pages through them. */
  items: DigestCardItem[];
  /** The team's officers a case can be reassigned to; empty, or `canReassign` false, hides Reassign. */
  officers: { id: string; name: string }[];
  /** Whether the person the card is for may reassign (supervisors); officers only acknowledge. */
  canReassign: boolean;
  /** Index of the first item shown (0 for the first page; `showMore` sends the next one). */
  offset?: number;
  pageSize?: number;
  /** Stored digest this card belongs to; echoed in every button's data. */
  digestId?: string;
  /** e.g. "https://records.example.police.uk/cases/{caseId}"; no "Open case" button when absent. */
  caseUrlTemplate?: string;
  /** Entra object ids whose Teams refreshes the card automatically (Universal Actions); at most 60 are used. */
  refreshUserIds: string[];
  /** Promises on the digest's cases by state at the card's instant; no line when there are none. */
  promises?: PromiseCounts;
  /** The dates the date box offers (today to the policy's latest); the service checks the date again. */
  plannedDates?: { min: LocalDate; max: LocalDate };
  /** A digest sent to someone covering for its supervisor: "Covering for PS 1234 Smith, away until Mon 30 Nov". */
  coverText?: string;
}

export function digestCounts(items: readonly Pick<DigestCardItem, 'kind'>[]): DigestCounts {
  return {
    overdueUpdates: items.filter((i) => i.kind === 'update_overdue').length,
    missingNeedsAssessments: items.filter((i) => i.kind === 'needs_assessment_missing').length,
    otherDutiesOverdue: items.some((i) => digestGroupOf(i.kind) !== 'updatesAndAssessments')
      ? items.filter((i) => digestGroupOf(i.kind) !== 'updatesAndAssessments' && isBreachKind(i.kind)).length
      : null,
    dueSoon: items.filter((i) => !isBreachKind(i.kind)).length,
  };
}

/** Input ids of one item's note, planned date, officer choice and reason: unique per item, as Adaptive Cards require. */
export function digestInputIds(itemRef: string): { note: string; plannedOn: string; officer: string; reason: string } {
  return { note: `note-${itemRef}`, plannedOn: `planned-${itemRef}`, officer: `officer-${itemRef}`, reason: `reason-${itemRef}` };
}

/**
 * Renders one page of the digest. If the page would make the message too big for Teams, fewer items
 * are shown and "Show more" carries on from the first one left out. A page always shows at least one
 * item, so paging always moves on: an item too big with its Reassign choices (a team of very many
 * officers) is shown without them.
 */
export function renderDigestCard(data: DigestCardData): AdaptiveCard {
  const pageSize = Math.max(1, data.pageSize ?? DEFAULT_DIGEST_PAGE_SIZE);
  const offset = Math.min(Math.max(0, data.offset ?? 0), Math.max(0, data.items.length - 1));
  const page = data.items.slice(offset, offset + pageSize);
  const render = (shown: DigestCardData) => (count: number) => expandTemplate('digest', digestView(shown, offset, page.slice(0, count)));
  const fitted = fitRowCount(page.length, render(data));
  if (fitted.count > 0 || page.length === 0) return fitted.card;
  const single = render({ ...data, canReassign: false })(1);
  if (cardBytes(single) > CARD_BUDGET_BYTES)
    throw new Error(`One digest item alone is over ${CARD_BUDGET_BYTES} bytes: shorten the names put on the card`);
  return single;
}

function digestView(data: DigestCardData, offset: number, shown: DigestCardItem[]) {
  const total = data.items.length;
  const counts = digestCounts(data.items);
  const nextOffset = offset + shown.length;
  const withDigest = <T extends object>(fields: T) => (data.digestId === undefined ? fields : { ...fields, digestId: data.digestId });
  const first = offset + 1;
  const headings = groupHeadings(data.items, shown);
  const order = headings.some((heading) => heading !== null) ? 'by duty, most overdue at the top of each' : 'most overdue at the top';
  return {
    title: data.title,
    asOfText: data.asOfText,
    hasCover: data.coverText !== undefined,
    coverText: data.coverText ?? '',
    headline: data.headline,
    ragStyle: ragContainerStyle(data.rag),
    ragColor: ragTextColor(data.rag),
    hasRag: data.rag !== null,
    ragLabel: ragLabel(data.rag),
    counts: [
      {
        value: String(counts.overdueUpdates),
        label: plural(counts.overdueUpdates, 'overdue update', 'overdue updates'),
        color: counts.overdueUpdates > 0 ? 'Attention' : 'Good',
      },
      {
        value: String(counts.missingNeedsAssessments),
        label: plural(counts.missingNeedsAssessments, 'missing needs assessment', 'missing needs assessments'),
        color: counts.missingNeedsAssessments > 0 ? 'Attention' : 'Good',
      },
      ...(counts.otherDutiesOverdue === null
        ? []
        : [
            {
              value: String(counts.otherDutiesOverdue),
              label: 'other duties overdue',
              color: counts.otherDutiesOverdue > 0 ? 'Attention' : 'Good',
            },
          ]),
      { value: String(counts.dueSoon), label: 'due soon', color: counts.dueSoon > 0 ? 'Warning' : 'Good' },
    ],
    hasItems: total > 0,
    listHeading: total === 0 ? 'Nothing to act on' : `Act on these first, ${order} (${first}–${nextOffset} of ${total})`,
    emptyText: 'No overdue updates, missing needs assessments or items due soon.',
    hasPromises: data.promises !== undefined && data.promises.kept + data.promises.missed + data.promises.open > 0,
    promisesText: data.promises ? `Promises with a planned date: ${promiseCountsText(data.promises)}` : '',
    items: shown.map((item, index) => ({ ...itemView(item, data, withDigest), ...headingView(headings[index] ?? null) })),
    hasMore: nextOffset < total,
    showMoreTitle: `Show more (${total - nextOffset} left)`,
    showMoreData: withDigest({ offset: nextOffset }),
    hasPrevious: offset > 0,
    firstPageData: withDigest({ offset: 0 }),
    refresh: {
      enabled: data.refreshUserIds.length > 0,
      userIds: data.refreshUserIds.slice(0, MAX_REFRESH_USER_IDS),
      data: withDigest({ offset }),
    },
  };
}

function itemView(item: DigestCardItem, data: DigestCardData, withDigest: <T extends object>(fields: T) => T & { digestId?: string }) {
  const ids = digestInputIds(item.itemRef);
  const choices = data.officers.filter((o) => o.id !== item.oicId).map((o) => ({ title: o.name, value: o.id }));
  const canReassign = data.canReassign && choices.length > 0;
  const acknowledged = item.acknowledgement !== undefined;
  const caseUrl = data.caseUrlTemplate ? data.caseUrlTemplate.replaceAll('{caseId}', encodeURIComponent(item.crimeReference)) : '';
  // A typed note keeps its words but not its links; the card then shows it as plain text (inert-text.ts).
  const note = withoutLinks(item.acknowledgement?.note ?? '').trim();
  const overdue = isBreachKind(item.kind);
  return {
    dueText: overdue ? overdueText(item.daysOverdue) : `due ${shortDate(item.dueDate)}`,
    dueColor: overdue ? 'Attention' : 'Warning',
    kindLabel: KIND_LABELS[item.kind],
    caseLine: `${item.crimeReference} · ${item.category}`,
    oicLine: `OIC ${item.oicName}`,
    enhanced: item.enhanced,
    acknowledged,
    acknowledgementText: item.acknowledgement ? acknowledgementText(item, item.acknowledgement) : '',
    hasPromise: item.promise !== undefined,
    ...promiseView(item),
    hasNote: note.length > 0,
    noteText: `Note: ${withoutContactDetails(truncate(note, 200))}`,
    hasActions: !acknowledged || canReassign || caseUrl !== '',
    acknowledgeData: withDigest({ itemRef: item.itemRef }),
    noteInputId: ids.note,
    plannedInputId: ids.plannedOn,
    plannedLabel: `${capitalise(DUTY_WORDS[dutyOf(item.kind)])} planned by (optional)`,
    // Absent without a range: the template leaves the property out.
    plannedMin: data.plannedDates?.min ?? null,
    plannedMax: data.plannedDates?.max ?? null,
    canReassign,
    officerInputId: ids.officer,
    reasonInputId: ids.reason,
    officerChoices: choices,
    reassignData: withDigest({ itemRef: item.itemRef }),
    hasCaseUrl: caseUrl !== '',
    caseUrl,
  };
}

function headingView(heading: string | null): { hasGroupHeading: boolean; groupHeading: string } {
  return { hasGroupHeading: heading !== null, groupHeading: heading ?? '' };
}

function overdueText(days: number): string {
  if (days <= 0) return 'overdue';
  return days === 1 ? '1 day overdue' : `${days} days overdue`;
}

/** "Tue 24 Nov" from "2026-11-24". */
function shortDate(date: LocalDate): string {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(date)) throw new Error(`A digest item's dueDate must be YYYY-MM-DD (got '${date}')`);
  return dayText(date);
}

/** "✓ Acknowledged by PS 1234 Smith 07:42 · update planned by Fri 27 Nov". */
function acknowledgementText(item: DigestCardItem, acknowledgement: NonNullable<DigestCardItem['acknowledgement']>): string {
  const planned = acknowledgement.plannedOn ? ` · ${DUTY_WORDS[dutyOf(item.kind)]} planned by ${shortDate(acknowledgement.plannedOn)}` : '';
  return `✓ Acknowledged by ${acknowledgement.byName} ${acknowledgement.atText}${planned}`;
}

/** The state in words beside its colour, so it reads without colour vision too. */
const PROMISE_WORDS: Record<PromiseState, { label: string; color: 'Warning' | 'Attention' | 'Good' | 'Default' }> = {
  AMBER: { label: 'AMBER · Promise open', color: 'Warning' },
  RED: { label: 'RED · Promise missed', color: 'Attention' },
  GREEN: { label: 'GREEN · Promise kept', color: 'Good' },
  GREY: { label: 'GREY · Promise closed with the case', color: 'Default' },
};

function promiseView(item: DigestCardItem): { promiseText: string; promiseColor: string } {
  const promise = item.promise;
  if (!promise) return { promiseText: '', promiseColor: 'Default' };
  const words = PROMISE_WORDS[promise.state];
  // Given on another card of this deadline: say whose promise it is and for when, as the acknowledgement line would.
  const whose = promise.byName ? `: ${promise.byName} planned the ${DUTY_WORDS[dutyOf(item.kind)]} by ${shortDate(promise.plannedOn)}` : '';
  return { promiseText: `${words.label}${whose}`, promiseColor: words.color };
}

function plural(count: number, one: string, many: string): string {
  return count === 1 ? one : many;
}

function truncate(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}
