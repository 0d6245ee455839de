import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { playgroundConfig, toYaml, writePlaygroundConfig, type PlaygroundPerson } from '../../../../scripts/playground/config-file.js';

function person(n: number): PlaygroundPerson {
  return {
    id: `P${n}`,
    name: `PC ${n} Smith`,
    aadObjectId: `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`,
    email: `p${n}@example.police.uk`,
  };
}

describe('the Agents Playground config written by npm run playground', () => {
  const user = { ...person(1043), name: 'PS 1043 Singh' };
  const config = playgroundConfig({
    user,
    colleagues: [user, ...[1044, 1045, 1046, 1047, 1048, 1049].map(person)],
    teamName: 'North Team 2',
  });

  it("maps the playground's user to the person by aadObjectId", () => {
    expect(config.currentUser).toEqual({
      id: 'user-P1043',
      name: 'PS 1043 Singh',
      userPrincipleName: 'p1043@example.police.uk',
      aadObjectId: '00000000-0000-4000-8000-000000001043',
      givenName: 'PS 1043',
      surname: 'Singh',
      email: 'p1043@example.police.uk',
    });
  });

  it('has exactly five other users, never the user again, and unique conversation ids (schema 0.1.1)', () => {
    const users = config.users as Array<{ id: string }>;
    expect(users.map((u) => u.id)).toEqual(['user-P1044', 'user-P1045', 'user-P1046', 'user-P1047', 'user-P1048']);
    const team = config.team as { id: string; channels: Array<{ id: string }> };
    const ids = [
      (config.personalChat as { id: string }).id,
      (config.groupChat as { id: string }).id,
      team.id,
      ...team.channels.map((c) => c.id),
    ];
    expect(new Set(ids).size).toBe(ids.length);
    expect(team.channels).toHaveLength(1);
    expect(config.version).toBe('0.1.1');
  });

  it('refuses a store with fewer than five other people who have a Teams id', () => {
    expect(() => playgroundConfig({ user, colleagues: [person(1044)], teamName: 'T' })).toThrow(/needs 5 other people/);
  });

  it('writes YAML with every scalar quoted', () => {
    expect(
      toYaml({
        version: '0.1.1',
        bot: { id: 'b', name: 'VCOP "x"' },
        users: [
          { id: 'u1', name: 'A' },
          { id: 'u2', name: 'B' },
        ],
      }),
    ).toBe('version: "0.1.1"\nbot:\n  id: "b"\n  name: "VCOP \\"x\\""\nusers:\n  - id: "u1"\n    name: "A"\n  - id: "u2"\n    name: "B"\n');
  });

  it('writes a file that reads back as the same config, however awkward the names', () => {
    // The five colleagues the config keeps: a colon, quotes, a comment mark, YAML's own words and signs.
    const awkward = [`O'Brien: "Jo" #1`, '- yes', 'null &a *b !c', '{ x: [1] } 0123 ', 'Zoë ☃ back\\slash \\n `tick` % @'];
    const colleagues = awkward.map((name, i) => ({ ...person(2000 + i), name }));
    const odd = playgroundConfig({ user: { ...user, name: 'PS 1043 "Sarge": Singh' }, colleagues, teamName: 'North: Team "2" # night' });
    const folder = mkdtempSync(join(tmpdir(), 'vcop-playground-config-'));
    try {
      const path = writePlaygroundConfig(join(folder, 'work'), odd);
      expect(path).toBe(join(folder, 'work', '.m365agentsplayground.yml'));
      const text = readFileSync(path, 'utf8');
      expect(text.startsWith('# Written by scripts/playground.ts (npm run playground); rewritten at every start.\n')).toBe(true);
      expect(parse(text)).toEqual(odd);
      expect((parse(text) as { team: { name: string } }).team.name).toBe('North: Team "2" # night');
    } finally {
      rmSync(folder, { recursive: true, force: true });
    }
  });
});
