import type { Found } from './period-found.js';
import { WEEKDAY_WORD } from './period-vocabulary.js';

/**
 * Times said in a question that are not the figures' time: when something else happens. Read (so never named
 * back) but no period: tried first, so the words are blanked before any period pattern sees them.
 */

/** Things that happen at a time of their own: "the PCC meeting on Monday", "my review next week". */
const EVENT = '(?:meeting|review|briefing|session|call|appointment|presentation|conference|panel|visit|inspection)';

export const CONTEXT_PATTERNS: { pattern: RegExp; read(): Found }[] = [
  {
    // "I've got the PCC meeting on Monday", "the meeting with the super on Monday": the meeting's day, not the figures'.
    pattern: new RegExp(
      `\\b${EVENT} (?:is |was )?(?:on |this |next |coming )?(?:${WEEKDAY_WORD}|week|tomorrow)\\b` +
        `|\\b${EVENT}(?: \\w+){1,4}? (?:on|this|next|coming) (?:${WEEKDAY_WORD}|week)\\b`,
      'g',
    ),
    read: () => ({ context: true }),
  },
  {
    // "Anything due tomorrow": items still open now, due then (the list gives each one's due date).
    pattern: /(?<=\bdue (?:by |before |on )?)tomorrow\b/g,
    read: () => ({ context: true }),
  },
];
