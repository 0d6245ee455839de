import { escapeMarkdown, withoutInvisibles } from '../../domain/plain-text.js';

/**
 * Every card the bot sends passes through here once, after its template is expanded (expand-template.ts):
 * whatever a template shows, from the records system or typed by a person, reaches Teams as plain text.
 * - TextBlock `text` and FactSet facts render Markdown: escaped (src/domain/plain-text.ts), so the
 *   templates never show a link, emphasis or a heading they were not written with. (They are written
 *   with none.)
 * - Other words people read (button titles, input labels and placeholders, choice titles) are plain
 *   text to Teams: only invisible and direction-changing characters are taken out.
 * What buttons send back (`data`, ids, verbs, choice values, URLs) is left exactly as it is.
 */
export function inertCard<T>(card: T): T {
  return visit(card) as T;
}

const PLAIN_TEXT_KEYS = new Set(['title', 'label', 'placeholder', 'errorMessage', 'altText', 'fallbackText', 'speak']);
const LEFT_AS_SENT = new Set(['data', 'id', 'verb', 'url', 'value', 'userIds']);

function visit(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(visit);
  if (typeof node !== 'object' || node === null) return node;
  const element = node as Record<string, unknown>;
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(element)) {
    if (key === 'refresh') out[key] = visitRefresh(value);
    else if (LEFT_AS_SENT.has(key)) out[key] = value;
    else if (typeof value === 'string') out[key] = displayed(element, key, value);
    else out[key] = visit(value);
  }
  if (element.type === 'FactSet' && Array.isArray(element.facts)) {
    out.facts = element.facts.map((fact: unknown) => escapedFact(fact));
  }
  return out;
}

function displayed(element: Record<string, unknown>, key: string, value: string): string {
  if (key === 'text' && element.type === 'TextBlock') return escapeMarkdown(value);
  if (PLAIN_TEXT_KEYS.has(key)) return withoutInvisibles(value);
  return value;
}

function escapedFact(fact: unknown): unknown {
  if (typeof fact !== 'object' || fact === null) return fact;
  const { title, value, ...rest } = fact as Record<string, unknown>;
  return {
    ...rest,
    ...(typeof title === 'string' ? { title: escapeMarkdown(title) } : {}),
    ...(typeof value === 'string' ? { value: escapeMarkdown(value) } : {}),
  };
}

/** The refresh's action title is text; its data and user ids go back as sent. */
function visitRefresh(refresh: unknown): unknown {
  if (typeof refresh !== 'object' || refresh === null) return refresh;
  const { action, ...rest } = refresh as Record<string, unknown>;
  return action === undefined ? refresh : { ...rest, action: visit(action) };
}
