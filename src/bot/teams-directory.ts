import { TeamsInfo, type ConversationReference, type TeamsChannelAccount } from 'botbuilder';
import type { MemberLookup, TeamsDirectory, TeamsMember } from '../service/ports/teams-directory.js';
import type { ProactiveAdapter } from './messenger/bot-framework-messenger.js';

export interface BotFrameworkTeamsDirectoryOptions {
  /** `config.bot?.appId ?? ''`: empty in local mode, where no token is needed. */
  appId: string;
  /** How long a lookup may take before the user is answered without it (and asked about on their next turn). */
  timeoutMs?: number;
}

/** Short enough that an Action.Execute press is still answered within Teams' few seconds. */
export const LOOKUP_TIMEOUT_MS = 4000;

/**
 * Who a Teams user is, from the Bot Connector: `GET /v3/conversations/{conversationId}/members/{userId}`
 * (botbuilder's TeamsInfo.getMember) in the conversation the user wrote in, with the bot's own
 * credentials (the adapter's, as proactive sends use). A failure or a slow answer is `failed`, never thrown.
 */
export class BotFrameworkTeamsDirectory implements TeamsDirectory {
  private readonly timeoutMs: number;

  constructor(
    private readonly adapter: ProactiveAdapter,
    private readonly options: BotFrameworkTeamsDirectoryOptions,
  ) {
    this.timeoutMs = options.timeoutMs ?? LOOKUP_TIMEOUT_MS;
  }

  async lookupMember(reference: object, userId: string): Promise<MemberLookup> {
    const lookup = this.fetchMember(reference as Partial<ConversationReference>, userId).then(
      (account): MemberLookup => ({ kind: 'found', member: memberOf(account) }),
      (error: unknown): MemberLookup => ({ kind: 'failed', status: statusOf(error), code: codeOf(error) }),
    );
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<MemberLookup>((resolve) => {
      timer = setTimeout(() => resolve({ kind: 'failed', status: null, code: `no answer within ${this.timeoutMs} ms` }), this.timeoutMs);
    });
    try {
      return await Promise.race([lookup, timeout]);
    } finally {
      clearTimeout(timer);
    }
  }

  private async fetchMember(reference: Partial<ConversationReference>, userId: string): Promise<TeamsChannelAccount> {
    let account: TeamsChannelAccount | undefined;
    // A channel message's conversation id carries the thread (`;messageid=...`); members belong to the channel.
    const conversation = reference.conversation && {
      ...reference.conversation,
      id: reference.conversation.id.replace(/;messageid=.*$/, ''),
    };
    await this.adapter.continueConversationAsync(
      this.options.appId,
      { ...reference, ...(conversation ? { conversation } : {}) },
      async (context) => {
        account = await TeamsInfo.getMember(context, userId);
      },
    );
    if (!account) throw new Error('the Bot Connector answered the member lookup with nothing');
    return account;
  }
}

function memberOf(account: TeamsChannelAccount): TeamsMember {
  return { aadObjectId: text(account.aadObjectId), upn: text(account.userPrincipalName), email: text(account.email) };
}

function text(value: unknown): string | null {
  return typeof value === 'string' && value.trim() !== '' ? value : null;
}

/** The HTTP status of a Connector error (botbuilder's RestError), or null for a network failure. */
function statusOf(error: unknown): number | null {
  const status = (error as { statusCode?: unknown } | null)?.statusCode;
  return typeof status === 'number' ? status : null;
}

/** The Connector's error code (e.g. `MemberNotFoundInConversation`) or the error's kind: never its message. */
function codeOf(error: unknown): string {
  const code = (error as { code?: unknown } | null)?.code;
  if (typeof code === 'string' && code !== '') return code.slice(0, 100);
  return error instanceof Error ? error.name : 'unknown';
}
