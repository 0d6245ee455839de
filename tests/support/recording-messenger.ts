import type { Activity } from 'botbuilder';
import type { Messenger } from '../../src/service/ports/messenger.js';

export interface RecordedSend {
  conversationId: string;
  activity: Partial<Activity>;
  id: string;
}

/**
 * A Messenger that records what it is asked to send and can be told to fail: the next calls
 * (`failNext`), or every call to one conversation (`failConversation`). A delay makes concurrent runs
 * overlap as real sends would.
 */
export class RecordingMessenger implements Messenger {
  readonly sent: RecordedSend[] = [];
  /** Every call, failed or not, by conversation id. */
  readonly calls: string[] = [];
  private readonly nextFailures: Error[] = [];
  private readonly failingConversations = new Map<string, Error>();
  private counter = 0;

  constructor(private readonly options: { delayMs?: number } = {}) {}

  failNext(...errors: Error[]): this {
    this.nextFailures.push(...errors);
    return this;
  }

  /** `null` heals the conversation again. */
  failConversation(conversationId: string, error: Error | null): this {
    if (error) this.failingConversations.set(conversationId, error);
    else this.failingConversations.delete(conversationId);
    return this;
  }

  sentTo(conversationId: string): RecordedSend[] {
    return this.sent.filter((send) => send.conversationId === conversationId);
  }

  deliverCard(reference: object, card: object): Promise<{ id?: string }> {
    return this.sendToConversation(reference, {
      type: 'message',
      attachments: [{ contentType: 'application/vnd.microsoft.card.adaptive', content: card }],
    });
  }

  deliverText(reference: object, text: string): Promise<{ id?: string }> {
    return this.sendToConversation(reference, { type: 'message', text });
  }

  /** Records the activity as the Bot Framework messenger would post it. */
  async sendToConversation(reference: object, activity: Partial<Activity>): Promise<{ id?: string }> {
    const conversationId = (reference as { conversation?: { id?: string } }).conversation?.id;
    if (!conversationId) throw new Error('RecordingMessenger: the reference has no conversation.id');
    this.calls.push(conversationId);
    if (this.options.delayMs) await new Promise((resolve) => setTimeout(resolve, this.options.delayMs));
    const failure = this.nextFailures.shift() ?? this.failingConversations.get(conversationId);
    if (failure) throw failure;
    const id = `activity-${++this.counter}`;
    this.sent.push({ conversationId, activity, id });
    return { id };
  }
}
