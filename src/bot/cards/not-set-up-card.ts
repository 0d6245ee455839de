import type { AdaptiveCard } from './adaptive-card.js';
import { expandTemplate } from './expand-template.js';

/** For a Teams user who is not mapped to a person: says why there is no data and how to get set up. */
export interface NotSetUpCardData {
  /** The user's Entra object id (`from.aadObjectId`), which an administrator needs to map them. */
  userObjectId?: string;
  /** Who to ask, e.g. "the VCOP team in Force Control Room"; defaults to "your VCOP administrator". */
  administrator?: string;
}

export function renderNotSetUpCard(data: NotSetUpCardData = {}): AdaptiveCard {
  const administrator = data.administrator ?? 'your VCOP administrator';
  return expandTemplate('not-set-up', {
    explanation: "Your Teams account isn't linked to anyone in the records system yet, so I can't show you any figures or items.",
    nextStep: `Ask ${administrator} to add your Teams account id to your person record. Once that is done, say "help" to start.`,
    hasObjectId: Boolean(data.userObjectId),
    userObjectId: data.userObjectId ?? '',
  });
}
