import { describe, expect, it } from 'vitest';
import { defaultPolicy } from '../../../src/domain/policy.js';
import { evaluateVictim, type VictimFacts } from '../../../src/domain/rules.js';
import { englandAndWales } from '../../support/england-and-wales.js';

const facts = (contacts: VictimFacts['contacts']): VictimFacts => ({
  victimId: 'V-1',
  caseId: 'CR-1',
  enhanced: false,
  recordedAt: new Date('2026-10-01T09:12:00+01:00'),
  closedAt: null,
  needsAssessment: null,
  contacts,
});

describe('a decision_update contact (records-format.md)', () => {
  it('counts as an update for the update rule: the 28 days run from it', () => {
    const told = facts([{ at: new Date('2026-10-20T10:00:00+01:00'), kind: 'decision_update' }]);
    const update = evaluateVictim(told, new Date('2026-11-10T12:00:00Z'), defaultPolicy, englandAndWales).update;
    expect(update).toMatchObject({ status: 'on_time', lastContactDate: '2026-10-20', dueDate: '2026-11-17' });
  });

  it('a written acknowledgement does not: the update is still owed 28 days from recording', () => {
    const acknowledged = facts([{ at: new Date('2026-10-01T11:05:00+01:00'), kind: 'written_acknowledgement' }]);
    const update = evaluateVictim(acknowledged, new Date('2026-10-30T12:00:00Z'), defaultPolicy, englandAndWales).update;
    expect(update).toMatchObject({ status: 'breach', lastContactDate: '2026-10-01', dueDate: '2026-10-29', daysOverdue: 1 });
  });
});
