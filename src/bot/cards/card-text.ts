import type { Rag } from '../../domain/types.js';

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

export { capitalise } from '../../domain/plain-text.js';
