/** The installed Microsoft 365 Agents Playground (a devDependency) and the version this script was written for. */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

/** The version whose config format, CLI options and page structure this script and its test rely on. */
export const PLAYGROUND_VERSION = '0.2.28';
export const PLAYGROUND_PACKAGE = '@microsoft/m365agentsplayground';

export interface PlaygroundCli {
  /** cli.js of the installed package. */
  path: string;
  version: string;
}

/** The installed playground's CLI, or null when the devDependency is not installed. */
export function findPlaygroundCli(): PlaygroundCli | null {
  const require = createRequire(import.meta.url);
  let packageJson: string;
  try {
    packageJson = require.resolve(`${PLAYGROUND_PACKAGE}/package.json`);
  } catch {
    return null;
  }
  const { version } = JSON.parse(readFileSync(packageJson, 'utf8')) as { version: string };
  return { path: join(dirname(packageJson), 'cli.js'), version };
}
