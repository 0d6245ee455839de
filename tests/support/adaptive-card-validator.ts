import { createRequire } from 'node:module';
import { TEAMS_MESSAGE_LIMIT_BYTES, cardBytes } from '../../src/bot/cards/card-size.js';

/**
 * Checks a rendered card the way Teams' renderer reads it (the official `adaptivecards` parser at
 * version 1.5), plus what that parser does not check: Action.Execute verbs, Image urls, the Teams
 * message size, and anything that looks like a victim id or a contact detail.
 */

interface ParserEvent {
  phase: number;
  event: number;
  message: string;
}

interface AdaptiveCardsModule {
  Versions: { v1_5: unknown };
  SerializationContext: new (version: unknown) => { eventCount: number; getEventAt(index: number): ParserEvent };
  AdaptiveCard: new () => {
    parse(json: unknown, context: unknown): void;
    validateProperties(): { validationEvents: ParserEvent[] };
  };
  ValidationEvent: Record<number, string>;
}

// The package's lib/ is ESM without file extensions, which Node cannot load; dist/ is CommonJS.
const require = createRequire(import.meta.url);
const AC = require('adaptivecards/dist/adaptivecards.js') as AdaptiveCardsModule;

export interface CardValidationOptions {
  /** Exact strings that must not appear anywhere on the card (e.g. the victim ids behind the sample data). */
  forbiddenStrings?: string[];
}

export interface CardProblem {
  source: 'parser' | 'validator' | 'check';
  message: string;
}

const VICTIM_ID = /\bV-\d+/;
const EMAIL = /[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}/;
const PHONE = /(?:\+44\s?\(?0?\)?\s?\d{2,4}|\b0\d{2,4})[\s-]?\d{3,4}[\s-]?\d{3,4}\b/;
// Entra object ids (refresh.userIds) are runs of hex digits and dashes that the phone pattern would misread.
const GUID = /\b[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\b/gi;

export function validateAdaptiveCard(card: unknown, options: CardValidationOptions = {}): CardProblem[] {
  const problems: CardProblem[] = [];
  const context = new AC.SerializationContext(AC.Versions.v1_5);
  const parsed = new AC.AdaptiveCard();
  parsed.parse(card, context);
  for (let index = 0; index < context.eventCount; index++) {
    problems.push({ source: 'parser', message: describe(context.getEventAt(index)) });
  }
  for (const event of parsed.validateProperties().validationEvents) {
    problems.push({ source: 'validator', message: describe(event) });
  }

  const bytes = cardBytes(card);
  if (bytes >= TEAMS_MESSAGE_LIMIT_BYTES)
    problems.push({ source: 'check', message: `card is ${bytes} bytes; Teams refuses messages over ${TEAMS_MESSAGE_LIMIT_BYTES}` });
  if ((card as { version?: unknown }).version !== '1.5') problems.push({ source: 'check', message: 'card version must be "1.5"' });

  walk(card, '$', (value, path) => {
    if (isObject(value) && value.type === 'Action.Execute' && (typeof value.verb !== 'string' || value.verb === '')) {
      problems.push({ source: 'check', message: `${path}: Action.Execute has no verb` });
    }
    if (isObject(value) && value.type === 'Image' && (typeof value.url !== 'string' || value.url === '')) {
      problems.push({ source: 'check', message: `${path}: Image has no url` });
    }
    if (typeof value === 'string') {
      if (value.includes('${')) problems.push({ source: 'check', message: `${path}: unexpanded template expression in "${value}"` });
      if (VICTIM_ID.test(value)) problems.push({ source: 'check', message: `${path}: looks like a victim id: "${value}"` });
      if (EMAIL.test(value)) problems.push({ source: 'check', message: `${path}: looks like an e-mail address: "${value}"` });
      if (PHONE.test(value.replace(GUID, '')))
        problems.push({ source: 'check', message: `${path}: looks like a phone number: "${value}"` });
      for (const forbidden of options.forbiddenStrings ?? []) {
        if (value.includes(forbidden)) problems.push({ source: 'check', message: `${path}: contains the forbidden "${forbidden}"` });
      }
    }
  });
  return problems;
}

function describe(event: ParserEvent): string {
  return `${AC.ValidationEvent[event.event] ?? `event ${event.event}`}: ${event.message}`;
}

function walk(value: unknown, path: string, visit: (value: unknown, path: string) => void): void {
  visit(value, path);
  if (Array.isArray(value)) {
    for (const [index, child] of value.entries()) walk(child, `${path}[${index}]`, visit);
  } else if (isObject(value)) for (const [key, child] of Object.entries(value)) walk(child, `${path}.${key}`, visit);
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
