import { describe, expect, it } from 'vitest';
import { digestReach, type DigestReachFacts, type SubscriptionReachFacts } from '../../../src/domain/digest-reach.js';

const AT = '2026-11-19T07:00:00.000Z';
const subscription = (facts: Partial<SubscriptionReachFacts> = {}): SubscriptionReachFacts => ({
  enabled: true,
  disabledReason: null,
  conversationActive: true,
  conversationInactiveReason: null,
  changedAt: AT,
  lastSend: { status: 'sent', localDate: '2026-11-19', attempts: 1 },
  ...facts,
});
const sergeant = (facts: Partial<DigestReachFacts> = {}): DigestReachFacts => ({
  role: 'supervisor',
  subscriptions: [],
  personalChat: null,
  ...facts,
});

describe('digestReach', () => {
  it('receives with one reachable subscription whose sends go out (or have not been tried yet)', () => {
    expect(digestReach(sergeant({ subscriptions: [subscription()] }))).toEqual({ kind: 'receives' });
    expect(digestReach(sergeant({ subscriptions: [subscription({ lastSend: null })] }))).toEqual({ kind: 'receives' });
  });

  it('a supervisor or officer with no chat with the bot never installed it; an inspector with none is due nothing', () => {
    expect(digestReach(sergeant())).toEqual({ kind: 'does_not_receive', reason: 'never_installed', detail: null, since: null });
    expect(digestReach(sergeant({ role: 'officer' }))).toMatchObject({ reason: 'never_installed' });
    expect(digestReach(sergeant({ role: 'inspector' }))).toEqual({ kind: 'not_expected' });
  });

  it('says the app was removed, and the Connector code when a send was refused (403 BotNotInConversationRoster)', () => {
    const removed = subscription({
      enabled: false,
      disabledReason: 'uninstalled',
      conversationActive: false,
      conversationInactiveReason: 'uninstalled',
    });
    expect(digestReach(sergeant({ subscriptions: [removed] }))).toEqual({
      kind: 'does_not_receive',
      reason: 'removed_app',
      detail: null,
      since: AT,
    });
    const refused = subscription({ conversationActive: false, conversationInactiveReason: 'BotNotInConversationRoster' });
    expect(digestReach(sergeant({ subscriptions: [refused] }))).toEqual({
      kind: 'does_not_receive',
      reason: 'conversation_gone',
      detail: 'BotNotInConversationRoster',
      since: AT,
    });
  });

  it('tells "digest off" from a subscription the service stopped, naming the stop reason', () => {
    expect(digestReach(sergeant({ subscriptions: [subscription({ enabled: false, disabledReason: 'turned_off' })] }))).toMatchObject({
      reason: 'turned_off',
    });
    expect(
      digestReach(sergeant({ subscriptions: [subscription({ enabled: false, disabledReason: 'teams_account_changed' })] })),
    ).toMatchObject({
      reason: 'stopped',
      detail: 'teams_account_changed',
    });
  });

  it('is failing when every reachable subscription’s latest send failed', () => {
    const failed = subscription({ lastSend: { status: 'failed', localDate: '2026-11-20', attempts: 5 } });
    expect(digestReach(sergeant({ subscriptions: [failed] }))).toEqual({
      kind: 'does_not_receive',
      reason: 'failing',
      detail: '5 attempt(s) on 2026-11-20',
      since: '2026-11-20',
    });
    expect(digestReach(sergeant({ subscriptions: [failed, subscription()] }))).toEqual({ kind: 'receives' });
  });

  it('a personal chat without a subscription, or one the bot was removed from', () => {
    expect(digestReach(sergeant({ personalChat: { active: true, inactiveReason: null, changedAt: AT } }))).toMatchObject({
      reason: 'not_subscribed',
    });
    expect(
      digestReach(sergeant({ personalChat: { active: false, inactiveReason: 'BotNotInConversationRoster', changedAt: AT } })),
    ).toMatchObject({ reason: 'conversation_gone', detail: 'BotNotInConversationRoster' });
  });
});
