import { readFile } from 'node:fs/promises';
import { createServices, type AppServices } from '../../src/app.js';
import type { DigestCardRequest } from '../../src/bot/digest-card-builder.js';
import { createLogger } from '../../src/log/logger.js';
import type { DigestCardBuilder } from '../../src/service/send-daily-digests.js';
import { DigestSendStore } from '../../src/store/digest-send-store.js';
import { SubscriptionStore } from '../../src/store/subscription-store.js';
import { createTestSchema, type Driver } from './postgres-schema.js';
import { testConfig } from './test-app.js';

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

/** A fresh delivery store and services opened on it: what each delivery test starts from. */
export interface OpenDeliveryStore {
  store: DeliveryStore;
  services: AppServices;
}

/** A fresh store on `driver`, services opened on it, and (unless told not to) the small force imported. */
export async function openDeliveryStore(driver: Driver, options: { smallForce?: boolean } = {}): Promise<OpenDeliveryStore> {
  const store = await createDeliveryStore(driver);
  const services = await store.open();
  if (options.smallForce !== false) await importSmallForce(services);
  return { store, services };
}

/** Closes the services and drops the store; what a setup that failed half-way left is skipped. */
export async function closeDeliveryStore(opened: Partial<OpenDeliveryStore>): Promise<void> {
  await opened.services?.db.close();
  await opened.store?.drop();
}

async function openServices(env: Record<string, string>): Promise<AppServices> {
  return createServices(testConfig(env), createLogger({ level: 'silent' }));
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
 * A personal chat saved as the bot saves one: its reference names the person's Teams user (their Entra
 * object id), whose account must still be the person's for anything to be sent there.
 */
export async function savePersonalChat(
  services: AppServices,
  chat: { conversationId: string; personId: string },
  serviceUrl = 'http://127.0.0.1:9/',
): Promise<void> {
  const person = await services.people.findById(chat.personId);
  const user = { id: `29:${chat.personId}`, aadObjectId: person?.aadObjectId ?? undefined };
  await new SubscriptionStore(services.db).saveConversation({
    conversationId: chat.conversationId,
    reference: { serviceUrl, channelId: 'msteams', conversation: { id: chat.conversationId }, bot: { id: '28:bot' }, user },
    scope: 'personal',
    personId: chat.personId,
    tenantId: 'tenant-1',
  });
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
  await savePersonalChat(services, input, serviceUrl);
  const store = new SubscriptionStore(services.db);
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
