/**
 * A value repeated in an error message is shortened, so an answer never grows with the bad input it
 * describes (a 64 KB line quoted back 10,000 times is 640 MB): the first 80 characters, then "…".
 */
export const MAX_QUOTED_CHARS = 80;

export function shortened(text: string, max = MAX_QUOTED_CHARS): string {
  if (text.length <= max) return text;
  // Never cut between the two halves of a surrogate pair: the answer must stay valid text.
  const end = /[\ud800-\udbff]/.test(text.charAt(max - 1)) ? max - 1 : max;
  return `${text.slice(0, end)}…`;
}

/** `'value'`, shortened: for messages that quote what was sent (`at '...' must be ...`). */
export function quoted(value: string): string {
  return `'${shortened(value)}'`;
}
