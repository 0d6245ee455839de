import type { AdaptiveCard } from './adaptive-card.js';
import { inertCard } from './inert-text.js';

/**
 * Every figures answer shows how its question was read (issue 12), as the line just under its headline:
 * "Read as: North Team 2 · fully compliant · now (10:00 Fri 20 Nov 2026)". The headline stays the
 * card's first text, as product.md promises.
 */
export function withReadAs(card: AdaptiveCard, readAs: string): AdaptiveCard {
  const line = inertCard({ type: 'TextBlock', text: readAs, size: 'Small', isSubtle: true, wrap: true, spacing: 'Small' });
  const [first, ...rest] = card.body ?? [];
  return { ...card, body: first === undefined ? [line] : [first, line, ...rest] };
}
