import { CloudAdapter, ConfigurationBotFrameworkAuthentication, type Activity, type InvokeResponse, type TurnContext } from 'botbuilder';
import type { AppConfig } from '../config/env.js';

export type AuthenticatedRequest = Awaited<ReturnType<ConfigurationBotFrameworkAuthentication['authenticateRequest']>>;

/**
 * botbuilder's CloudAdapter, with the one step the messages route needs made public: running a turn for
 * a request already authenticated, and answering its invoke response. (`process()` would parse, log to
 * the console and answer by itself; the route does those its own way.)
 */
export class BotAdapter extends CloudAdapter {
  constructor(readonly authentication: ConfigurationBotFrameworkAuthentication) {
    super(authentication);
  }

  runAuthenticatedTurn(request: AuthenticatedRequest, activity: Activity, logic: (context: TurnContext) => Promise<void>): Promise<InvokeResponse | undefined> {
    return this.processActivity(request, activity, logic);
  }
}

/**
 * Local mode (no `MicrosoftAppId`): no token is checked and replies need none, for the Agents
 * Playground and tests. With an app id, every request's token is validated as Teams requires and
 * replies carry the bot's own token.
 */
export function createBotAdapter(config: Pick<AppConfig, 'bot'>): BotAdapter {
  const bot = config.bot;
  return new BotAdapter(
    new ConfigurationBotFrameworkAuthentication(
      bot
        ? { MicrosoftAppId: bot.appId, MicrosoftAppPassword: bot.appPassword, MicrosoftAppTenantId: bot.tenantId, MicrosoftAppType: bot.appType }
        : {},
    ),
  );
}
