/**
 * How a CommonMark renderer (Adaptive Card TextBlocks, Teams message text) reads a string, for tests:
 * `shownAs` drops backslash escapes as the renderer does; `markupIn` lists what would still be markup.
 */

const ESCAPE = /\\([!-/:-@[-`{-~])/g;

export function shownAs(text: string): string {
  return text.replace(ESCAPE, '$1');
}

/** Unescaped characters or line starts that a renderer would turn into a link, emphasis, code, HTML, a heading or a list. */
export function markupIn(text: string): string[] {
  const found: string[] = [];
  const withoutEscapes = text.replace(ESCAPE, '\u0000');
  for (const char of withoutEscapes.match(/[`*_~[\]<>&]/g) ?? []) found.push(char);
  for (const line of withoutEscapes.split(/\r\n|\r|\n/)) {
    const block = /^[ \t]*(#{1,6}(?:[ \t]|$)|[-+*][ \t]|\d{1,9}[.)](?:[ \t]|$)|={2,}|-{3,})/.exec(line);
    if (block) found.push(block[1] as string);
  }
  return found;
}

/** Direction overrides, isolates, marks and zero-width characters. */
export const INVISIBLE_CHARACTERS = /[\u00AD\u061C\u180E\u200B-\u200F\u202A-\u202E\u2060-\u2064\u2066-\u206F\uFEFF]/;
