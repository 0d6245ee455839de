/**
 * Text into HTML and SVG: `&`, `<`, `>`, `"` and `'` become entities, so a unit's name from the records can
 * never open a tag or close an attribute in the printable report. Pure.
 */
export function escapeMarkup(value: string): string {
  return value.replace(/[&<>"']/g, (char) => ENTITIES[char] as string);
}

const ENTITIES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };
