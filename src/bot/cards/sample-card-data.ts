import type { DigestItemKind } from '../../domain/types.js';
import type { AdaptiveCard } from './adaptive-card.js';
import { renderAmbiguousCard } from './ambiguous-card.js';
import { renderDigestCard, type DigestCardData, type DigestCardItem } from './digest-card.js';
import { renderFigureCard, type FigureCardData } from './figure-card.js';
import { renderHelpCard } from './help-card.js';
import { renderNotSetUpCard } from './not-set-up-card.js';
import { renderNotUnderstoodCard } from './not-understood-card.js';
import { renderRankingCard, type RankingCardData, type RankingRow } from './ranking-card.js';
import { renderRefusalCard } from './refusal-card.js';
import { renderSubscriptionConfirmationCard } from './subscription-confirmation-card.js';
import { renderTrendCard, type TrendCardData, type TrendRow } from './trend-card.js';

/**
 * Made-up data for every card, used by the card tests and by scripts/render-cards.ts for the PNGs in
 * docs/cards/. Officers are invented; there are no victims here at all, only opaque item refs.
 */

const OFFICERS = [
  { id: 'P2345', name: 'PC 2345 Patel' },
  { id: 'P3456', name: 'PC 3456 Okafor' },
  { id: 'P4567', name: 'DC 4567 Nowak' },
  { id: 'P5678', name: 'PC 5678 Hughes' },
  { id: 'P6789', name: 'PC 6789 Begum' },
];

const CATEGORIES = ['violence', 'domestic abuse', 'RASSO', 'hate', 'serious acquisitive', 'other'];

/** A digest's items in digest order: breaches by days overdue, then items due soon. */
export function sampleDigestItems(count: number): DigestCardItem[] {
  const items: DigestCardItem[] = [];
  for (let index = 0; index < count; index++) {
    const officer = OFFICERS[index % OFFICERS.length] as { id: string; name: string };
    const breach = index < Math.ceil(count * 0.7);
    const kind: DigestItemKind = breach ? (index % 4 === 1 ? 'needs_assessment_missing' : 'update_overdue') : index % 2 === 0 ? 'update_due_soon' : 'needs_assessment_due_soon';
    const daysOverdue = breach ? Math.max(1, 14 - index) : 0;
    const dueDay = breach ? 20 - daysOverdue : 21 + (index % 3);
    items.push({
      itemRef: `ref${String(index).padStart(4, '0')}Qk7xZp`,
      crimeReference: `CR-26-${String(4512 + index * 37).padStart(6, '0')}`,
      category: CATEGORIES[index % CATEGORIES.length] as string,
      oicName: officer.name,
      oicId: officer.id,
      kind,
      dueDate: localDate(2026, 11, dueDay),
      daysOverdue,
      enhanced: index % 3 === 0,
    });
  }
  return items;
}

function localDate(year: number, month: number, day: number): string {
  const date = new Date(Date.UTC(year, month - 1, day));
  return date.toISOString().slice(0, 10);
}

export function sampleSupervisorDigest(itemCount = 14): DigestCardData {
  const items = sampleDigestItems(itemCount);
  const acknowledged = items[1];
  if (acknowledged) acknowledged.acknowledgement = { byName: 'PS 1234 Smith', atText: '07:42', note: 'Spoke to PC Okafor, update by 12:00 today' };
  return {
    title: 'North Team 3',
    asOfText: '07:00 Fri 20 Nov 2026',
    headline: 'North Team 3: 87.5% fully compliant — 35 of 40 victims',
    rag: 'AMBER',
    items,
    officers: OFFICERS,
    canReassign: true,
    digestId: 'dg-2026-11-20-N-T3',
    caseUrlTemplate: 'https://records.example.police.uk/cases/{caseId}',
    refreshUserIds: ['6f1c2a40-1b7e-4c1a-9d0e-3a2b1c0d9e8f'],
  };
}

export function sampleOfficerReminder(): DigestCardData {
  const items = sampleDigestItems(6).map((item) => ({ ...item, oicName: 'PC 2345 Patel', oicId: 'P2345' }));
  return {
    title: 'Your items',
    asOfText: '07:00 Fri 20 Nov 2026',
    headline: 'PC 2345 Patel: 5 overdue, 1 due soon',
    rag: null,
    items,
    officers: [],
    canReassign: false,
    caseUrlTemplate: 'https://records.example.police.uk/cases/{caseId}',
    refreshUserIds: [],
  };
}

export function sampleFigure(): FigureCardData {
  return {
    headline: 'North Team 3: 87.5% fully compliant — 35 of 40 victims — at 20 Nov 2026',
    rag: 'AMBER',
    metricLabel: 'fully compliant',
    current: { atText: '20 Nov 2026', rate: 87.5, compliant: 35, total: 40 },
    previous: { atText: '31 Oct 2026', rate: 85.4, compliant: 35, total: 41, change: 2.1 },
    breakdown: {
      overall: { compliant: 35, total: 40, rate: 87.5 },
      needsAssessment: { compliant: 38, total: 40, rate: 95 },
      updates: { compliant: 36, total: 40, rate: 90 },
    },
    targetRate: 90,
    drillDown: [
      { title: 'By officer', question: { intent: 'compare_children', scope: { kind: 'unit', unitId: 'N-T3' } } },
      { title: 'Show the items', question: 'digest' },
    ],
  };
}

const TEAMS = ['North Team 1', 'North Team 2', 'North Team 3', 'North Team 4', 'North CID', 'North Safeguarding', 'North Neighbourhoods', 'North Response'];

export function sampleRanking(rowCount = TEAMS.length): RankingCardData {
  const rows: RankingRow[] = [];
  for (let index = 0; index < rowCount; index++) {
    const total = 30 + ((index * 7) % 25);
    const compliant = total - 1 - ((index * 5) % 9);
    const rate = Math.round((compliant / total) * 1000) / 10;
    rows.push({
      label: TEAMS[index % TEAMS.length] + (index >= TEAMS.length ? ` (${Math.floor(index / TEAMS.length) + 1})` : ''),
      rate,
      compliant,
      total,
      inBreach: total - compliant,
      rag: rate >= 90 ? 'GREEN' : rate >= 85 ? 'AMBER' : 'RED',
    });
  }
  rows.sort((a, b) => (a.rate ?? 101) - (b.rate ?? 101));
  const below = rows.filter((row) => (row.rate ?? 100) < 90).length;
  return {
    headline: `${below} of ${rows.length} teams in North LPA are below 90.0% fully compliant — at 20 Nov 2026`,
    metricLabel: 'fully compliant',
    atText: '20 Nov 2026',
    rowNoun: 'team',
    rows,
    targetRate: 90,
    drillDown: [{ title: 'Trend for North LPA', question: 'trend for North LPA over the last 6 months' }],
  };
}

export function sampleTrend(): TrendCardData {
  const months: [string, number, number][] = [
    ['Jun 2026', 118, 140],
    ['Jul 2026', 121, 139],
    ['Aug 2026', 115, 142],
    ['Sep 2026', 126, 144],
    ['Oct 2026', 130, 143],
    ['Nov 2026', 133, 145],
  ];
  const rows: TrendRow[] = months.map(([periodLabel, compliant, total]) => {
    const rate = Math.round((compliant / total) * 1000) / 10;
    return { periodLabel, rate, compliant, total, rag: rate >= 90 ? 'GREEN' : rate >= 85 ? 'AMBER' : 'RED' };
  });
  return {
    headline: 'CID: fully compliant over the last 6 months — 84.3% in Jun 2026 to 91.7% in Nov 2026',
    metricLabel: 'fully compliant',
    rows,
    targetRate: 90,
  };
}

/** Every card with typical sample data, by the name of its picture in docs/cards/. */
export function sampleCards(): { name: string; card: AdaptiveCard }[] {
  return [
    { name: 'digest', card: renderDigestCard(sampleSupervisorDigest()) },
    { name: 'officer-reminder', card: renderDigestCard(sampleOfficerReminder()) },
    { name: 'figure-answer', card: renderFigureCard(sampleFigure()) },
    { name: 'ranking', card: renderRankingCard(sampleRanking()) },
    { name: 'trend', card: renderTrendCard(sampleTrend()) },
    {
      name: 'refusal',
      card: renderRefusalCard({
        reason: 'You can see figures for North Team 3 and the officers in it, but not for South LPA.',
        hint: 'Ask about your own team, or ask an inspector of South LPA.',
      }),
    },
    { name: 'help', card: renderHelpCard() },
    { name: 'not-understood', card: renderNotUnderstoodCard({ suggestions: ["my team's compliance this month", 'which teams are below target?', 'my items'] }) },
    {
      name: 'ambiguous',
      card: renderAmbiguousCard({
        prompt: '"Team 3" could be one of these:',
        options: [
          { title: 'North Team 3', question: { scope: { kind: 'unit', unitId: 'N-T3' } } },
          { title: 'South Team 3', question: { scope: { kind: 'unit', unitId: 'S-T3' } } },
        ],
      }),
    },
    { name: 'not-set-up', card: renderNotSetUpCard({ userObjectId: '6f1c2a40-1b7e-4c1a-9d0e-3a2b1c0d9e8f' }) },
    {
      name: 'subscription-confirmation',
      card: renderSubscriptionConfirmationCard({ active: true, subject: "North Team 3's digest", timeText: '06:30', whereText: 'in this chat', timeZone: 'Europe/London' }),
    },
  ];
}
