import type { Rag } from '../../domain/types.js';

/** "87.5% (35 of 40)" or "no live cases": a rate never shows without the counts behind it. */
export function rateWithCounts(rate: number | null, compliant: number, total: number): string {
  return rate === null ? 'no live cases' : `${rateText(rate)} (${compliant} of ${total})`;
}

export function rateText(rate: number | null): string {
  return rate === null ? 'no live cases' : `${rate.toFixed(1)}%`;
}

/** "+2.1 pts", "-0.4 pts", "no change"; null when either period had no live cases. */
export function changeText(change: number | null): string | null {
  if (change === null) return null;
  if (change === 0) return 'no change';
  return `${change > 0 ? '+' : '−'}${Math.abs(change).toFixed(1)} pts`;
}

/** TextBlock colours of the Teams host config for each RAG status. */
export function ragTextColor(rag: Rag | null): 'Good' | 'Warning' | 'Attention' | 'Default' {
  switch (rag) {
    case 'GREEN':
      return 'Good';
    case 'AMBER':
      return 'Warning';
    case 'RED':
      return 'Attention';
    default:
      return 'Default';
  }
}

/** Container styles that tint the background with the RAG colour. */
export function ragContainerStyle(rag: Rag | null): 'good' | 'warning' | 'attention' | 'emphasis' {
  switch (rag) {
    case 'GREEN':
      return 'good';
    case 'AMBER':
      return 'warning';
    case 'RED':
      return 'attention';
    default:
      return 'emphasis';
  }
}

/** Words beside the colour, so the status reads without colour vision too. */
export function ragLabel(rag: Rag | null): string {
  switch (rag) {
    case 'GREEN':
      return 'GREEN · on target';
    case 'AMBER':
      return 'AMBER · just below target';
    case 'RED':
      return 'RED · below target';
    default:
      return 'No live cases';
  }
}

const EMAIL = /[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}/g;
const PHONE = /(?:\+44\s?\(?0?\)?\s?\d{2,4}|\b0\d{2,4})[\s-]?\d{3,4}[\s-]?\d{3,4}\b/g;

/**
 * Free text typed by people (acknowledgement notes, reasons) is the one place a contact detail could
 * slip onto a card, so e-mail addresses and phone numbers are blanked before it is shown.
 */
export function withoutContactDetails(text: string): string {
  return text.replace(EMAIL, '[contact removed]').replace(PHONE, '[contact removed]');
}


export function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
