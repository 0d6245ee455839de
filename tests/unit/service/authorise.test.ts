/**
 * Who may do what, as a table (compliance-rules.md, "Actions" and "Roles and scope"): officer — own cases;
 * supervisor — their team; inspector — their unit's subtree; senior — the force; admin — configuration only.
 * Each row: the person, the action, where it is, and either "allowed" or the refusal they read.
 */
import { describe, expect, it } from 'vitest';
import type { Person, Role } from '../../../src/domain/types.js';
import {
  UnitScope,
  authoriseAcknowledge,
  authoriseDipAudit,
  authoriseOfficerItems,
  authoriseReassign,
  authoriseUnitDigest,
  type Decision,
} from '../../../src/service/authorise.js';

const scope = UnitScope.of([
  { id: 'FORCE', name: 'Example Constabulary', kind: 'force', parentId: null },
  { id: 'N-LPA', name: 'North LPA', kind: 'command', parentId: 'FORCE' },
  { id: 'N-T1', name: 'North Team 1', kind: 'team', parentId: 'N-LPA' },
  { id: 'N-T2', name: 'North Team 2', kind: 'team', parentId: 'N-LPA' },
  { id: 'S-LPA', name: 'South LPA', kind: 'command', parentId: 'FORCE' },
  { id: 'S-T1', name: 'South Team 1', kind: 'team', parentId: 'S-LPA' },
]);

function person(id: string, name: string, role: Role, unitId: string): Person {
  return { id, name, role, unitId, aadObjectId: null };
}

const pcOkafor = person('P1', 'PC 101 Okafor', 'officer', 'N-T1');
const pcNowak = person('P2', 'PC 102 Nowak', 'officer', 'N-T1');
const pcKhan = person('P3', 'PC 201 Khan', 'officer', 'N-T2');
const psSmith = person('P4', 'PS 1234 Smith', 'supervisor', 'N-T1');
const psJones = person('P5', 'PS 2345 Jones', 'supervisor', 'N-T2');
const inspNorth = person('P6', 'Insp North', 'inspector', 'N-LPA');
const inspSouth = person('P7', 'Insp South', 'inspector', 'S-LPA');
const supt = person('P8', 'Supt Lead', 'senior', 'FORCE');
const admin = person('P9', 'Admin', 'admin', 'FORCE');

const ALLOWED = 'allowed';
const read = (decision: Decision) => (decision.allowed ? ALLOWED : decision.reason);

/** A case of North Team 1 allocated to PC Okafor. */
const okaforsCase = { unitId: 'N-T1', oicId: 'P1' };

describe('Acknowledge: the OIC, or a supervisor of the owning unit or above', () => {
  it.each([
    { actor: pcOkafor, expected: ALLOWED },
    {
      actor: pcNowak,
      expected:
        'You can acknowledge your own items only, and this case is allocated to another officer. If it should be yours, ask your supervisor to reassign it.',
    },
    { actor: psSmith, expected: ALLOWED },
    {
      actor: psJones,
      expected:
        'This case belongs to North Team 1, outside your team (North Team 2): only its OIC or a supervisor over it can acknowledge it.',
    },
    { actor: inspNorth, expected: ALLOWED },
    {
      actor: inspSouth,
      expected:
        'This case belongs to North Team 1, outside your command (South LPA): only its OIC or a supervisor over it can acknowledge it.',
    },
    { actor: supt, expected: ALLOWED },
    { actor: admin, expected: 'Administrator accounts configure the service and do not act on items.' },
  ])('$actor.name on a North Team 1 case of PC Okafor: $expected', ({ actor, expected }) => {
    expect(read(authoriseAcknowledge(actor, okaforsCase, scope))).toBe(expected);
  });
});

describe('Reassign: a supervisor of the owning unit or above, within the owning team', () => {
  it.each([
    {
      actor: pcOkafor,
      other: pcNowak,
      expected: 'Only a supervisor (or above) of the team that owns a case can reassign it. Ask your supervisor.',
    },
    { actor: psSmith, other: pcNowak, expected: ALLOWED },
    { actor: psSmith, other: psSmith, expected: ALLOWED },
    {
      actor: psSmith,
      other: pcKhan,
      expected: 'PC 201 Khan is not an officer of North Team 1: a case can be reassigned only within the team that owns it.',
    },
    {
      actor: psSmith,
      other: inspNorth,
      expected: 'Insp North is not an officer of North Team 1: a case can be reassigned only within the team that owns it.',
    },
    {
      actor: psSmith,
      other: null,
      expected: 'The officer you chose is not in the people records any more. Refresh the card and choose again.',
    },
    {
      actor: psJones,
      other: pcNowak,
      expected: 'This case belongs to North Team 1, outside your team (North Team 2): only a supervisor over it can reassign it.',
    },
    { actor: inspNorth, other: pcNowak, expected: ALLOWED },
    {
      actor: inspSouth,
      other: pcNowak,
      expected: 'This case belongs to North Team 1, outside your command (South LPA): only a supervisor over it can reassign it.',
    },
    { actor: supt, other: pcNowak, expected: ALLOWED },
    { actor: admin, other: pcNowak, expected: 'Administrator accounts configure the service and do not act on items.' },
  ])('$actor.name to $other.name: $expected', ({ actor, other, expected }) => {
    expect(read(authoriseReassign(actor, okaforsCase, other, scope))).toBe(expected);
  });
});

describe("A unit's digest: whoever oversees the unit", () => {
  it.each([
    { actor: pcOkafor, unitId: 'N-T1', expected: 'As an officer you can see your own items only: say "my items".' },
    { actor: psSmith, unitId: 'N-T1', expected: ALLOWED },
    { actor: psSmith, unitId: 'N-T2', expected: "North Team 2 is outside your team (North Team 1), so I can't show you its digest." },
    { actor: psSmith, unitId: 'N-LPA', expected: "North LPA is outside your team (North Team 1), so I can't show you its digest." },
    { actor: inspNorth, unitId: 'N-T2', expected: ALLOWED },
    { actor: inspNorth, unitId: 'N-LPA', expected: ALLOWED },
    { actor: inspNorth, unitId: 'S-T1', expected: "South Team 1 is outside your command (North LPA), so I can't show you its digest." },
    {
      actor: inspNorth,
      unitId: 'FORCE',
      expected: "Example Constabulary is outside your command (North LPA), so I can't show you its digest.",
    },
    { actor: supt, unitId: 'S-T1', expected: ALLOWED },
    { actor: supt, unitId: 'FORCE', expected: ALLOWED },
    { actor: admin, unitId: 'N-T1', expected: 'Administrator accounts configure the service and do not see compliance items.' },
  ])('$actor.name, $unitId: $expected', ({ actor, unitId, expected }) => {
    expect(read(authoriseUnitDigest(actor, unitId, scope))).toBe(expected);
  });
});

describe("An officer's items: the officer, or whoever oversees the officer's home unit", () => {
  it.each([
    { actor: pcOkafor, other: pcOkafor, expected: ALLOWED },
    { actor: pcNowak, other: pcOkafor, expected: "PC 101 Okafor's items are outside what you can see, so I can't show them to you." },
    { actor: psSmith, other: pcOkafor, expected: ALLOWED },
    {
      actor: psJones,
      other: pcOkafor,
      expected: "PC 101 Okafor's items are outside your team (North Team 2), so I can't show them to you.",
    },
    { actor: inspNorth, other: pcKhan, expected: ALLOWED },
    { actor: inspSouth, other: pcKhan, expected: "PC 201 Khan's items are outside your command (South LPA), so I can't show them to you." },
    { actor: supt, other: pcKhan, expected: ALLOWED },
    { actor: admin, other: admin, expected: "Admin's items are outside what you can see, so I can't show them to you." },
    { actor: admin, other: pcOkafor, expected: "PC 101 Okafor's items are outside what you can see, so I can't show them to you." },
  ])('$actor.name looking at $other.name: $expected', ({ actor, other, expected }) => {
    expect(read(authoriseOfficerItems(actor, other, scope))).toBe(expected);
  });
});

describe('a dip-sample audit and its delegate (issue 16)', () => {
  const decide = (actor: Person, unitId: string, delegated: string[] = []) => {
    const decision = authoriseDipAudit(actor, unitId, scope, delegated);
    return decision.allowed ? ALLOWED : decision.reason;
  };

  it("allows the inspector's delegate on the delegated unit's teams, and refuses them on their own team's cases", () => {
    expect(decide(psJones, 'N-T1', ['N-LPA'])).toBe(ALLOWED);
    expect(decide(psJones, 'N-T2', ['N-LPA'])).toBe(
      "You audit North LPA's dip samples as a delegate, but North Team 2's sample holds your own team's cases: " +
        'they are audited by someone outside the team.',
    );
  });

  it("refuses a delegate on another inspector's unit, with the reason", () => {
    expect(decide(psJones, 'S-T1', ['N-LPA'])).toBe(
      "You audit North LPA's dip samples as a delegate; South Team 1's belongs to another inspector: " +
        'only its inspector, their delegate or a senior lead can audit it.',
    );
    expect(decide(psJones, 'N-T1')).toBe("Dip samples are audited by the command's inspector (or a senior lead), not by the team itself.");
  });
});
