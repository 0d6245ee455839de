import type { TurnContext } from 'botbuilder';
import type { Person } from '../domain/types.js';
import { UnitScope, authoriseUnitDigest } from '../service/authorise.js';
import type { UnitNode } from '../service/compliance-queries.js';
import type { SubscriptionKind, SubscriptionSummary } from '../store/subscription-store.js';
import { renderRefusalCard, renderSubscriptionConfirmationCard } from './cards/index.js';
import { sendCard } from './card-replies.js';
import type { BotDeps } from './bot-deps.js';
import { saveConversation, scopeOf, whereText } from './conversation.js';

/** What installing the app in a personal chat subscribes a person to; null for roles with no daily list. */
export function defaultSubscriptionOf(person: Person): { kind: SubscriptionKind; unitId: string | null } | null {
  switch (person.role) {
    case 'supervisor':
      return { kind: 'team_digest', unitId: person.unitId };
    case 'officer':
      return { kind: 'officer_reminder', unitId: null };
    default:
      return null;
  }
}

/**
 * Subscribes the person in their personal chat to their role's default at `localTime`. Answers what to
 * confirm, or null when the role has no default (inspectors and seniors subscribe to teams by name).
 */
export async function subscribeDefault(deps: BotDeps, context: TurnContext, person: Person, localTime: string): Promise<{ subject: string } | null> {
  const subscription = defaultSubscriptionOf(person);
  if (!subscription) return null;
  await saveConversation(deps.subscriptions, context.activity, person);
  await deps.subscriptions.subscribe({ conversationId: context.activity.conversation.id, personId: person.id, localTime, origin: 'default', ...subscription });
  return { subject: await subjectOf(deps, [{ kind: subscription.kind, unitId: subscription.unitId }]) };
}

/** "digest at 06:30": moves this conversation's digests to a new time (subscribing a personal chat first if needed). */
export async function changeDigestTime(deps: BotDeps, context: TurnContext, person: Person, localTime: string): Promise<void> {
  if (await refusedInSharedConversation(context, person)) return;
  const conversationId = context.activity.conversation.id;
  let subscriptions = await deps.subscriptions.listForConversation(conversationId);
  if (subscriptions.length === 0 && scopeOf(context.activity) === 'personal') {
    await subscribeDefault(deps, context, person, localTime);
    subscriptions = await deps.subscriptions.listForConversation(conversationId);
  }
  if (subscriptions.length === 0) {
    await sendCard(context, renderRefusalCard({
      title: 'There is no digest here to move',
      reason: 'Nothing is subscribed in this conversation yet.',
      hint: 'Subscribe a team first, e.g. "subscribe North Team 3 at 07:30".',
    }));
    return;
  }
  await saveConversation(deps.subscriptions, context.activity, person);
  await deps.subscriptions.setTime(conversationId, localTime);
  await sendCard(context, renderSubscriptionConfirmationCard({
    active: true,
    subject: await subjectOf(deps, subscriptions),
    timeText: localTime,
    whereText: whereText(context.activity),
    timeZone: deps.services.policy.timeZone,
  }));
}

/** "digest off": stops every digest in this conversation. */
export async function turnDigestOff(deps: BotDeps, context: TurnContext, person: Person): Promise<void> {
  if (await refusedInSharedConversation(context, person)) return;
  const conversationId = context.activity.conversation.id;
  const subscriptions = await deps.subscriptions.listForConversation(conversationId);
  await deps.subscriptions.disable(conversationId);
  await sendCard(context, renderSubscriptionConfirmationCard({
    active: false,
    subject: subscriptions.length === 0 ? 'the morning digest' : await subjectOf(deps, subscriptions),
    whereText: whereText(context.activity),
  }));
}

/** "subscribe North Team 3 at 07:30": a unit's digest in this conversation, for anyone who oversees the unit. */
export async function subscribeToUnit(deps: BotDeps, context: TurnContext, person: Person, unitName: string, localTime: string | null): Promise<void> {
  const units = await deps.services.queries.listUnits();
  const unit = findUnitByName(units, unitName);
  if (!unit) {
    await sendCard(context, renderRefusalCard({
      title: "I can't find that team",
      reason: `No team or unit is called '${unitName.slice(0, 80)}'.`,
      hint: 'Use its full name as the records system has it, e.g. "subscribe North Team 3 at 07:30".',
    }));
    return;
  }
  const decision = authoriseUnitDigest(person, unit.id, UnitScope.of(units));
  if (!decision.allowed) {
    await sendCard(context, renderRefusalCard({ reason: decision.reason, hint: 'Subscribe to your own team, or ask its supervisor.' }));
    return;
  }
  const time = localTime ?? deps.services.config.defaultDigestTime;
  await saveConversation(deps.subscriptions, context.activity, person);
  await deps.subscriptions.subscribe({ conversationId: context.activity.conversation.id, personId: person.id, kind: 'team_digest', unitId: unit.id, localTime: time });
  await sendCard(context, renderSubscriptionConfirmationCard({
    active: true,
    subject: `${unit.name}'s digest`,
    timeText: time,
    whereText: whereText(context.activity),
    timeZone: deps.services.policy.timeZone,
  }));
}

/** In a channel or group chat everyone sees the digest: only a supervisor (or above) changes it. */
async function refusedInSharedConversation(context: TurnContext, person: Person): Promise<boolean> {
  if (scopeOf(context.activity) === 'personal' || person.role === 'supervisor' || person.role === 'inspector' || person.role === 'senior') return false;
  await sendCard(context, renderRefusalCard({
    title: "I can't change that",
    reason: "Only a supervisor (or above) can change the digest of a channel or group chat.",
    hint: 'Change your own in your personal chat with me: "digest at 06:30".',
  }));
  return true;
}

async function subjectOf(deps: BotDeps, subscriptions: readonly Pick<SubscriptionSummary, 'kind' | 'unitId'>[]): Promise<string> {
  if (subscriptions.length !== 1) return 'your digests';
  const [only] = subscriptions as [Pick<SubscriptionSummary, 'kind' | 'unitId'>];
  if (only.kind !== 'team_digest' || !only.unitId) return 'your reminder';
  const unit = await deps.services.queries.findUnit(only.unitId);
  return `${unit?.name ?? only.unitId}'s digest`;
}

function findUnitByName(units: readonly UnitNode[], given: string): UnitNode | undefined {
  const wanted = normalise(given);
  return units.find((unit) => normalise(unit.name) === wanted) ?? units.find((unit) => normalise(unit.id) === wanted);
}

function normalise(text: string): string {
  return text.toLowerCase().replace(/\s+/g, ' ').trim();
}
