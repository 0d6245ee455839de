export interface SendThrottleOptions {
  /** Gap between any two sends of this process (Teams allows about 50 per second per bot and tenant). */
  globalIntervalMs: number;
  /** Gap between two sends to one conversation (Teams allows 7 per second, 60 per 30 seconds). */
  perConversationIntervalMs: number;
  now(): number;
  sleep(ms: number): Promise<void>;
}

/** Teams' documented proactive limits, with room to spare. */
export const TEAMS_SAFE_THROTTLE = { globalIntervalMs: 100, perConversationIntervalMs: 1000 } as const;

/**
 * Spaces sends out in time. Each caller reserves its slot synchronously before waiting, so concurrent
 * callers (a digest run and an on-demand reply) queue up instead of bursting together.
 */
export class SendThrottle {
  private nextGlobalAt = 0;
  private readonly nextByConversation = new Map<string, number>();

  constructor(private readonly options: SendThrottleOptions) {}

  async waitTurn(conversationId: string): Promise<void> {
    const now = this.options.now();
    const slot = Math.max(now, this.nextGlobalAt, this.nextByConversation.get(conversationId) ?? 0);
    this.nextGlobalAt = slot + this.options.globalIntervalMs;
    this.nextByConversation.set(conversationId, slot + this.options.perConversationIntervalMs);
    this.forgetPast(now);
    if (slot > now) await this.options.sleep(slot - now);
  }

  /** Keeps the map to conversations with a reservation still ahead, so it does not grow with every chat. */
  private forgetPast(now: number): void {
    if (this.nextByConversation.size < 1000) return;
    for (const [conversationId, at] of this.nextByConversation) {
      if (at <= now) this.nextByConversation.delete(conversationId);
    }
  }
}
