/**
 * Text from the records system (unit and person names, offences, categories, crime references) and text
 * people type (acknowledgement notes, reassignment reasons) is shown by an official police bot, in
 * channels too. Teams renders Markdown in Adaptive Card TextBlocks and FactSets and in message text, so
 * a name like `[PS Smith](https://evil.example)` would become a link, `**URGENT**` bold, `# ...` a
 * heading. These functions make such text inert: it shows exactly as written, as plain characters.
 * Pure: no I/O, used by the card renderers and the bot's messages.
 */

/**
 * Bidirectional overrides, isolates and marks (U+202A-U+202E, U+2066-U+2069, U+200E, U+200F, U+061C),
 * zero-width and invisible formatting characters (U+200B-U+200D, U+2060-U+2064, U+FEFF, U+180E, U+00AD,
 * U+206A-U+206F). They show nothing themselves but can reorder or disguise what is around them: "PS
 * Smith" with a right-to-left override can read as another name, which matters where a card says who
 * acted.
 */
const INVISIBLE = /[\u00AD\u061C\u180E\u200B-\u200F\u202A-\u202E\u2060-\u2064\u2066-\u206F\uFEFF]/g;

/** Characters that start Markdown anywhere in a line: emphasis, code, links and images, HTML and autolinks, entities. */
const INLINE_MARKUP = /[\\`*_~[\]<>&]/g;
/**
 * Block markers at the start of a line: a heading (`# `), a bullet (`- `, `+ `), a rule or setext
 * underline (`---`, `===`). A marker followed by a letter or digit ("+2.1 pts", "-5", "#12") is no markup.
 */
const LINE_START_MARKER = /(^|[\r\n])([ \t]*)([#+=-])(?=[\s#+=-]|$)/g;
/** "1. " or "1) " at the start of a line: a numbered list. */
const LINE_START_NUMBER = /(^|[\r\n])([ \t]*)(\d{1,9})([.)])(?=\s|$)/g;

export function withoutInvisibles(text: string): string {
  return text.replace(INVISIBLE, '');
}

/**
 * Shows as written under CommonMark (which Adaptive Cards' Markdown subset and Teams follow): every
 * character that could start markup is backslash-escaped, and the renderer drops the backslashes. Text
 * that needs no escaping (most names, "CR-26-004512", "87.5%") comes back unchanged.
 */
export function escapeMarkdown(text: string): string {
  return withoutInvisibles(text)
    .replace(INLINE_MARKUP, '\\$&')
    .replace(LINE_START_MARKER, '$1$2\\$3')
    .replace(LINE_START_NUMBER, '$1$2$3\\$4');
}

const MARKDOWN_LINK = /!?\[((?:[^[\]]|\[[^[\]]*\])*)\]\([^()]*(?:\([^()]*\)[^()]*)*\)/g;
const REFERENCE_LINK = /!?\[((?:[^[\]]|\[[^[\]]*\])*)\]\[[^[\]]*\]/g;
const LINK_DEFINITION = /^[ \t]{0,3}\[[^\]]+\]:[ \t]*\S+.*$/gm;
const AUTOLINK = /<(?:[a-z][a-z0-9+.-]{1,31}:[^<>\s]*|[^<>\s@]+@[^<>\s@]+)>/gi;
/** A trailing full stop, comma or bracket ends the sentence, not the address. */
const BARE_URL = /\b(?:[a-z][a-z0-9+.-]{1,31}:\/\/|www\.)[^\s<>]*[^\s<>.,;:!?)'"]/gi;

export const LINK_REMOVED = '[link removed]';

/**
 * Typed text with its links taken out: a Markdown link or image keeps its words (`[the log](https://x)`
 * becomes "the log"), a link definition goes, and a bare or angle-bracketed address becomes "[link
 * removed]". Invisible characters go too. The result still needs `escapeMarkdown` to be shown.
 */
export function withoutLinks(text: string): string {
  return withoutInvisibles(text)
    .replace(MARKDOWN_LINK, '$1')
    .replace(REFERENCE_LINK, '$1')
    .replace(LINK_DEFINITION, '')
    .replace(AUTOLINK, LINK_REMOVED)
    .replace(BARE_URL, LINK_REMOVED);
}

/** "Referrals to support …": the first letter upper case, the rest as written. */
export function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
