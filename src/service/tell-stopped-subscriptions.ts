import type { ServiceContext } from './service-context.js';
import type { Messenger } from './ports/messenger.js';
import type { StopReason } from '../domain/subscription-fit.js';
import { takeStopNotices, type StopNotice } from '../store/subscription-fit-store.js';
import { SubscriptionStore } from '../store/subscription-store.js';

/**
 * A subscription the service turned off because its person may no longer see it (moved team, demoted,
 * promoted to a role with no default) is told once, in a short message in the person's own personal
 * chat, so that a digest does not silently stop. Nothing is told to a Teams account that is no longer
 * the person's (personalConversationOf checks it), and nothing names a victim or a case.
 */
export async function tellStoppedSubscriptions(
  services: Pick<ServiceContext, 'db' | 'logger' | 'queries'>,
  messenger: Messenger,
): Promise<number> {
  let notices: StopNotice[];
  try {
    notices = await takeStopNotices(services.db);
  } catch (error) {
    services.logger.warn({ err: error }, 'could not read the notices of stopped subscriptions; a later run tells them');
    return 0;
  }
  const chats = new SubscriptionStore(services.db);
  let told = 0;
  for (const notice of notices) {
    const log = services.logger.child({ subscriptionId: notice.subscriptionId, personId: notice.personId, reason: notice.reason });
    try {
      const reference = await chats.personalConversationOf(notice.personId);
      if (!reference) {
        log.info('stopped subscription not told: the person has no personal chat with the bot on their current Teams account');
        continue;
      }
      const unitName = notice.unitId === null ? null : ((await services.queries.findUnit(notice.unitId))?.name ?? notice.unitId);
      await messenger.deliverText(reference, stoppedText(notice.reason, unitName));
      told++;
      log.info('told the person that their subscription stopped');
    } catch (error) {
      log.warn({ err: error }, 'could not tell the person that their subscription stopped; it is not told again');
    }
  }
  return told;
}

function stoppedText(reason: StopReason, unitName: string | null): string {
  const what = unitName === null ? 'Your morning reminder' : `Your morning digest of ${unitName}`;
  const why =
    reason === 'no_default_for_role'
      ? 'your role in the records has no daily digest of its own'
      : `the records no longer show ${unitName ?? 'it'} within what you can see`;
  return (
    `${what} has stopped: ${why}. Subscribe to a team you oversee by its name, e.g. "subscribe North ` +
    `Team 3 at 07:30", or say "digest" for yours now.`
  );
}
