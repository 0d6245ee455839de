import type { AppServices } from '../../src/app.js';
import { buildDigestCard } from '../../src/bot/digest-card-builder.js';
import type { Messenger } from '../../src/service/ports/messenger.js';
import { sendDailyDigests, type DigestCardBuilder, type SendDailyDigestsOptions } from '../../src/service/send-daily-digests.js';

/**
 * One morning run as src/app.ts wires it: the bot's real digest cards unless a test gives its own
 * `buildCard`, posted with the messenger given.
 */
export function runDigests(
  services: AppServices,
  messenger: Messenger,
  now: Date,
  options: SendDailyDigestsOptions & { buildCard?: DigestCardBuilder } = {},
): ReturnType<typeof sendDailyDigests> {
  const { buildCard = (request) => buildDigestCard(services, request), ...runOptions } = options;
  return sendDailyDigests(services, { messenger, buildCard }, now, runOptions);
}
