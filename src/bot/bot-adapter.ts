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

  runAuthenticatedTurn(
    request: AuthenticatedRequest,
    activity: Activity,
    logic: (context: TurnContext) => Promise<void>,
  ): Promise<InvokeResponse | undefined> {
    return this.processActivity(request, activity, logic);
  }
}

/**
 * Where the tokens on incoming activities are checked: the OpenID metadata documents that publish the
 * signing keys, and the issuer a channel token must carry. The Azure public cloud's by default.
 *
 * Deliberately not an environment variable: only code can replace them (createBotExtension's options),
 * so no setting in production can point the bot at keys someone else controls. The tests use it to
 * verify tokens they sign themselves against a metadata document served on 127.0.0.1; a sovereign cloud
 * deployment would pass its cloud's endpoints in src/main.ts.
 */
export interface BotTokenValidation {
  /** OpenID metadata of the Bot Connector service (tokens on activities from Teams). */
  channelOpenIdMetadataUrl: string;
  /** The `iss` a Bot Connector token must carry. */
  channelTokenIssuer: string;
  /** OpenID metadata of Entra ID (tokens from the Bot Framework Emulator and other Entra-issued tokens). */
  emulatorOpenIdMetadataUrl: string;
}

/** botframework-connector's AuthenticationConstants for the Azure public cloud (botbuilder's defaults). */
export const AZURE_PUBLIC_CLOUD = {
  validation: {
    channelOpenIdMetadataUrl: 'https://login.botframework.com/v1/.well-known/openidconfiguration',
    channelTokenIssuer: 'https://api.botframework.com',
    emulatorOpenIdMetadataUrl: 'https://login.microsoftonline.com/common/v2.0/.well-known/openid-configuration',
  } satisfies BotTokenValidation,
  toChannelFromBotLoginUrl: 'https://login.microsoftonline.com/botframework.com',
  toChannelFromBotOAuthScope: 'https://api.botframework.com',
  oAuthUrl: 'https://api.botframework.com',
  callerId: 'urn:botframework:azure',
} as const;

/**
 * Local mode (no `MicrosoftAppId`): no token is checked and replies need none, for the Agents
 * Playground and tests. With an app id, every request's token is validated as Teams requires and
 * replies carry the bot's own token.
 */
export function createBotAdapter(config: Pick<AppConfig, 'bot'>, tokenValidation?: BotTokenValidation): BotAdapter {
  const bot = config.bot;
  if (!bot) return new BotAdapter(new ConfigurationBotFrameworkAuthentication({}));
  const credentials = {
    MicrosoftAppId: bot.appId,
    MicrosoftAppPassword: bot.appPassword,
    MicrosoftAppTenantId: bot.tenantId,
    MicrosoftAppType: bot.appType,
  };
  if (!tokenValidation) return new BotAdapter(new ConfigurationBotFrameworkAuthentication(credentials));
  // botbuilder takes either none of the endpoints (its public-cloud defaults) or all of them.
  return new BotAdapter(
    new ConfigurationBotFrameworkAuthentication({
      ...credentials,
      ValidateAuthority: true,
      ToChannelFromBotLoginUrl: AZURE_PUBLIC_CLOUD.toChannelFromBotLoginUrl,
      ToChannelFromBotOAuthScope: AZURE_PUBLIC_CLOUD.toChannelFromBotOAuthScope,
      OAuthUrl: AZURE_PUBLIC_CLOUD.oAuthUrl,
      CallerId: AZURE_PUBLIC_CLOUD.callerId,
      ToBotFromChannelTokenIssuer: tokenValidation.channelTokenIssuer,
      ToBotFromChannelOpenIdMetadataUrl: tokenValidation.channelOpenIdMetadataUrl,
      ToBotFromEmulatorOpenIdMetadataUrl: tokenValidation.emulatorOpenIdMetadataUrl,
    }),
  );
}
