import type { TurnContext } from 'botbuilder';
import { HttpError } from '../http/http-error.js';
import type { Route } from '../http/route.js';
import { requestLog } from '../http/request-log.js';
import type { AppConfig } from '../config/env.js';
import type { BotAdapter } from './bot-adapter.js';
import { checkIncomingActivity, tenantOf } from './incoming-activity.js';
import { readJsonBody } from './read-json-body.js';

export interface MessagesRouteDeps {
  config: Pick<AppConfig, 'bot'>;
  adapter: BotAdapter;
  /** The turn: the teams-ai Application's `run`. */
  runTurn(context: TurnContext): Promise<unknown>;
}

/**
 * `POST /api/messages`: the Bot Framework protocol. In order: a JSON body (415), a well-formed activity
 * (400), the configured tenant (403), a valid Bot Framework token unless in local mode (401) whose
 * tenant, when it names one, is the configured one (403), then the turn.
 * Replies go to the activity's serviceUrl; an invoke's answer is this response's body.
 */
export function messagesRoute(deps: MessagesRouteDeps): Route {
  return {
    method: 'post',
    path: '/api/messages',
    protected: false,
    async handle(req, res) {
      const contentType = req.headers['content-type'];
      if (contentType !== undefined && !isJsonMediaType(contentType)) {
        throw new HttpError(415, 'unsupported_media_type', 'POST the activity as JSON with "Content-Type: application/json".');
      }
      const check = checkIncomingActivity(await readJsonBody(req));
      if (!check.ok) {
        throw new HttpError(400, 'bad_activity', 'This is not a Bot Framework activity the bot can answer.', { problems: check.problems });
      }
      const activity = check.activity;
      const allowedTenant = deps.config.bot?.tenantId;
      if (allowedTenant && tenantOf(activity) !== allowedTenant) {
        requestLog(req).warn({ tenant: tenantOf(activity) ?? null }, 'activity from another tenant refused');
        throw new HttpError(403, 'wrong_tenant', 'This bot serves one Microsoft 365 tenant only, and the activity comes from another.');
      }
      const header = req.headers.authorization;
      let authentication: Awaited<ReturnType<typeof deps.adapter.authentication.authenticateRequest>>;
      try {
        authentication = await deps.adapter.authentication.authenticateRequest(activity, typeof header === 'string' ? header : '');
      } catch (error) {
        const status = authenticationStatus(error);
        if (status === undefined) throw error;
        requestLog(req).warn({ reason: error instanceof Error ? error.message : String(error) }, 'Bot Framework token refused');
        throw new HttpError(status, 'unauthorized', 'The request does not carry a valid Bot Framework token for this bot.');
      }
      const tokenTenant = authentication.claimsIdentity.getClaimValue('tid');
      if (allowedTenant && tokenTenant && tokenTenant !== allowedTenant) {
        requestLog(req).warn({ tokenTenant }, 'token issued in another tenant refused');
        throw new HttpError(403, 'wrong_tenant', 'This bot serves one Microsoft 365 tenant only, and the token was issued in another.');
      }
      const invokeResponse = await deps.adapter.runAuthenticatedTurn(authentication, activity, async (context) => {
        await deps.runTurn(context);
      });
      if (invokeResponse?.status === 501) {
        // botbuilder's answer to an invoke no handler answered: a request this bot does not take, not our failure.
        throw new HttpError(400, 'unsupported_invoke', `This bot does not handle '${String(activity.name ?? '').slice(0, 100)}' invokes.`);
      }
      if (invokeResponse?.body === undefined) res.send(invokeResponse?.status ?? 200);
      else res.send(invokeResponse.status, invokeResponse.body);
    },
  };
}

/**
 * jsonwebtoken's errors (bad signature, wrong audience, malformed, not yet valid), which botframework-connector
 * lets through as they are.
 */
const TOKEN_ERRORS = new Set(['JsonWebTokenError', 'TokenExpiredError', 'NotBeforeError']);

/**
 * The status for a failed token check, or undefined when the check itself could not run (the signing
 * keys could not be fetched: our problem, answered 500). botframework-connector's AuthenticationError
 * is not exported by botbuilder: it is known by its status.
 */
function authenticationStatus(error: unknown): 401 | 403 | undefined {
  const status = (error as { statusCode?: unknown } | null)?.statusCode;
  if (status === 401 || status === 403) return status;
  const name = (error as { name?: unknown } | null)?.name;
  return typeof name === 'string' && TOKEN_ERRORS.has(name) ? 401 : undefined;
}

function isJsonMediaType(header: string | string[]): boolean {
  const mediaType = String(header).split(';')[0]?.trim().toLowerCase() ?? '';
  return mediaType === 'application/json' || /^application\/[\w.-]+\+json$/.test(mediaType);
}
