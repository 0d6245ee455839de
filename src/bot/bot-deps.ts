import type { AppServices } from '../app.js';
import type { QuestionPlanner } from '../service/question-planner.js';
import type { SubscriptionStore } from '../store/subscription-store.js';

/** What the bot's handlers work with: the application's services and the bot's own ports. */
export interface BotDeps {
  services: AppServices;
  subscriptions: SubscriptionStore;
  /**
   * Tells a person something in their personal chat with the bot, if they installed it. Runs in the
   * background so an invoke is answered within Teams' few seconds; failures are logged, never thrown.
   */
  notifyPerson(personId: string, text: string): void;
  /** The optional AI planner for typed questions; undefined (the default) = the local parser only. */
  questionPlanner?: QuestionPlanner | undefined;
}
