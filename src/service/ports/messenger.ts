/**
 * The messenger port: how a use case posts to a conversation the bot is already part of, without an
 * incoming message (proactive). A conversation reference is opaque here: it is what the bot stored when
 * it was installed there. The Bot Framework implementation is src/bot/messenger/bot-framework-messenger.ts.
 */
export type ConversationReference = object;

export interface Messenger {
  /** Posts an Adaptive Card (its JSON) as a message. */
  deliverCard(reference: ConversationReference, card: object): Promise<{ id?: string }>;
  /** Posts a plain-text message. */
  deliverText(reference: ConversationReference, text: string): Promise<{ id?: string }>;
}

/** The bot is no longer in that conversation (uninstalled, removed from the team): stop posting there. */
export class ConversationGoneError extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
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
