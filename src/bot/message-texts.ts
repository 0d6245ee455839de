import { escapeMarkdown, withoutLinks } from '../domain/plain-text.js';
import { withoutContactDetails } from './cards/card-text.js';

/**
 * Plain messages the bot posts (not cards). Teams renders Markdown in message text too, so every record
 * field and every typed word in them is escaped (src/domain/plain-text.ts), and typed text loses its
 * links and any contact detail first.
 */

/** Typed text (a reason, a note) as a message shows it: no links, no contact details, no markup. */
export function typedTextForMessage(text: string): string {
  return escapeMarkdown(withoutContactDetails(withoutLinks(text)));
}

/** To the new OIC, in their personal chat, after a supervisor reassigned a case to them. */
export function reassignedToYouText(input: { actorName: string; caseId: string; category: string; reason: string }): string {
  return (
    `${escapeMarkdown(input.actorName)} has reassigned case ${escapeMarkdown(input.caseId)} ` +
    `(${escapeMarkdown(input.category)}) to you. Reason: ${typedTextForMessage(input.reason)}. Say "my ` +
    `items" to see what is due on it.`
  );
}
