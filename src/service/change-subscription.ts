import { defaultSubscriptionOf } from '../domain/subscription-fit.js';
import type { QuietHours, WeekdaySet } from '../domain/shift-rules.js';
import type { Person } from '../domain/types.js';
import { appendAudit } from '../store/audit-log.js';
import type { Db } from '../store/db.js';
import type { SaveConversationInput, SubscriptionStore, SubscriptionSummary } from '../store/subscription-store.js';
import { auditRefusal } from './audit-refusal.js';
import { UnitScope, authoriseSharedDigestChange, authoriseUnitDigest } from './authorise.js';
import type { ComplianceQueries, UnitNode } from './compliance-queries.js';

export interface ChangeSubscriptionDeps {
  db: Db;
  subscriptions: Pick<SubscriptionStore, 'saveConversation' | 'listForConversation' | 'subscribe' | 'setTime' | 'setShift' | 'disable'>;
  queries: Pick<ComplianceQueries, 'listUnits'>;
}

export type SubscriptionCommand =
  /** Installing the app in a personal chat: the person's role's default, following their role and unit. */
  | { kind: 'subscribeDefault'; localTime: string }
  /** "digest at 06:30". */
  | { kind: 'setTime'; localTime: string }
  /** "digest off". */
  | { kind: 'turnOff' }
  /** "subscribe North Team 3 at 07:30". */
  | { kind: 'subscribeUnit'; unitName: string; localTime: string }
  /** "digest days mon-fri" (src/domain/shift-rules.ts). */
  | { kind: 'setDays'; days: WeekdaySet }
  /** "quiet hours 22:00-06:00", "quiet hours off". */
  | { kind: 'setQuiet'; quiet: QuietHours | null };

export interface ChangeSubscriptionInput {
  actor: Person;
  /** The conversation it happens in, as the bot saves it (where later digests are posted). */
  conversation: SaveConversationInput;
  command: SubscriptionCommand;
  at: Date;
}

export type ChangeSubscriptionResult =
  /** `subject`: "North Team 3's digest", "your reminder" or "your digests". */
  | { kind: 'on'; subject: string; localTime: string }
  | { kind: 'off'; subject: string }
  /** Its days or quiet hours changed. */
  | { kind: 'shift'; subject: string; change: { days: WeekdaySet } | { quiet: QuietHours | null } }
  /** "digest at" where nothing is subscribed (and the person's role has no default to start). */
  | { kind: 'nothing_to_move' }
  /** Installing: the person's role has no default digest (inspectors and seniors subscribe to teams by name). */
  | { kind: 'no_default' }
  | { kind: 'unknown_unit'; given: string }
  | { kind: 'refused'; reason: string; hint: string };

/**
 * Subscribing, moving and stopping digests. A personal chat is its person's own: they change only their
 * subscriptions there. In a channel or group chat everyone gets the digest, so a change needs a
 * supervisor or above with scope over every unit it concerns (authorise.ts); a refusal says why. Every
 * change, and every refusal, is audited.
 */
export async function changeSubscription(deps: ChangeSubscriptionDeps, input: ChangeSubscriptionInput): Promise<ChangeSubscriptionResult> {
  const { actor, conversation, command } = input;
  const shared = conversation.scope !== 'personal';
  const units = await deps.queries.listUnits();
  const scope = UnitScope.of(units);
  // The weekly summary has commands of its own (src/service/set-weekly-summary.ts).
  const inHere = (await deps.subscriptions.listForConversation(conversation.conversationId)).filter(
    (subscription) => subscription.kind !== 'weekly_summary',
  );
  const mine = shared ? inHere : inHere.filter((subscription) => subscription.personId === actor.id);

  let unitIds: string[];
  let target: UnitNode | undefined;
  switch (command.kind) {
    case 'subscribeDefault':
      return subscribeDefault(deps, input, scope, command.localTime);
    case 'subscribeUnit':
      target = findUnitByName(units, command.unitName);
      if (!target) return { kind: 'unknown_unit', given: command.unitName };
      unitIds = [target.id];
      break;
    default:
      unitIds = mine.flatMap((subscription) => (subscription.unitId === null ? [] : [subscription.unitId]));
  }
  // A unit's digest: anyone who oversees it. What a shared conversation gets: someone over all of it.
  const decision = target
    ? authoriseUnitDigest(actor, target.id, scope)
    : shared
      ? authoriseSharedDigestChange(actor, unitIds, scope)
      : { allowed: true as const };
  if (!decision.allowed) {
    await auditRefusal(deps.db, {
      at: input.at,
      actorId: actor.id,
      action: 'subscription.change',
      subject: `conversation:${conversation.conversationId}`,
      reason: 'not_authorised',
      details: { command: command.kind, unitIds, scope: conversation.scope },
    });
    return { kind: 'refused', reason: decision.reason, hint: refusalHint(actor, target !== undefined) };
  }

  switch (command.kind) {
    case 'subscribeUnit': {
      await deps.subscriptions.saveConversation(conversation);
      await deps.subscriptions.subscribe({
        conversationId: conversation.conversationId,
        personId: actor.id,
        kind: 'team_digest',
        unitId: unitIds[0] as string,
        localTime: command.localTime,
        origin: 'explicit',
      });
      await auditChange(deps.db, input, unitIds, command.localTime);
      return { kind: 'on', subject: `${target?.name ?? unitIds[0]}'s digest`, localTime: command.localTime };
    }
    case 'setTime': {
      if (mine.length === 0 && !shared) return subscribeDefault(deps, input, scope, command.localTime, 'nothing_to_move');
      if (mine.length === 0) return { kind: 'nothing_to_move' };
      await deps.subscriptions.saveConversation(conversation);
      await deps.subscriptions.setTime(conversation.conversationId, command.localTime, shared ? null : actor.id);
      await auditChange(deps.db, input, unitIds, command.localTime);
      return { kind: 'on', subject: subjectOf(mine, scope), localTime: command.localTime };
    }
    case 'setDays':
    case 'setQuiet': {
      if (mine.length === 0) return { kind: 'nothing_to_move' };
      const change = command.kind === 'setDays' ? { days: command.days } : { quiet: command.quiet };
      await deps.subscriptions.saveConversation(conversation);
      await deps.subscriptions.setShift(conversation.conversationId, change, shared ? null : actor.id);
      await auditChange(deps.db, input, unitIds, null, change);
      return { kind: 'shift', subject: subjectOf(mine, scope), change };
    }
    case 'turnOff': {
      await deps.subscriptions.disable(conversation.conversationId, 'turned_off', shared ? null : actor.id, 'daily');
      await auditChange(deps.db, input, unitIds, null);
      return { kind: 'off', subject: mine.length === 0 ? 'the morning digest' : subjectOf(mine, scope) };
    }
  }
}

async function subscribeDefault(
  deps: ChangeSubscriptionDeps,
  input: ChangeSubscriptionInput,
  scope: UnitScope,
  localTime: string,
  whenNone: 'no_default' | 'nothing_to_move' = 'no_default',
): Promise<ChangeSubscriptionResult> {
  const wanted = defaultSubscriptionOf(input.actor);
  if (!wanted || input.conversation.scope !== 'personal') return { kind: whenNone };
  await deps.subscriptions.saveConversation(input.conversation);
  await deps.subscriptions.subscribe({
    conversationId: input.conversation.conversationId,
    personId: input.actor.id,
    localTime,
    origin: 'default',
    ...wanted,
  });
  await auditChange(
    deps.db,
    { ...input, command: { kind: 'subscribeDefault', localTime } },
    wanted.unitId === null ? [] : [wanted.unitId],
    localTime,
  );
  return { kind: 'on', subject: subjectOf([wanted], scope), localTime };
}

async function auditChange(
  db: Db,
  input: ChangeSubscriptionInput,
  unitIds: readonly string[],
  localTime: string | null,
  shift: object = {},
): Promise<void> {
  await appendAudit(db, {
    at: input.at,
    actorId: input.actor.id,
    action: 'subscription.changed',
    subject: `conversation:${input.conversation.conversationId}`,
    details: { command: input.command.kind, unitIds, localTime, scope: input.conversation.scope, ...shift },
  });
}

function refusalHint(actor: Person, subscribing: boolean): string {
  if (subscribing) return 'Subscribe to your own team, or ask its supervisor.';
  if (actor.role === 'officer' || actor.role === 'admin') return 'Change your own in your personal chat with me: "digest at 06:30".';
  return 'Ask the supervisor of that team, or change your own digest in your personal chat with me: "digest at 06:30".';
}

function subjectOf(subscriptions: readonly Pick<SubscriptionSummary, 'kind' | 'unitId'>[], scope: UnitScope): string {
  if (subscriptions.length !== 1) return 'your digests';
  const [only] = subscriptions as [Pick<SubscriptionSummary, 'kind' | 'unitId'>];
  if (only.kind !== 'team_digest' || !only.unitId) return 'your reminder';
  return `${scope.nameOf(only.unitId)}'s digest`;
}

function findUnitByName(units: readonly UnitNode[], given: string): UnitNode | undefined {
  const wanted = normalise(given);
  return units.find((unit) => normalise(unit.name) === wanted) ?? units.find((unit) => normalise(unit.id) === wanted);
}

function normalise(text: string): string {
  return text.toLowerCase().replace(/\s+/g, ' ').trim();
}
