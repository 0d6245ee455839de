import type { AppConfig } from '../config/env.js';
import type { Logger } from '../log/logger.js';
import type { Messenger } from '../service/ports/messenger.js';
import type { QuestionPlanner } from '../service/question-planner.js';
import type { ServiceContext } from '../service/service-context.js';
import type { TeamsDirectory } from '../service/ports/teams-directory.js';
import type { SubscriptionStore } from '../store/subscription-store.js';
import type { TeamsLinkStore } from '../store/teams-link-store.js';
import type { BackgroundWork } from './background-work.js';

/** The application's services as the bot sees them: the use cases' context and the bot's settings. */
export type BotServices = ServiceContext & { config: AppConfig };

/** What the bot's handlers work with: the application's services and the bot's own ports. */
export interface BotDeps {
  services: BotServices;
  subscriptions: SubscriptionStore;
  /** Which Teams user is which person, once matched (src/service/identify-teams-user.ts). */
  teamsLinks: TeamsLinkStore;
  /** Who a Teams user is, as Teams says (the Bot Connector's member lookup). */
  directory: TeamsDirectory;
  /**
   * Tells a person something in their personal chat with the bot, if they installed it. Runs in the
   * background so an invoke is answered within Teams' few seconds; failures are logged, never thrown.
   */
  notifyPerson(personId: string, text: string): void;
  /** The optional AI planner for typed questions; undefined (the default) = the local parser only. */
  questionPlanner?: QuestionPlanner | undefined;
}

/** `notifyPerson` over the messenger: the person's personal chat on their current Teams account, in the background. */
export function personNotifier(
  subscriptions: Pick<SubscriptionStore, 'personalConversationOf'>,
  messenger: Messenger,
  background: BackgroundWork,
  logger: Logger,
): BotDeps['notifyPerson'] {
  return (personId, text) => {
    const log = logger.child({ personId });
    background.run(
      async () => {
        const reference = await subscriptions.personalConversationOf(personId);
        if (!reference) {
          log.info('not told in Teams: the person has no personal chat with the bot');
          return;
        }
        await messenger.deliverText(reference, text);
      },
      (error) => log.warn({ err: error }, 'could not tell the person in Teams'),
    );
  };
}
