import type { Activity } from 'botbuilder';
import { z } from 'zod';

/**
 * The least an activity must carry for the bot to answer it: who sent it, in which conversation, and
 * where replies go. Anything less is refused with 400 before it reaches botbuilder, so a malformed
 * request can never crash a turn half way.
 */
const text = (max: number) => z.string().max(max);

/**
 * botbuilder copies the sender, the recipient, the conversation, `locale` and `id` into every reply, and
 * its Connector client refuses to send a reply whose fields have the wrong type: so those fields are
 * checked here, where a wrong one is the sender's 400 rather than a turn that fails half way.
 * Null is allowed wherever a field is optional, as the Bot Framework schema allows it.
 */
const account = z
  .object({
    id: text(1000).min(1),
    name: text(1000).nullish(),
    aadObjectId: text(200).nullish(),
    role: text(100).nullish(),
  })
  .passthrough();

/**
 * Ids botbuilder puts into Connector URL paths (the conversation, and the activity a reply answers):
 * percent-encoded there, except that `.` and `..` would still be read as path steps.
 */
const pathId = text(1000)
  .min(1)
  .refine((value) => value !== '.' && value !== '..', { message: 'must be an id, not . or ..' });

const conversationAccount = account.extend({
  id: pathId,
  isGroup: z.boolean().nullish(),
  conversationType: text(100).nullish(),
  tenantId: text(200).nullish(),
});

/** botbuilder strips the bot's @mention from a message's text using the mention entity's `mentioned.id` and `text`. */
const entity = z
  .object({ type: text(100), mentioned: account.nullish(), text: text(1000).nullish() })
  .passthrough()
  .superRefine((value, ctx) => {
    if (value.type === 'mention' && (!value.mentioned || typeof value.text !== 'string')) {
      ctx.addIssue({ code: 'custom', message: 'a mention must name who is mentioned (mentioned.id) and the text that mentions them' });
    }
  });

const activitySchema = z
  .object({
    type: text(100).min(1),
    id: pathId.nullish(),
    channelId: text(100).min(1),
    serviceUrl: text(2000)
      .url()
      .refine((url) => /^https?:\/\//.test(url), { message: 'must be an http(s) URL' }),
    conversation: conversationAccount,
    from: account,
    recipient: account,
    name: text(200).nullish(),
    action: text(100).nullish(),
    locale: text(100).nullish(),
    replyToId: pathId.nullish(),
    timestamp: text(100).nullish(),
    localTimestamp: text(100).nullish(),
    textFormat: text(100).nullish(),
    text: text(20_000).nullish(),
    entities: z.array(entity).max(100).nullish(),
    attachments: z
      .array(z.object({ contentType: text(200) }).passthrough())
      .max(50)
      .nullish(),
    membersAdded: z.array(account).max(1000).nullish(),
    membersRemoved: z.array(account).max(1000).nullish(),
    channelData: z
      .object({
        tenant: z
          .object({ id: text(200) })
          .passthrough()
          .nullish(),
      })
      .passthrough()
      .nullish(),
  })
  .passthrough();

export type ActivityCheck = { ok: true; activity: Activity } | { ok: false; problems: string[] };

export function checkIncomingActivity(body: unknown): ActivityCheck {
  const parsed = activitySchema.safeParse(body);
  if (!parsed.success) {
    return { ok: false, problems: parsed.error.issues.map((issue) => `${issue.path.join('.') || 'activity'}: ${issue.message}`) };
  }
  const activity = parsed.data as unknown as Activity;
  // A message may carry only attachments; botbuilder's mention stripping needs a text to work on.
  if (activity.type === 'message' && typeof activity.text !== 'string') activity.text = '';
  return { ok: true, activity };
}

/** The Entra tenant the activity comes from (Teams puts it in channelData, and on the conversation). */
export function tenantOf(activity: Activity): string | undefined {
  const channelData = activity.channelData as { tenant?: { id?: string } } | undefined;
  return channelData?.tenant?.id ?? activity.conversation.tenantId;
}
