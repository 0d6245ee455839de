/**
 * What the load run keeps of the bot's replies. They go to the one fake Bot Connector the tests use
 * (tests/support/fake-connector.ts), told to keep no calls: a run posts tens of thousands of cards, and
 * only the last card of each conversation and the failure cards are wanted.
 */
import { FakeConnector, type ConnectorCall } from '../../tests/support/fake-connector.js';

/** Keeps the last card each conversation got, and the failure cards. */
export class ReplySink {
  readonly lastCard = new Map<string, Record<string, unknown>>();
  /** Failure cards the bot posted (a turn that failed on our side). */
  readonly failures: string[] = [];
  /** Activities posted or updated in a conversation. */
  posted = 0;
  private readonly connector = new FakeConnector({ keepCalls: false });

  constructor() {
    this.connector.onCall = (call) => this.read(call);
  }

  /** Listens on a free port of 127.0.0.1; resolves with the serviceUrl to give the bot. */
  start(): Promise<string> {
    return this.connector.start();
  }

  close(): Promise<void> {
    return this.connector.close();
  }

  private read(call: ConnectorCall): void {
    if (call.conversationId === null || !call.path.includes('/activities')) return;
    this.posted++;
    const card = (call.body as { attachments?: { content?: Record<string, unknown> }[] }).attachments?.[0]?.content;
    if (!card) return;
    if (isFailureCard(card)) this.failures.push(`${call.conversationId}: ${JSON.stringify(card).slice(0, 200)}`);
    else this.lastCard.set(call.conversationId, card);
  }
}

export function isFailureCard(card: unknown): boolean {
  return JSON.stringify(card).includes('Something went wrong on our side');
}

/** Every Action.Execute in a card, anywhere in it. */
export function executeActions(card: unknown): { verb: string; data: Record<string, unknown> }[] {
  const found: { verb: string; data: Record<string, unknown> }[] = [];
  const walk = (node: unknown) => {
    if (Array.isArray(node)) node.forEach(walk);
    else if (node && typeof node === 'object') {
      const record = node as Record<string, unknown>;
      if (record.type === 'Action.Execute' && typeof record.verb === 'string')
        found.push({ verb: record.verb, data: (record.data ?? {}) as Record<string, unknown> });
      Object.values(record).forEach(walk);
    }
  };
  walk(card);
  return found;
}
