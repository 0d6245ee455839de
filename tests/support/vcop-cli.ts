import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The project's root, where bin/vcop.js and the fixtures are. */
export const ROOT = fileURLToPath(new URL('../../', import.meta.url));

export interface VcopRun {
  code: number;
  stdout: string;
  stderr: string;
}

/**
 * `vcop <args>` as an analyst or an IT team runs it: bin/vcop.js in a child process, on the PGlite data folder
 * `<folder>/data`, with now at 10:00 on Fri 20 Nov 2026 and only PATH and HOME from the environment (plus `env`).
 */
export function runVcop(folder: string, args: readonly string[], env: Record<string, string> = {}): Promise<VcopRun> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      [join(ROOT, 'bin/vcop.js'), ...args],
      {
        cwd: ROOT,
        env: { PATH: process.env.PATH ?? '', HOME: folder, VCOP_DATA_DIR: join(folder, 'data'), VCOP_NOW: '2026-11-20T10:00:00Z', ...env },
        timeout: 120_000,
      },
      (error, stdout, stderr) => resolve({ code: error ? (typeof error.code === 'number' ? error.code : -1) : 0, stdout, stderr }),
    );
  });
}
