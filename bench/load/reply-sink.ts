/** The Bot Connector stand-in the bot posts its replies to, and what the load run reads from a card. */
import http from 'node:http';
import type { AddressInfo } from 'node:net';

/** Answers every post at once and keeps the last card each conversation got. */
export class ReplySink {
  readonly lastCard = new Map<string, Record<string, unknown>>();
  /** Failure cards the bot posted (a turn that failed on our side). */
  readonly failures: string[] = [];
  posted = 0;
  private readonly server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const match = /^\/v3\/conversations\/([^/]+)\/activities/.exec(req.url ?? '');
      if (match?.[1]) {
        this.posted++;
        const conversationId = decodeURIComponent(match[1]);
        const activity = JSON.parse(Buffer.concat(chunks).toString('utf8') || '{}') as {
          attachments?: { content?: Record<string, unknown> }[];
        };
        const card = activity.attachments?.[0]?.content;
        if (card) {
          if (isFailureCard(card)) this.failures.push(`${conversationId}: ${JSON.stringify(card).slice(0, 200)}`);
          else this.lastCard.set(conversationId, card);
        }
      }
      res.writeHead(req.method === 'PUT' ? 200 : 201, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ id: `activity-${this.posted}` }));
    });
  });

  /** Listens on a free port of 127.0.0.1; resolves with the serviceUrl to give the bot. */
  async start(): Promise<string> {
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}/`;
  }

  async close(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
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
