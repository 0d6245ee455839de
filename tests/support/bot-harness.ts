import { randomUUID } from 'node:crypto';
import type { RunningApp } from '../../src/app.js';
import type { Clock } from '../../src/domain/clock.js';
import type { DigestItem, Person } from '../../src/domain/types.js';
import { BOT_APP_NOW, startBotApp } from './bot-app.js';
import type { FakeConnector } from './fake-connector.js';
import { validateAdaptiveCard } from './adaptive-card-validator.js';

export const NOW = BOT_APP_NOW;
export const API_TOKEN = 'protocol-test-token-0123456789';
export const TENANT = '7a1f0c2e-4b3d-4e5f-8a9b-0c1d2e3f4a5b';

/** The whole application on a free port (PGlite in memory, demo force, fixed clock) and a fake Bot Connector, with helpers to talk to it. */
export interface BotHarness {
  app: RunningApp;
  baseUrl: string;
  connector: FakeConnector;
  serviceUrl: string;
  /** POSTs an activity to /api/messages as a channel would. */
  post(activity: object, headers?: Record<string, string>): Promise<{ status: number; body: unknown }>;
  api(path: string, init?: RequestInit): Promise<Response>;
  close(): Promise<void>;
}

/** `clock`: a clock the test moves (the app reads it for every "now"); VCOP_NOW otherwise. */
export async function startBotHarness(env: Record<string, string> = {}, options: { clock?: Clock } = {}): Promise<BotHarness> {
  const { app, baseUrl, connector, serviceUrl, close } = await startBotApp({
    env: { LOG_LEVEL: 'silent', VCOP_API_TOKEN: API_TOKEN, ...env },
    logLevel: 'silent',
    ...options,
  });
  return {
    app,
    baseUrl,
    connector,
    serviceUrl,
    async post(activity, headers = {}) {
      const response = await fetch(`${baseUrl}/api/messages`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...headers },
        body: JSON.stringify(activity),
      });
      const text = await response.text();
      return { status: response.status, body: text ? (JSON.parse(text) as unknown) : undefined };
    },
    api: (path, init = {}) =>
      fetch(`${baseUrl}${path}`, {
        ...init,
        headers: { authorization: `Bearer ${API_TOKEN}`, ...(init.headers as Record<string, string> | undefined) },
      }),
    close,
  };
}

/** A Teams user: a mapped person (their Entra object id) or a stranger. */
export interface TeamsUser {
  aadObjectId: string;
  name: string;
}

export function teamsUserOf(person: Person): TeamsUser {
  if (!person.aadObjectId) throw new Error(`person ${person.id} has no aadObjectId`);
  return { aadObjectId: person.aadObjectId, name: person.name };
}

const BOT = { id: '28:vcop-bot', name: 'VCOP' };

/** Builds Bot Framework activities as Teams sends them, for one conversation. */
export class Conversation {
  readonly id: string;

  constructor(
    private readonly serviceUrl: string,
    private readonly user: TeamsUser,
    private readonly kind: 'personal' | 'channel' = 'personal',
    private readonly tenantId = TENANT,
    id?: string,
  ) {
    this.id = id ?? (kind === 'personal' ? `a:personal-${randomUUID()}` : `19:channel-${randomUUID()}@thread.tacv2`);
  }

  /** The same channel, with another member speaking in it. */
  memberSpeaking(user: TeamsUser): Conversation {
    if (this.kind !== 'channel') throw new Error('only a channel has other members');
    return new Conversation(this.serviceUrl, user, this.kind, this.tenantId, this.id);
  }

  private base(type: string): Record<string, unknown> {
    return {
      type,
      id: `activity-${randomUUID()}`,
      timestamp: NOW,
      channelId: 'msteams',
      serviceUrl: this.serviceUrl,
      from: { id: `29:${this.user.aadObjectId}`, name: this.user.name, aadObjectId: this.user.aadObjectId },
      recipient: BOT,
      conversation: {
        id: this.id,
        conversationType: this.kind,
        tenantId: this.tenantId,
        ...(this.kind === 'channel' ? { isGroup: true } : {}),
      },
      channelData: {
        tenant: { id: this.tenantId },
        ...(this.kind === 'channel' ? { team: { id: '19:team@thread.tacv2' }, channel: { id: this.id } } : {}),
      },
      locale: 'en-GB',
    };
  }

  message(text: string): object {
    if (this.kind === 'channel') {
      return {
        ...this.base('message'),
        text: `<at>VCOP</at> ${text}`,
        entities: [{ type: 'mention', text: '<at>VCOP</at>', mentioned: BOT }],
      };
    }
    return { ...this.base('message'), text };
  }

  installationUpdate(action: 'add' | 'remove' = 'add'): object {
    return { ...this.base('installationUpdate'), action };
  }

  botAdded(): object {
    return { ...this.base('conversationUpdate'), membersAdded: [{ id: BOT.id }] };
  }

  /** An Action.Execute press: `data` is the button's data merged with the card's inputs. */
  cardAction(verb: string, data: Record<string, unknown>, replyToId?: string): object {
    return {
      ...this.base('invoke'),
      name: 'adaptiveCard/action',
      ...(replyToId ? { replyToId } : {}),
      value: { action: { type: 'Action.Execute', verb, data }, trigger: 'manual' },
    };
  }
}

/** Adaptive Card attachments of an activity the bot sent. */
export function cardsOf(activity: Record<string, unknown>): Record<string, unknown>[] {
  const attachments = (activity.attachments ?? []) as { contentType?: string; content?: Record<string, unknown> }[];
  return attachments.filter((a) => a.contentType === 'application/vnd.microsoft.card.adaptive').map((a) => a.content ?? {});
}

/** Every Action.Execute in a card with this verb (anywhere in the body). */
export function executeActions(card: unknown, verb: string): Record<string, unknown>[] {
  const found: Record<string, unknown>[] = [];
  const walk = (node: unknown) => {
    if (Array.isArray(node)) node.forEach(walk);
    else if (node && typeof node === 'object') {
      const record = node as Record<string, unknown>;
      if (record.type === 'Action.Execute' && record.verb === verb) found.push(record);
      Object.values(record).forEach(walk);
    }
  };
  walk(card);
  return found;
}

/** The item refs a digest card shows, in order (an item has more than one Acknowledge button: with and without a note). */
export function shownItemRefs(card: unknown): string[] {
  return [...new Set(executeActions(card, 'acknowledgeItem').map((action) => (action.data as { itemRef: string }).itemRef))];
}

/**
 * A team of the demo force with items in its digest, its supervisor, the OIC of its first item and
 * another officer of the team (someone to reassign to).
 */
export async function pickTeam(
  harness: BotHarness,
): Promise<{ unitId: string; supervisor: Person; oic: Person; otherOfficer: Person; items: DigestItem[] }> {
  const { queries, people, clock } = harness.app.services;
  for (const digest of await queries.allTeamDigests(clock.now())) {
    const team = await people.listByUnit(digest.unit.id);
    const supervisor = team.find((p) => p.role === 'supervisor');
    const first = digest.items[0];
    const oic = team.find((p) => p.id === first?.oicId);
    const otherOfficer = team.find((p) => p.role === 'officer' && p.id !== first?.oicId);
    if (supervisor && oic && otherOfficer && digest.items.length >= 2)
      return { unitId: digest.unit.id, supervisor, oic, otherOfficer, items: digest.items };
  }
  throw new Error('the demo force has no team with a supervisor, two officers and items due');
}

/** Every TextBlock's text on a card, in order: the headline first. */
export function textBlocks(card: unknown): string[] {
  const found: string[] = [];
  const walk = (node: unknown) => {
    if (Array.isArray(node)) node.forEach(walk);
    else if (node && typeof node === 'object') {
      const record = node as Record<string, unknown>;
      if (record.type === 'TextBlock') found.push(String(record.text));
      Object.values(record).forEach(walk);
    }
  };
  walk(card);
  return found;
}

export function cardText(card: unknown): string {
  return JSON.stringify(card);
}

/** The card of a Universal Actions invoke response, after checking the envelope. */
export function invokeCard(response: { status: number; body: unknown }): Record<string, unknown> {
  if (response.status !== 200) throw new Error(`invoke answered ${response.status}: ${JSON.stringify(response.body)}`);
  const body = response.body as { statusCode?: number; type?: string; value?: Record<string, unknown> };
  if (body.statusCode !== 200 || body.type !== 'application/vnd.microsoft.card.adaptive' || !body.value) {
    throw new Error(`not a Universal Actions card response: ${JSON.stringify(body).slice(0, 300)}`);
  }
  return body.value;
}

/** The one card the bot sent back to `chat` for `text`: fails unless exactly one came, a valid Adaptive Card. */
export async function replyCard(harness: BotHarness, chat: Conversation, text: string): Promise<Record<string, unknown>> {
  const seen = harness.connector.mark();
  const response = await harness.post(chat.message(text));
  if (response.status !== 200) throw new Error(`the message was answered ${response.status}`);
  const cards = seen()
    .filter((call) => call.method === 'POST' && (call.body.conversation as { id?: string } | undefined)?.id === chat.id)
    .flatMap((call) => cardsOf(call.body));
  if (cards.length !== 1) throw new Error(`expected one card back, got ${cards.length}`);
  const problems = validateAdaptiveCard(cards[0]);
  if (problems.length > 0) throw new Error(`the card is not valid: ${problems.join('; ')}`);
  return cards[0] as Record<string, unknown>;
}

/** Presses a card's Action.Execute in `chat`: the card the bot answers with. */
export async function pressCard(harness: BotHarness, chat: Conversation, verb: string, data: Record<string, unknown>) {
  return invokeCard(await harness.post(chat.cardAction(verb, data)));
}

/** The API's JSON at `path` (with the harness's token), failing unless it answers 200: the figures a card is checked against. */
export async function apiJson<T>(harness: BotHarness, path: string): Promise<T> {
  const response = await harness.api(path);
  if (response.status !== 200) throw new Error(`${path} answered ${response.status}: ${await response.text()}`);
  return (await response.json()) as T;
}

/** A rate as the cards show it ("92.5%"), or "no live cases". */
export const shownPercent = (rate: number | null) => (rate === null ? 'no live cases' : `${rate.toFixed(1)}%`);

/** "PC 1035", as a sergeant names an officer: the rank and collar number the records give. */
export const rankAndCollar = (name: string) => /^\w+ \d+/.exec(name)![0];

/** The one card the bot sends back when `person` asks `question` in their personal chat. */
export const askAs = (harness: BotHarness, person: Person, question: string) =>
  replyCard(harness, new Conversation(harness.serviceUrl, teamsUserOf(person)), question);
