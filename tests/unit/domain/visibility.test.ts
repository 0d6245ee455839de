import { describe, expect, it } from 'vitest';
import { UnitTree, canSeeOfficer, canSeeUnit } from '../../../src/domain/visibility.js';

const tree = new UnitTree([
  { id: 'FORCE', parentId: null },
  { id: 'N-LPA', parentId: 'FORCE' },
  { id: 'N-T1', parentId: 'N-LPA' },
  { id: 'N-T2', parentId: 'N-LPA' },
  { id: 'S-LPA', parentId: 'FORCE' },
  { id: 'S-T1', parentId: 'S-LPA' },
]);

const allowed = (result: { allowed: boolean }) => result.allowed;

describe('who may see which figures', () => {
  it('lets a senior lead see every unit', () => {
    const senior = { personId: 'P7', role: 'senior' as const, unitId: 'FORCE' };
    expect(['FORCE', 'N-LPA', 'S-T1'].every((u) => allowed(canSeeUnit(senior, u, tree, 'FORCE')))).toBe(true);
  });

  it("lets an inspector see their command's subtree and nothing above or beside it", () => {
    const inspector = { personId: 'P5', role: 'inspector' as const, unitId: 'N-LPA' };
    expect(allowed(canSeeUnit(inspector, 'N-LPA', tree, 'FORCE'))).toBe(true);
    expect(allowed(canSeeUnit(inspector, 'N-T2', tree, 'FORCE'))).toBe(true);
    expect(allowed(canSeeUnit(inspector, 'FORCE', tree, 'FORCE'))).toBe(false);
    expect(canSeeUnit(inspector, 'S-T1', tree, 'FORCE')).toEqual({ allowed: false, reason: expect.stringMatching(/your own command/) });
  });

  it('keeps a supervisor to their team', () => {
    const supervisor = { personId: 'P1', role: 'supervisor' as const, unitId: 'N-T1' };
    expect(allowed(canSeeUnit(supervisor, 'N-T1', tree, 'FORCE'))).toBe(true);
    expect(allowed(canSeeUnit(supervisor, 'N-T2', tree, 'FORCE'))).toBe(false);
    expect(allowed(canSeeUnit(supervisor, 'N-LPA', tree, 'FORCE'))).toBe(false);
    expect(allowed(canSeeOfficer(supervisor, { personId: 'P2', unitId: 'N-T1' }, tree, 'FORCE'))).toBe(true);
    expect(allowed(canSeeOfficer(supervisor, { personId: 'P3', unitId: 'N-T2' }, tree, 'FORCE'))).toBe(false);
  });

  it('keeps an officer to their own figures, and an admin to none', () => {
    const officer = { personId: 'P2', role: 'officer' as const, unitId: 'N-T1' };
    expect(canSeeUnit(officer, 'N-T1', tree, 'FORCE')).toEqual({ allowed: false, reason: expect.stringMatching(/your own items/) });
    expect(allowed(canSeeOfficer(officer, { personId: 'P2', unitId: 'N-T1' }, tree, 'FORCE'))).toBe(true);
    expect(allowed(canSeeOfficer(officer, { personId: 'P9', unitId: 'N-T1' }, tree, 'FORCE'))).toBe(false);
    const admin = { personId: 'P8', role: 'admin' as const, unitId: 'FORCE' };
    expect(allowed(canSeeUnit(admin, 'FORCE', tree, 'FORCE'))).toBe(false);
  });

  it('does not loop on a corrupt tree', () => {
    const cyclic = new UnitTree([
      { id: 'A', parentId: 'B' },
      { id: 'B', parentId: 'A' },
    ]);
    expect(cyclic.isWithin('A', 'C')).toBe(false);
  });
});
