import type { Person } from '../domain/types.js';
import { renderRefusalCard } from './cards/index.js';
import type { BotDeps } from './bot-deps.js';
import { DigestNotVisibleError, buildDigestCard, type DigestCardRequest } from './digest-card-builder.js';
import type { DigestView } from './digest-id.js';

/** The digest a person gets when they say "digest": their team's, or their own items as an officer. */
export function defaultViewFor(person: Person): DigestView {
  return person.role === 'officer' ? { kind: 'officer', officerId: person.id } : { kind: 'team', unitId: person.unitId };
}

/**
 * A card for a view as one person may see it: `view` when it is the view asked for, `own_items` when an
 * officer asked for a team digest and got their own items in that team instead, `refusal` otherwise.
 */
export interface ViewCard {
  card: object;
  shows: 'view' | 'own_items' | 'refusal';
}

/** at: the instant the items stand at (a question about a past day), else now. */
export type DigestCardOptions = Pick<DigestCardRequest, 'offset' | 'focusItemRef' | 'duties'> & { at?: Date };

/**
 * The card for a view as this person may see it, built now. A team digest an officer may not see
 * becomes their own items in that team (an officer shown a channel's team digest refreshes to this);
 * anything else they may not see becomes a refusal saying why.
 */
export async function digestCardFor(deps: BotDeps, viewer: Person, view: DigestView, options: DigestCardOptions = {}): Promise<object> {
  return (await viewCardFor(deps, viewer, view, options)).card;
}

export async function viewCardFor(deps: BotDeps, viewer: Person, view: DigestView, options: DigestCardOptions = {}): Promise<ViewCard> {
  const { at = deps.services.clock.now(), ...rest } = options;
  const request: DigestCardRequest =
    view.kind === 'team' ? { unitId: view.unitId, viewer, at, ...rest } : { officerId: view.officerId, viewer, at, ...rest };
  try {
    return { card: (await buildDigestCard(deps.services, request)).card, shows: 'view' };
  } catch (error) {
    if (!(error instanceof DigestNotVisibleError)) throw error;
    if (view.kind === 'team' && viewer.role === 'officer') {
      return {
        card: (await buildDigestCard(deps.services, { officerId: viewer.id, unitId: view.unitId, viewer, at, ...rest })).card,
        shows: 'own_items',
      };
    }
    return { card: renderRefusalCard({ reason: error.reason, hint: 'Say "digest" for the digest you can see.' }), shows: 'refusal' };
  }
}
