import type { AppExtension, AppServices } from '../app.js';
import type { AppConfig } from '../config/env.js';
import { deliveryExtension, type DeliveryExtension } from '../scheduler/delivery-extension.js';
import { AllocationStore } from '../store/allocation-store.js';
import { SubscriptionStore } from '../store/subscription-store.js';
import { allocationChangesRoute } from './allocation-changes-route.js';
import { BackgroundWork } from './background-work.js';
import { createBotAdapter, type BotAdapter, type BotTokenValidation } from './bot-adapter.js';
import { createBotApplication } from './bot-application.js';
import type { BotDeps } from './bot-deps.js';
import { messagesRoute } from './messages-route.js';
import { deliverNotices } from './notice-delivery.js';
import { createOpenAiQuestionPlanner } from './openai-question-planner.js';
import type { Messenger } from '../service/ports/messenger.js';
import { BotFrameworkMessenger } from './messenger/bot-framework-messenger.js';

export interface BotExtensionOptions {
  /** Replaces the Bot Framework messenger used for proactive sends (tests). */
  messenger?: (services: AppServices, adapter: BotAdapter) => Messenger;
  /** The scheduler's cron expression; every minute by default. */
  cronExpression?: string;
  /**
   * Where incoming Bot Framework tokens are verified (with an app id configured); the Azure public cloud
   * by default. Code only, never configuration: tests point it at keys they serve themselves.
   */
  tokenValidation?: BotTokenValidation;
}

/** The Teams bot and its scheduler, plugged into the application (src/main.ts). */
export function botExtensions(config: AppConfig, options: BotExtensionOptions = {}): AppExtension[] {
  return [createBotExtension(config, options)];
}

/**
 * `POST /api/messages`, `GET /v1/allocations/changes`, and the delivery engineer's scheduler with
 * `POST /v1/digests/run`, all over one CloudAdapter: replies, proactive digests and notices to a new OIC
 * use the same credentials.
 */
export function createBotExtension(config: AppConfig, options: BotExtensionOptions = {}): AppExtension {
  const adapter = createBotAdapter(config, options.tokenValidation);
  const background = new BackgroundWork();
  let delivery: DeliveryExtension | undefined;

  return {
    async routes(services) {
      const messenger = options.messenger?.(services, adapter) ?? new BotFrameworkMessenger(adapter, { appId: config.bot?.appId ?? '', logger: services.logger });
      const deps = botDeps(services, messenger, background);
      // Off unless a key is configured (issue 4, part 4): then typed questions go to the model first.
      if (config.openAi) deps.questionPlanner = createOpenAiQuestionPlanner(config.openAi, services.logger);
      const app = createBotApplication(deps);
      delivery = deliveryExtension({
        messenger: () => messenger,
        // Notices (an import that disagreed with a reassignment) go out on the digests' tick, first.
        eachRun: (_services, now) =>
          deliverNotices(services, messenger, now).then(
            () => undefined,
            (error: unknown) => services.logger.error({ err: error }, 'notice delivery failed; the next tick tries again'),
          ),
        ...(options.cronExpression ? { cronExpression: options.cronExpression } : {}),
      });
      return [
        messagesRoute({ config, adapter, runTurn: (context) => app.run(context) }),
        allocationChangesRoute(new AllocationStore(services.db)),
        ...(await delivery.routes(services)),
      ];
    },
    async start(services) {
      if (config.openAi) {
        services.logger.info({ provider: 'apiKey' in config.openAi ? 'openai' : 'azure-openai' }, 'AI planner on: typed questions (not figures, not people) are sent to the model first; the local parser answers when it cannot');
      }
      if (!config.bot) {
        services.logger.warn('bot in local mode: /api/messages accepts activities without a Bot Framework token; set MicrosoftAppId (and the rest) for Teams');
      }
      await delivery?.start(services);
    },
    async stop() {
      await background.drain();
      await delivery?.stop();
    },
  };
}

function botDeps(services: AppServices, messenger: Messenger, background: BackgroundWork): BotDeps {
  const subscriptions = new SubscriptionStore(services.db);
  return {
    services,
    subscriptions,
    notifyPerson(personId, text) {
      const log = services.logger.child({ personId });
      background.run(
        async () => {
          const reference = await subscriptions.personalConversationOf(personId);
          if (!reference) {
            log.info('not told in Teams: the person has no personal chat with the bot');
            return;
          }
          await messenger.deliverText(reference, text);
        },
        (error) => log.warn({ err: error }, 'could not tell the person in Teams'),
      );
    },
  };
}
