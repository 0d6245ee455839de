import { z } from 'zod';
import type { ServiceContext } from '../service/service-context.js';
import { escapeMarkdown } from '../domain/plain-text.js';
import { NoticeStore, type Notice } from '../store/notice-store.js';
import { SubscriptionStore } from '../store/subscription-store.js';
import { dipNoticeText } from './dip-notice-text.js';
import { ConversationGoneError, type Messenger } from '../service/ports/messenger.js';

/**
 * Delivers the notices the service leaves for people (src/store/notice-store.ts), on each scheduler tick:
 * the supervisor who reassigned a case in Teams is told when an import disagreed with it
 * (src/store/allocation-conflicts.ts), an inspector of the dip audits left on the due day, a senior lead of
 * the audits overdue (src/service/dip-audit-reminders.ts). Each notice goes once to the person's personal chat with the
 * bot; someone without one is recorded as such; a failed send is tried again a minute later, at most
 * MAX_NOTICE_ATTEMPTS times. Names are looked up and escaped when the message is worded.
 */
export interface NoticeRunResult {
  sent: number;
  noChat: number;
  failed: number;
}

const RETRY_AFTER_MS = 60_000;

export async function deliverNotices(
  services: Pick<ServiceContext, 'db' | 'logger' | 'people' | 'queries'>,
  messenger: Messenger,
  now: Date,
): Promise<NoticeRunResult> {
  const notices = new NoticeStore(services.db);
  const subscriptions = new SubscriptionStore(services.db);
  const result: NoticeRunResult = { sent: 0, noChat: 0, failed: 0 };
  for (const notice of await notices.claim(now)) {
    const log = services.logger.child({ noticeId: notice.id, personId: notice.personId, kind: notice.kind });
    const reference = await subscriptions.personalConversationOf(notice.personId);
    if (!reference) {
      await notices.finish(notice.id, 'no_chat', now);
      log.info('notice not sent: the person has no personal chat with the bot');
      result.noChat += 1;
      continue;
    }
    try {
      await messenger.deliverText(reference, await noticeText(services, notice));
      await notices.finish(notice.id, 'sent', now);
      result.sent += 1;
    } catch (error) {
      if (error instanceof ConversationGoneError) {
        await notices.finish(notice.id, 'no_chat', now);
        log.info({ code: error.code }, "notice not sent: the bot is no longer in the person's chat");
        result.noChat += 1;
        continue;
      }
      const outcome = await notices.failed(
        notice,
        error instanceof Error ? error.message : String(error),
        new Date(now.getTime() + RETRY_AFTER_MS),
      );
      log.warn(
        { err: error, outcome },
        outcome === 'retry' ? 'could not send the notice; a later tick tries again' : 'could not send the notice; given up',
      );
      result.failed += 1;
    }
  }
  return result;
}

const owner = z.object({ unitId: z.string(), oicId: z.string() });
const allocationConflict = z.object({
  caseId: z.string(),
  resolution: z.enum(['teams_reassignment_kept', 'records_system_newer']),
  extract: owner,
  reassignment: z.object({ to: owner, from: owner }),
});

/** The message for one notice, every record field escaped (it is shown as Markdown). */
async function noticeText(services: Pick<ServiceContext, 'db' | 'logger' | 'people' | 'queries'>, notice: Notice): Promise<string> {
  if (notice.kind !== 'allocation_conflict') return dipNoticeText(services, notice.kind, notice.details);
  const conflict = allocationConflict.parse(notice.details);
  const nameOf = async (personId: string) => escapeMarkdown((await services.people.findById(personId))?.name ?? personId);
  const caseId = escapeMarkdown(conflict.caseId);
  const newOic = await nameOf(conflict.reassignment.to.oicId);
  if (conflict.resolution === 'teams_reassignment_kept') {
    return (
      `Case ${caseId}: the records system's latest extract still shows ${await nameOf(conflict.extract.oicId)} as OIC. ` +
      `Your reassignment to ${newOic} stands until the records system shows it: please make sure the change is made there.`
    );
  }
  const unit = await services.queries.findUnit(conflict.extract.unitId);
  return (
    `Case ${caseId}: after your reassignment to ${newOic}, the records system allocated it to ${await nameOf(conflict.extract.oicId)}` +
    ` (${escapeMarkdown(unit?.name ?? conflict.extract.unitId)}). That is the newer decision, so it now stands.`
  );
}
