import { describe, expect, it } from 'vitest';
import { addressKey, matchTeamsUser, reportedAddressKeys, type IdentityCandidate } from '../../../src/domain/teams-identity.js';

const evans: IdentityCandidate = { personId: 'P4', aadObjectId: null, upn: 'PS.Evans@Example.Police.UK', email: null };
const smith: IdentityCandidate = { personId: 'P1', aadObjectId: null, upn: null, email: 'p1001@example.police.uk' };
const khan: IdentityCandidate = {
  personId: 'P5',
  aadObjectId: '6f1c2a40-1b7e-4c1a-9d0e-3a2b1c0d9e8f',
  upn: null,
  email: 'khan@example.police.uk',
};
const teamsUser = (user: { aadObjectId?: string | null; upn?: string | null; email?: string | null }) => ({
  aadObjectId: null,
  upn: null,
  email: null,
  ...user,
});

describe('matchTeamsUser', () => {
  it('matches by Entra object id first, without letter case, whatever the addresses say', () => {
    const user = teamsUser({ aadObjectId: '6F1C2A40-1B7E-4C1A-9D0E-3A2B1C0D9E8F', email: 'p1001@example.police.uk' });
    expect(matchTeamsUser(user, [smith, khan])).toEqual({ kind: 'matched', personId: 'P5', by: 'aadObjectId' });
  });

  it("matches the records' e-mail against the e-mail Teams reports, trimmed and without the case of A-Z", () => {
    expect(matchTeamsUser(teamsUser({ email: '  P1001@Example.POLICE.uk ' }), [smith, evans])).toEqual({
      kind: 'matched',
      personId: 'P1',
      by: 'email',
    });
  });

  it('matches the user principal name with a different letter case', () => {
    expect(matchTeamsUser(teamsUser({ upn: 'ps.evans@example.police.uk' }), [smith, evans])).toEqual({
      kind: 'matched',
      personId: 'P4',
      by: 'upn',
    });
  });

  it("matches an e-mail in the records against the user principal name when Teams reports no e-mail (forces' sign-in names are their addresses)", () => {
    expect(matchTeamsUser(teamsUser({ upn: 'P1001@example.police.uk' }), [smith])).toEqual({
      kind: 'matched',
      personId: 'P1',
      by: 'email',
    });
  });

  it('is no match when no address and no object id is the user’s', () => {
    const user = teamsUser({ aadObjectId: 'aaaaaaaa-0000-4000-8000-000000000001', upn: 'someone.else@example.police.uk' });
    expect(matchTeamsUser(user, [smith, evans, khan])).toEqual({ kind: 'unmatched', reason: 'no_match' });
    expect(matchTeamsUser(teamsUser({}), [smith, evans])).toEqual({ kind: 'unmatched', reason: 'no_match' });
  });

  it('is ambiguous, not a guess, when two people carry the address (whichever field it is in)', () => {
    const twin: IdentityCandidate = { personId: 'P9', aadObjectId: null, upn: 'p1001@EXAMPLE.police.uk', email: null };
    expect(matchTeamsUser(teamsUser({ email: 'p1001@example.police.uk' }), [smith, twin])).toEqual({
      kind: 'unmatched',
      reason: 'ambiguous',
    });
  });

  it('refuses the one person with the address when their records carry another Entra object id', () => {
    const user = teamsUser({ aadObjectId: 'bbbbbbbb-0000-4000-8000-000000000002', email: 'khan@example.police.uk' });
    expect(matchTeamsUser(user, [khan])).toEqual({ kind: 'unmatched', reason: 'object_id_differs' });
  });

  it('never matches on anything but the object id and the two addresses (a display name is not even read)', () => {
    const withName = { ...teamsUser({ upn: 'not-smith@example.police.uk' }), name: 'PS 1001 Smith' };
    expect(matchTeamsUser(withName, [{ ...smith, name: 'PS 1001 Smith' } as IdentityCandidate])).toEqual({
      kind: 'unmatched',
      reason: 'no_match',
    });
  });
});

describe('addressKey', () => {
  it('trims, lower-cases A-Z only, and keeps every other character as written', () => {
    expect(addressKey('  P.Smith@Example.Police.UK\t')).toBe('p.smith@example.police.uk');
    expect(addressKey('ÉMILE@example.police.uk')).toBe('Émile@example.police.uk');
  });

  it('is null for anything that is not name@domain, which can identify no one', () => {
    expect(addressKey(null)).toBeNull();
    expect(addressKey('')).toBeNull();
    expect(addressKey('PS 1001 Smith')).toBeNull();
    expect(addressKey('a b@example')).toBeNull();
  });

  it('reports one key when the user principal name and the e-mail are the same address', () => {
    expect(reportedAddressKeys({ upn: 'P1@x.uk', email: 'p1@X.UK' })).toEqual(['p1@x.uk']);
  });
});
