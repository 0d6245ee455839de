import { Application, type AdaptiveCard as TeamsAiCard } from '@microsoft/teams-ai';
import { ActivityTypes, type TurnContext } from 'botbuilder';
import type { Person } from '../domain/types.js';
import { CARD_VERBS, renderRefusalCard } from './cards/index.js';
import { answerInvokeWithCard, sendCard } from './card-replies.js';
import { acknowledgeAction, pageAction, reassignAction } from './card-actions.js';
import type { BotDeps } from './bot-deps.js';
import { placeOf } from './conversation.js';
import { botWasAdded, handleInstall, handleUninstall, installAction } from './install-handler.js';
import { handleMessage } from './message-handler.js';
import { openDipAuditAction, openDipSampleAction, saveDipAuditAction } from './dip-sample-replies.js';
import { questionButtonCard } from './question-handler.js';
import { identifySender, notSetUpCardFor } from './sender.js';
import { auditRefusal } from '../service/audit-refusal.js';

const ACTION_INVOKE = 'adaptiveCard/action';

const FAILURE_CARD = {
  title: 'Something went wrong',
  reason: 'Something went wrong on our side; it has been logged.',
  hint: 'Try again in a minute. If it keeps happening, tell your VCOP administrator.',
};

/**
 * The teams-ai Application: routes each activity to a thin handler. Typing is sent by the message
 * handler itself (first, before any work), so teams-ai's delayed typing timer is off.
 */
export function createBotApplication(deps: BotDeps): Application {
  const app = new Application({ removeRecipientMention: true, startTypingTimer: false, longRunningMessages: false });

  app.activity(ActivityTypes.Message, (context) => replyingOnFailure(deps, context, 'message', () => handleMessage(deps, context)));
  app.activity(ActivityTypes.InstallationUpdate, (context) =>
    replyingOnFailure(deps, context, 'installationUpdate', async () => {
      const action = installAction(context);
      if (action === 'add') await handleInstall(deps, context, 'installationUpdate');
      if (action === 'remove') await handleUninstall(deps, context);
    }),
  );
  app.conversationUpdate('membersAdded', (context) =>
    replyingOnFailure(deps, context, 'conversationUpdate', async () => {
      if (botWasAdded(context)) await handleInstall(deps, context, 'conversationUpdate');
    }),
  );

  const actions: Record<string, (context: TurnContext, actor: Person, data: unknown) => Promise<object>> = {
    [CARD_VERBS.acknowledgeItem]: (context, actor, data) => acknowledgeAction(deps, context, actor, data),
    [CARD_VERBS.reassignItem]: (context, actor, data) => reassignAction(deps, context, actor, data),
    [CARD_VERBS.showMore]: (_context, actor, data) => pageAction(deps, actor, data),
    [CARD_VERBS.refreshDigest]: (_context, actor, data) => pageAction(deps, actor, data),
    [CARD_VERBS.askQuestion]: (context, actor, data) => questionButtonCard(deps, actor, data, placeOf(context.activity)),
    [CARD_VERBS.openDipSample]: (_context, actor, data) => openDipSampleAction(deps, actor, data),
    [CARD_VERBS.openDipAudit]: (_context, actor, data) => openDipAuditAction(deps, actor, data),
    [CARD_VERBS.saveDipAudit]: (_context, actor, data) => saveDipAuditAction(deps, actor, data),
  };
  for (const [verb, action] of Object.entries(actions)) {
    app.adaptiveCards.actionExecute(verb, (context, _state, data) =>
      answerCardAction(deps, context, (actor) => action(context, actor, data)),
    );
  }
  // A verb no card of this version has (an old card, or a crafted request): say so instead of a 501.
  app.addRoute(
    async (context) => context.activity.type === ActivityTypes.Invoke && context.activity.name === ACTION_INVOKE,
    async (context) => {
      await answerInvokeWithCard(
        context,
        renderRefusalCard({
          title: "I can't do that any more",
          reason: 'That button is from an older card.',
          hint: 'Say "digest" for the latest digest.',
        }),
      );
    },
    true,
  );
  return app;
}

/**
 * Runs one button press as the stored person behind the Teams user and answers the invoke with the
 * resulting card; a failure is logged once and answered with a card that says so.
 */
async function answerCardAction(deps: BotDeps, context: TurnContext, act: (actor: Person) => Promise<object>): Promise<TeamsAiCard> {
  let card: object;
  try {
    const sender = await identifySender(deps, context.activity);
    if (sender.kind === 'not_set_up') await auditUnmappedPress(deps, context);
    card = sender.kind === 'person' ? await act(sender.person) : notSetUpCardFor(context.activity, sender.reason);
  } catch (error) {
    deps.services.logger.error(
      { err: error, verb: (context.activity.value as { action?: { verb?: unknown } } | undefined)?.action?.verb },
      'card action failed',
    );
    card = renderRefusalCard(FAILURE_CARD);
  }
  await answerInvokeWithCard(context, card);
  return card as TeamsAiCard;
}

/** A button pressed by a Teams user who maps to no person: refused (the not-set-up card) and audited. */
async function auditUnmappedPress(deps: BotDeps, context: TurnContext): Promise<void> {
  const aadObjectId = context.activity.from.aadObjectId;
  const data = (context.activity.value as { action?: { verb?: unknown; data?: { itemRef?: unknown } } } | undefined)?.action;
  await auditRefusal(deps.services.db, {
    at: deps.services.clock.now(),
    actorId: null,
    action: 'card_action',
    subject: `teams-user:${aadObjectId ?? 'none'}`,
    reason: 'unmapped_user',
    details: {
      verb: String(data?.verb ?? ''),
      ...(typeof data?.data?.itemRef === 'string' ? { itemRef: data.data.itemRef } : {}),
      conversationId: context.activity.conversation.id,
    },
  });
}

async function replyingOnFailure(deps: BotDeps, context: TurnContext, kind: string, handle: () => Promise<void>): Promise<void> {
  try {
    await handle();
  } catch (error) {
    deps.services.logger.error({ err: error, activityType: kind, conversationId: context.activity.conversation.id }, 'bot turn failed');
    await sendCard(context, renderRefusalCard(FAILURE_CARD)).catch((replyError: unknown) => {
      deps.services.logger.error({ err: replyError }, 'could not tell the user that their request failed');
    });
  }
}
