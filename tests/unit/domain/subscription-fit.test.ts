import { describe, expect, it } from 'vitest';
import { subscriptionFit, type SubscriptionFacts } from '../../../src/domain/subscription-fit.js';
import type { Person } from '../../../src/domain/types.js';
import { UnitTree } from '../../../src/domain/visibility.js';

const tree = new UnitTree([
  { id: 'FORCE', parentId: null },
  { id: 'N-LPA', parentId: 'FORCE' },
  { id: 'N-T1', parentId: 'N-LPA' },
  { id: 'N-T2', parentId: 'N-LPA' },
  { id: 'S-LPA', parentId: 'FORCE' },
  { id: 'S-T1', parentId: 'S-LPA' },
]);
const smith: Person = { id: 'P1', name: 'PS 1001 Smith', unitId: 'N-T1', role: 'supervisor', aadObjectId: 'aad-p1' };

function fitOf(facts: Partial<SubscriptionFacts> & { subscriber?: Person | null }) {
  const subscriber = facts.subscriber === undefined ? smith : facts.subscriber;
  return subscriptionFit(
    {
      kind: 'team_digest',
      unitId: 'N-T1',
      origin: 'explicit',
      shared: false,
      accountHolderId: subscriber?.id ?? null,
      ...facts,
      subscriber,
    },
    tree,
    'FORCE',
  );
}

describe('subscriptionFit', () => {
  it("fits while the Teams account is the subscriber's and they still see the unit", () => {
    expect(fitOf({})).toEqual({ kind: 'fits' });
    expect(fitOf({ subscriber: { ...smith, role: 'inspector', unitId: 'N-LPA' }, unitId: 'N-T2' })).toEqual({ kind: 'fits' });
  });

  it("stops a personal chat whose Teams account is no longer the subscriber's, without telling that account anything", () => {
    expect(fitOf({ accountHolderId: null })).toEqual({ kind: 'stop', reason: 'teams_account_changed', tell: false });
    expect(fitOf({ accountHolderId: 'P2' })).toEqual({ kind: 'stop', reason: 'teams_account_changed', tell: false });
  });

  it('stops a channel digest whose subscriber left (no Teams account, or not in the records)', () => {
    expect(fitOf({ shared: true, accountHolderId: null, subscriber: { ...smith, aadObjectId: null } })).toEqual({
      kind: 'stop',
      reason: 'subscriber_left',
      tell: false,
    });
    expect(fitOf({ shared: true, subscriber: null })).toEqual({ kind: 'stop', reason: 'subscriber_left', tell: false });
  });

  it('moves a default subscription with its person, and stops it for a role with no default', () => {
    expect(fitOf({ origin: 'default', subscriber: { ...smith, unitId: 'N-T2' } })).toEqual({
      kind: 'repoint',
      to: { kind: 'team_digest', unitId: 'N-T2' },
    });
    expect(fitOf({ origin: 'default', subscriber: { ...smith, role: 'officer' } })).toEqual({
      kind: 'repoint',
      to: { kind: 'officer_reminder', unitId: null },
    });
    expect(fitOf({ origin: 'default', kind: 'officer_reminder', unitId: null })).toEqual({
      kind: 'repoint',
      to: { kind: 'team_digest', unitId: 'N-T1' },
    });
    expect(fitOf({ origin: 'default', subscriber: { ...smith, role: 'inspector', unitId: 'N-LPA' } })).toEqual({
      kind: 'stop',
      reason: 'no_default_for_role',
      tell: true,
    });
  });

  it('stops an explicit subscription the person may no longer see, and tells them', () => {
    expect(fitOf({ subscriber: { ...smith, unitId: 'N-T2' } })).toEqual({ kind: 'stop', reason: 'out_of_scope', tell: true });
    expect(fitOf({ subscriber: { ...smith, role: 'officer' } })).toEqual({ kind: 'stop', reason: 'out_of_scope', tell: true });
    expect(fitOf({ shared: true, subscriber: { ...smith, role: 'inspector', unitId: 'S-LPA' } })).toEqual({
      kind: 'stop',
      reason: 'out_of_scope',
      tell: true,
    });
  });
});
