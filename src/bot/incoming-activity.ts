import type { Activity } from 'botbuilder';
import { z } from 'zod';

/**
 * The least an activity must carry for the bot to answer it: who sent it, in which conversation, and
 * where replies go. Anything less is refused with 400 before it reaches botbuilder, so a malformed
 * request can never crash a turn half way.
 */
const account = z.object({ id: z.string().min(1) }).passthrough();

const activitySchema = z
  .object({
    type: z.string().min(1).max(100),
    channelId: z.string().min(1),
    serviceUrl: z.string().url().refine((url) => /^https?:\/\//.test(url), { message: 'must be an http(s) URL' }),
    conversation: account,
    from: account,
    recipient: account,
    name: z.string().optional(),
    text: z.string().max(20_000).optional(),
    channelData: z.object({ tenant: z.object({ id: z.string() }).passthrough().optional() }).passthrough().optional(),
  })
  .passthrough();

export type ActivityCheck = { ok: true; activity: Activity } | { ok: false; problems: string[] };

export function checkIncomingActivity(body: unknown): ActivityCheck {
  const parsed = activitySchema.safeParse(body);
  if (!parsed.success) {
    return { ok: false, problems: parsed.error.issues.map((issue) => `${issue.path.join('.') || 'activity'}: ${issue.message}`) };
  }
  return { ok: true, activity: parsed.data as unknown as Activity };
}

/** The Entra tenant the activity comes from (Teams puts it in channelData, and on the conversation). */
export function tenantOf(activity: Activity): string | undefined {
  const channelData = activity.channelData as { tenant?: { id?: string } } | undefined;
  return channelData?.tenant?.id ?? activity.conversation.tenantId;
}
