import type { AdaptiveCard } from './adaptive-card.js';
import { expandTemplate } from './expand-template.js';

/** Which sampled case a button is about: the card carries no more, and the server checks it against the stored sample. */
export interface DipCaseButtonRef {
  unitId: string;
  period: string;
  caseId: string;
}

/** The inspector's sample card (issue 16): crime references, categories and OICs only, never a victim. */
export interface DipSampleCardData {
  /** e.g. "North LPA: dip sample, November 2026". */
  title: string;
  /** e.g. "Drawn Mon 2 Nov · 20 cases · 3 submitted, 1 under way". */
  summary: string;
  teams: {
    heading: string;
    cases: {
      ref: DipCaseButtonRef;
      /** e.g. "violence · OIC PC 2002 Patel". */
      detail: string;
      status: 'not_started' | 'under_way' | 'submitted';
      /** e.g. "4 of 9 answered". */
      statusText: string;
    }[];
  }[];
  /** A unit with more cases than a card holds lists its units instead, each opening its own sample. */
  units: { title: string; detail: string; unitId: string; period: string }[];
  footer: string;
}

const STATUS_COLOR = { not_started: 'Default', under_way: 'Warning', submitted: 'Good' } as const;

export function renderDipSampleCard(data: DipSampleCardData): AdaptiveCard {
  return expandTemplate('dip-sample', {
    title: data.title,
    summary: data.summary,
    teams: data.teams.map((team) => ({
      heading: team.heading,
      empty: team.cases.length === 0,
      cases: team.cases.map((c) => ({
        caseId: c.ref.caseId,
        detail: c.detail,
        status: c.statusText,
        statusColor: STATUS_COLOR[c.status],
        data: { ...c.ref },
      })),
    })),
    hasUnits: data.units.length > 0,
    unitsIntro: 'Open a unit for its cases:',
    units: data.units.map((unit) => ({ title: unit.title, detail: unit.detail, data: { unitId: unit.unitId, period: unit.period } })),
    footer: data.footer,
  });
}
