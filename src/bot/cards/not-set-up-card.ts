import type { UnmatchedReason } from '../../domain/teams-identity.js';
import type { AdaptiveCard } from './adaptive-card.js';
import { expandTemplate } from './expand-template.js';

/** For a Teams user who is not mapped to a person: says why there is no data and how to get set up. */
export interface NotSetUpCardData {
  /** The user's Entra object id (`from.aadObjectId`), which an administrator needs to map them. */
  userObjectId?: string;
  /** Who to ask, e.g. "the VCOP team in Force Control Room"; defaults to "your VCOP administrator". */
  administrator?: string;
  /** Why the user could not be matched (src/domain/teams-identity.ts); without it, the records' fix in general. */
  reason?: UnmatchedReason;
}

export function renderNotSetUpCard(data: NotSetUpCardData = {}): AdaptiveCard {
  const administrator = data.administrator ?? 'your VCOP administrator';
  const { why, nextStep } = wordsFor(data.reason ?? 'no_match', administrator);
  return expandTemplate('not-set-up', {
    explanation: "Your Teams account isn't linked to anyone in the records system yet, so I can't show you any figures or items.",
    hasReason: data.reason !== undefined,
    reason: why,
    nextStep,
    hasObjectId: Boolean(data.userObjectId),
    userObjectId: data.userObjectId ?? '',
  });
}

function wordsFor(reason: UnmatchedReason, administrator: string): { why: string; nextStep: string } {
  switch (reason) {
    case 'no_match':
      return {
        why: 'No one in the records has your Teams sign-in name or e-mail address.',
        nextStep:
          `Ask ${administrator} to add your Teams sign-in name (user principal name) or e-mail address, or ` +
          `your Teams account id, to your person record. Once that is done, say "help" to start.`,
      };
    case 'ambiguous':
      return {
        why: "Your Teams sign-in name or e-mail address is on more than one person's record, so I can't tell which one is you.",
        nextStep: `Ask ${administrator} to correct the records so that it is on your record only. Once that is done, say "help" to start.`,
      };
    case 'object_id_differs':
      return {
        why: 'The record with your e-mail address or sign-in name carries a different Teams account id.',
        nextStep: `Ask ${administrator} to check the Teams account id on your person record. Once that is done, say "help" to start.`,
      };
    case 'lookup_failed':
      return {
        why: "I couldn't ask Teams who you are just now.",
        nextStep: `Say "help" again in a minute and I'll ask again. If this keeps happening, tell ${administrator}.`,
      };
  }
}
