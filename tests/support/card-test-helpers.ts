import { expect } from 'vitest';
import type { AdaptiveCard, CardJson } from '../../src/bot/cards/adaptive-card.js';
import { validateAdaptiveCard, type CardValidationOptions } from './adaptive-card-validator.js';

/** Fails with the validator's messages, so a broken card says what is wrong with it. */
export function expectValidCard(card: AdaptiveCard, options?: CardValidationOptions): void {
  expect(validateAdaptiveCard(card, options).map((p) => `${p.source}: ${p.message}`)).toEqual([]);
}

/** Every object in the card (elements, actions, inputs, sub-cards), depth first. */
export function allNodes(card: unknown): CardJson[] {
  const nodes: CardJson[] = [];
  const visit = (value: unknown) => {
    if (Array.isArray(value)) value.forEach(visit);
    else if (typeof value === 'object' && value !== null) {
      nodes.push(value as CardJson);
      Object.values(value).forEach(visit);
    }
  };
  visit(card);
  return nodes;
}

export function texts(card: unknown): string[] {
  return allNodes(card)
    .filter((node) => node.type === 'TextBlock')
    .map((node) => String(node.text));
}

export function actions(card: unknown, verb?: string): CardJson[] {
  return allNodes(card).filter(
    (node) => typeof node.type === 'string' && node.type.startsWith('Action.') && (verb === undefined || node.verb === verb),
  );
}
