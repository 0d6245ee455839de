import type { Activity } from 'botbuilder';

/** Posts to a conversation the bot is already part of, without an incoming message (proactive). */
export interface Messenger {
  sendToConversation(reference: object, activity: Partial<Activity>): Promise<{ id?: string }>;
}

/** The bot is no longer in that conversation (uninstalled, removed from the team): stop posting there. */
export class ConversationGoneError extends Error {
  constructor(readonly code: string, message: string) {
    super(message);
    this.name = 'ConversationGoneError';
  }
}

/** The message could not be delivered after the retries allowed; the caller records it for a later run. */
export class DeliveryFailedError extends Error {
  constructor(
    message: string,
    readonly status: number | undefined,
    readonly attempts: number,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = 'DeliveryFailedError';
  }
}

export { BotFrameworkMessenger, type BotFrameworkMessengerOptions, type ProactiveAdapter } from './bot-framework-messenger.js';
