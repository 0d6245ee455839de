import { readFile } from 'node:fs/promises';
import { createServices, type AppServices } from '../../src/app.js';
import type { DigestCardRequest } from '../../src/bot/digest-card-builder.js';
import { readConfig } from '../../src/config/env.js';
import { createLogger } from '../../src/log/logger.js';
import type { DigestCardBuilder } from '../../src/service/send-daily-digests.js';
import { DigestSendStore } from '../../src/store/digest-send-store.js';
import { SubscriptionStore } from '../../src/store/subscription-store.js';
import { createTestSchema, type Driver } from './postgres-schema.js';

export { DRIVERS, type Driver } from './postgres-schema.js';

/**
 * One store to run deliveries against. On PostgreSQL each store gets a schema of its own, so test files
 * running side by side on the shared test database never see each other's subscriptions.
 */
export interface DeliveryStore {
  /** Opens (another) set of services on this store: a replica, or the same process after a restart. */
  open(): Promise<AppServices>;
  drop(): Promise<void>;
}

export async function createDeliveryStore(driver: Driver, options: { dataDir?: string } = {}): Promise<DeliveryStore> {
  if (driver === 'pglite') {
    return { open: () => openServices({ VCOP_DATA_DIR: options.dataDir ?? 'memory://' }), drop: async () => undefined };
  }
  const schema = await createTestSchema('delivery');
  return { open: () => openServices({ DATABASE_URL: schema.url }), drop: () => schema.drop() };
}

async function openServices(env: Record<string, string>): Promise<AppServices> {
  const config = readConfig({ LOG_LEVEL: 'silent', VCOP_DEMO: '0', VCOP_SCHEDULER: '0', VCOP_NOW: '2026-11-20T10:00:00Z', ...env });
  return createServices(config, createLogger({ level: 'silent' }));
}

/** The people and units of tests/fixtures/small-force.ndjson (P1 supervises N-T1, P2 is an officer there). */
export async function importSmallForce(services: AppServices): Promise<void> {
  const ndjson = await readFile(new URL('../fixtures/small-force.ndjson', import.meta.url), 'utf8');
  const result = await services.importNdjson(
    (async function* () {
      yield ndjson;
    })(),
  );
  if (!result.ok) throw new Error(`the small force did not import: ${JSON.stringify(result.errors.slice(0, 3))}`);
}

/**
 * A personal chat with a subscription in it, saved as the bot saves one: its reference names the
 * person's Teams user (their Entra object id). Answers the subscription's id.
 */
export async function subscribePersonalChat(
  services: AppServices,
  input: {
    conversationId: string;
    personId: string;
    kind: 'team_digest' | 'officer_reminder';
    unitId: string | null;
    localTime: string;
    origin?: 'default' | 'explicit';
  },
  serviceUrl = 'http://127.0.0.1:9/',
): Promise<string> {
  const store = new SubscriptionStore(services.db);
  const person = await services.people.findById(input.personId);
  const user = { id: `29:${input.personId}`, aadObjectId: person?.aadObjectId ?? undefined };
  await store.saveConversation({
    conversationId: input.conversationId,
    reference: { serviceUrl, channelId: 'msteams', conversation: { id: input.conversationId }, bot: { id: '28:bot' }, user },
    scope: 'personal',
    personId: input.personId,
    tenantId: 'tenant-1',
  });
  await store.subscribe(input);
  const subscription = (await store.listForConversation(input.conversationId)).find(
    (s) => s.kind === input.kind && s.unitId === input.unitId,
  );
  if (!subscription) throw new Error('the subscription was not stored');
  return subscription.id;
}

export interface SendRow {
  subscriptionId: string;
  localDate: string;
  status: string;
  attempts: number;
  lastError: string | null;
  itemCount: number | null;
}

export async function sendRows(services: AppServices): Promise<SendRow[]> {
  return services.db.query<SendRow>(
    `select subscription_id as "subscriptionId", local_date::text as "localDate", status, attempts,
            last_error as "lastError", item_count as "itemCount"
     from digest_sends order by local_date, subscription_id`,
  );
}

/** A card builder that records what it was asked for; item counts per officer or unit, 2 otherwise. */
export function fakeCardBuilder(itemCounts: Record<string, number> = {}): DigestCardBuilder & { requests: DigestCardRequest[] } {
  const requests: DigestCardRequest[] = [];
  const build = async (request: DigestCardRequest) => {
    requests.push(request);
    const key = request.officerId ?? request.unitId ?? '';
    return {
      card: { type: 'AdaptiveCard', version: '1.5', body: [{ type: 'TextBlock', text: `Digest for ${key}` }] },
      itemCount: itemCounts[key] ?? 2,
    };
  };
  return Object.assign(build, { requests });
}

export function sendStore(services: AppServices, leaseMs = 10 * 60_000): DigestSendStore {
  return new DigestSendStore(services.db, { maxAttemptsPerDay: 3, leaseMs });
}
