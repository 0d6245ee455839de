/**
 * The playground's `.m365agentsplayground.yml` (config schema 0.1.1, bundled in its dist/index.js): what it
 * holds, and the file itself, written with the `yaml` package (the playground reads it with the same one).
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { stringify } from 'yaml';

export const CONFIG_FILE_NAME = '.m365agentsplayground.yml';

/** Stable ids of the mock tenant and bot (any strings do; the bot ignores them in local mode). */
const TENANT_ID = '00000000-0000-4000-8000-00000000a11d';
const BOT_ID = '00000000-0000-4000-8000-00000000b0b0';
/** The playground's config schema (0.1.1) wants exactly five users besides the current one. */
const OTHER_USERS = 5;

/** A person as the playground's mock directory shows them. */
export interface PlaygroundPerson {
  id: string;
  name: string;
  aadObjectId: string;
  email: string | null;
}

export interface PlaygroundConfigInput {
  /** The playground's user: every message and button press carries this person's aadObjectId. */
  user: PlaygroundPerson;
  /** Others in the group chat and the team (the first five are used). */
  colleagues: readonly PlaygroundPerson[];
  /** The mock team's name, e.g. the user's own team. */
  teamName: string;
}

/**
 * Tenant, bot, the current user, exactly five other users, the personal chat, one group chat and one team
 * with one channel besides General. Throws when there are fewer than five colleagues with an aadObjectId.
 */
export function playgroundConfig(input: PlaygroundConfigInput): Record<string, unknown> {
  const others = input.colleagues.filter((c) => c.id !== input.user.id).slice(0, OTHER_USERS);
  if (others.length < OTHER_USERS) {
    throw new Error(`the playground needs ${OTHER_USERS} other people with an aadObjectId in the store; found ${others.length}`);
  }
  return {
    version: '0.1.1',
    tenantId: TENANT_ID,
    bot: { id: BOT_ID, name: 'VCOP Compliance' },
    currentUser: playgroundUser(input.user),
    users: others.map(playgroundUser),
    // Per person, so a stored conversation never belongs to someone else when --as changes.
    personalChat: { id: `playground-personal-${input.user.id}` },
    groupChat: { id: `playground-group-${input.user.id}`, name: `${input.teamName} chat` },
    team: {
      id: `playground-team-${input.user.id}`,
      name: input.teamName.slice(0, 256),
      aadGroupId: '00000000-0000-4000-8000-00000000c0de',
      channels: [{ id: `playground-channel-${input.user.id}`, name: 'Digests' }],
    },
  };
}

function playgroundUser(person: PlaygroundPerson): Record<string, string> {
  // Demo names are "PS 1043 Singh": the surname is the last word.
  const words = person.name.trim().split(/\s+/);
  const surname = words.length > 1 ? (words.at(-1) as string) : person.name;
  const givenName = words.length > 1 ? words.slice(0, -1).join(' ') : person.name;
  const email = person.email ?? `${person.id.toLowerCase()}@example.invalid`;
  return {
    id: `user-${person.id}`,
    name: person.name.slice(0, 256),
    userPrincipleName: email, // sic: the playground's schema spells it so
    aadObjectId: person.aadObjectId,
    givenName: givenName.slice(0, 256),
    surname: surname.slice(0, 256),
    email,
  };
}

/**
 * YAML for the config: every string a double-quoted scalar escaped as JSON, plain keys, no line folding.
 * (A name like `O'Brien: "Jo"` or `#1` never turns into a comment, a mapping or a different type.)
 */
export function toYaml(value: unknown): string {
  return stringify(value, { defaultStringType: 'QUOTE_DOUBLE', defaultKeyType: 'PLAIN', doubleQuotedAsJSON: true, lineWidth: 0 });
}

/** Writes the config into the work folder (made if missing), replacing the last one; returns the file's path. */
export function writePlaygroundConfig(workDir: string, config: Record<string, unknown>): string {
  mkdirSync(workDir, { recursive: true });
  const path = resolve(workDir, CONFIG_FILE_NAME);
  writeFileSync(path, `# Written by scripts/playground.ts (npm run playground); rewritten at every start.\n${toYaml(config)}`);
  return path;
}
