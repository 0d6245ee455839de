import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { AdaptiveCard } from './adaptive-card.js';
import { inertCard } from './inert-text.js';

/**
 * The part of adaptivecards-templating we use. Its published typings import `adaptivecards/src/*.ts`
 * sources, which `tsc` then type-checks as CommonJS and rejects; loading it untyped and describing the
 * two members here keeps `npm test`'s type check clean without turning off checks for our own code.
 */
interface CardTemplate {
  expand(context: { $root: unknown }): unknown;
}
interface AdaptiveCardsTemplating {
  Template: new (payload: unknown) => CardTemplate;
  GlobalSettings: { getUndefinedFieldValueSubstitutionString?: (path: string) => string | undefined };
}
const ACData = createRequire(import.meta.url)('adaptivecards-templating') as AdaptiveCardsTemplating;

/** The template files in cards/ at the repository root, by name without `.json`. */
export type CardTemplateName =
  | 'digest'
  | 'figure'
  | 'weekly'
  | 'ranking'
  | 'trend'
  | 'unread'
  | 'promises'
  | 'refusal'
  | 'help'
  | 'not-understood'
  | 'ambiguous'
  | 'not-set-up'
  | 'subscription-confirmation'
  | 'dip-sample'
  | 'dip-audit'
  | 'dip-results';

const CARDS_FOLDER = new URL('../../../cards/', import.meta.url);
const templates = new Map<CardTemplateName, CardTemplate>();

function templateFor(name: CardTemplateName): CardTemplate {
  let template = templates.get(name);
  if (!template) {
    const file = new URL(`${name}.json`, CARDS_FOLDER);
    template = new ACData.Template(JSON.parse(readFileSync(file, 'utf8')));
    templates.set(name, template);
  }
  return template;
}

// The library reports a field missing from the data through one global callback. Expansion is
// synchronous, so collecting into a per-call list is safe.
let missingFields: string[] | undefined;
ACData.GlobalSettings.getUndefinedFieldValueSubstitutionString = (path: string) => {
  missingFields?.push(path);
  return undefined;
};

/**
 * Expands cards/<name>.json with the data. A field the template uses but the data lacks would show as
 * "${field}" on the card, so it is an error that names the field instead. Every text the card shows is
 * then made inert (inert-text.ts): record fields and typed text never render as Markdown.
 */
export function expandTemplate(name: CardTemplateName, data: object): AdaptiveCard {
  const missing: string[] = [];
  missingFields = missing;
  let expanded: unknown;
  try {
    expanded = templateFor(name).expand({ $root: data });
  } finally {
    missingFields = undefined;
  }
  if (missing.length > 0) {
    throw new Error(
      `cards/${name}.json uses ${[...new Set(missing)].map((f) => `\${${f}}`).join(', ')} but the card data has no such field`,
    );
  }
  return inertCard(withoutNulls(expanded)) as AdaptiveCard;
}

/** A `$when` that is false on a property (e.g. `refresh`) leaves it null; the card must omit it. */
function withoutNulls(value: unknown): unknown {
  return JSON.parse(JSON.stringify(value, (_key, v: unknown) => (v === null ? undefined : v)));
}
