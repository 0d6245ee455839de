/** Longest name a card shows (a unit, a person, an offence category); longer ones end in an ellipsis. */
export const CARD_NAME_MAX_CHARS = 80;

/**
 * A name cut to `max` characters with an ellipsis. The records allow names of up to 1,000 characters,
 * and a card repeats some (an officer's name in every item's Reassign choices): uncut, a handful of them
 * would take the card over Teams' message limit.
 */
export function shortName(name: string, max = CARD_NAME_MAX_CHARS): string {
  const text = name.trim();
  const characters = Array.from(text);
  return characters.length <= max
    ? text
    : `${characters
        .slice(0, max - 1)
        .join('')
        .trimEnd()}…`;
}
