import { TurnContext, type Activity } from 'botbuilder';
import type { UnmatchedReason } from '../domain/teams-identity.js';
import { identifyTeamsUser, type Identification } from '../service/identify-teams-user.js';
import type { BotDeps } from './bot-deps.js';
import type { AdaptiveCard } from './cards/adaptive-card.js';
import { renderNotSetUpCard } from './cards/index.js';

/**
 * The person behind the activity's Teams user (src/service/identify-teams-user.ts): by Entra object id,
 * by an earlier link, or by asking Teams for the user's principal name and e-mail. Never by display name.
 */
export function identifySender(deps: BotDeps, activity: Activity): Promise<Identification> {
  return identifyTeamsUser(
    {
      people: deps.services.people,
      links: deps.teamsLinks,
      directory: deps.directory,
      clock: deps.services.clock,
      logger: deps.services.logger,
    },
    {
      teamsUserId: activity.from.id,
      aadObjectId: activity.from.aadObjectId ?? null,
      conversationId: activity.conversation.id,
      reference: TurnContext.getConversationReference(activity),
    },
  );
}

/** The "not set up" card for this user, saying why they could not be matched. */
export function notSetUpCardFor(activity: Activity, reason: UnmatchedReason): AdaptiveCard {
  return renderNotSetUpCard({ reason, ...(activity.from.aadObjectId ? { userObjectId: activity.from.aadObjectId } : {}) });
}
