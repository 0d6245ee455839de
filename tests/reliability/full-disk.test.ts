import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { createReadStream } from 'node:fs';
import { mkdir, mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createServices } from '../../src/app.js';
import { readConfig } from '../../src/config/env.js';
import { demoForceNdjson } from '../../src/demo/demo-force.js';
import { createLogger } from '../../src/log/logger.js';
import { openDb } from '../../src/store/connect.js';
import { StoreDiskFullError } from '../../src/store/store-errors.js';

/**
 * A real full data disk (issue 10, H5): the application (src/main.ts in its own process) on PGlite in a
 * 150 MB tmpfs, filled up with a file. An import that does not fit is refused before it writes (the
 * store checks for room, src/store/disk-room.ts): 507 "the data disk is full" with the figures, and the
 * store answers on. With that check off, the disk fills while PGlite writes, and PGlite 0.5 cannot go on
 * (every statement fails, or it loops inside WebAssembly): the process logs why and ends, and a new one
 * opens the folder.
 *
 * Mounting a tmpfs needs root (CAP_SYS_ADMIN), as the reliability suite runs in CI's container.
 */
const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const TOKEN = 'full-disk-token-0123456789';
const NOW = '2026-11-20T10:00:00Z';

let folder: string;
let disk: string;
let dataDir: string;
let extract: string;
let mounted = false;

function mountSmallDisk(at: string): void {
  try {
    execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=150m', 'tmpfs', at], { stdio: 'pipe' });
  } catch (error) {
    throw new Error(`this test mounts a 150 MB tmpfs and needs root (CAP_SYS_ADMIN) for it: ${String((error as Error).message)}`);
  }
}

/** Leaves only `kb` KB free on the small disk. */
function fill(kb: number): void {
  const free = Number(execFileSync('df', ['--output=avail', '-k', disk]).toString().trim().split('\n').pop());
  execFileSync('fallocate', ['-l', `${Math.max(1, free - kb)}k`, join(disk, 'filler')]);
}
const free = () => rm(join(disk, 'filler'), { force: true });

beforeAll(async () => {
  folder = await mkdtemp(join(tmpdir(), 'vcop-full-disk-'));
  disk = join(folder, 'disk');
  await mkdir(disk);
  mountSmallDisk(disk);
  mounted = true;
  dataDir = join(disk, 'data');
  extract = join(folder, 'extract.ndjson');
  const lines: string[] = [];
  for await (const line of demoForceNdjson({ victims: 20_000, now: new Date(NOW) })) lines.push(line);
  await import('node:fs/promises').then((fs) => fs.writeFile(extract, `${lines.join('\n')}\n`));
  const services = await createServices(
    readConfig({ VCOP_DATA_DIR: dataDir, VCOP_DEMO: '0', VCOP_NOW: NOW, LOG_LEVEL: 'silent' }),
    createLogger({ level: 'silent' }),
  );
  try {
    const small = await readFile(join(ROOT, 'tests/fixtures/small-force.ndjson'));
    expect(
      (
        await services.importNdjson(
          (async function* () {
            yield small;
          })(),
        )
      ).ok,
    ).toBe(true);
  } finally {
    await services.db.close();
  }
}, 120_000);

afterAll(async () => {
  // Lazy: a process still closing its files must not leave the small disk mounted.
  if (mounted) execFileSync('umount', ['-l', disk]);
  await rm(folder, { recursive: true, force: true });
});

interface App {
  child: ChildProcess;
  output: string[];
  baseUrl: string;
}

async function startMain(env: Record<string, string> = {}): Promise<App> {
  const output: string[] = [];
  const child = spawn(process.execPath, ['--import', 'tsx', join(ROOT, 'src/main.ts')], {
    cwd: ROOT,
    env: {
      PATH: process.env.PATH ?? '',
      PORT: '0',
      HOST: '127.0.0.1',
      LOG_LEVEL: 'info',
      VCOP_DATA_DIR: dataDir,
      VCOP_DEMO: '0',
      VCOP_SCHEDULER: '0',
      VCOP_NOW: NOW,
      VCOP_API_TOKEN: TOKEN,
      // A process wedged inside PGlite is ended this long after its event loop stops (the default is 60 s).
      VCOP_EVENT_LOOP_STALL_SECONDS: '15',
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout?.on('data', (chunk: Buffer) => output.push(chunk.toString('utf8')));
  child.stderr?.on('data', (chunk: Buffer) => output.push(chunk.toString('utf8')));
  const deadline = Date.now() + 60_000;
  for (;;) {
    const port = /"port":(\d+)[^\n]*vcop-teams-bot listening/.exec(output.join(''))?.[1];
    if (port) return { child, output, baseUrl: `http://127.0.0.1:${port}` };
    if (Date.now() > deadline || child.exitCode !== null) throw new Error(`the app did not start:\n${output.join('').slice(-3000)}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** Waits for a log line (the child's output arrives through a pipe, after the answer it sent). */
async function said(app: App, line: RegExp): Promise<void> {
  const deadline = Date.now() + 10_000;
  while (!line.test(app.output.join(''))) {
    if (Date.now() > deadline) throw new Error(`the app did not log ${line}:\n${app.output.join('').slice(-3000)}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/** Whether the process ends within `ms` (it is still running after an import that went well). */
const endsWithin = (child: ChildProcess, ms: number) =>
  Promise.race([exited(child).then(() => true), new Promise<boolean>((resolve) => setTimeout(() => resolve(false), ms))]);

const exited = (child: ChildProcess) =>
  new Promise<number | null>((resolve) =>
    child.exitCode !== null || child.signalCode !== null ? resolve(child.exitCode) : child.once('exit', (code) => resolve(code)),
  );
const get = (app: App, path: string) => fetch(`${app.baseUrl}${path}`, { headers: { authorization: `Bearer ${TOKEN}` } });

/** POSTs the 20,000-victim extract, or the given body. */
async function postExtract(app: App, body?: string): Promise<{ status: number; error?: { code: string; message: string } }> {
  const response = await fetch(`${app.baseUrl}/v1/records`, {
    method: 'POST',
    headers: { authorization: `Bearer ${TOKEN}`, 'content-type': 'application/x-ndjson' },
    body: body ?? (Readable.toWeb(createReadStream(extract)) as ReadableStream),
    duplex: 'half',
  } as RequestInit);
  const answer = (await response.json()) as { error?: { code: string; message: string } };
  return { status: response.status, error: answer.error };
}

describe('a full data disk', () => {
  it('a write that does not fit: 507 "the data disk is full", and the store answers on', async () => {
    const app = await startMain();
    try {
      fill(5_000);
      const answer = await postExtract(app);
      expect(answer.status).toBe(507);
      expect(answer.error).toMatchObject({
        code: 'disk_full',
        message: expect.stringMatching(/^The data disk is full: nothing was written \(\d+ MB free; this import needs about \d+ MB/),
      });
      await said(app, /"level":50[^\n]*the data disk is full: free space/);
      expect((await get(app, '/v1/units/FORCE/compliance')).status).toBe(200);
      expect((await get(app, '/readyz')).status).toBe(200);
      expect((await get(app, '/healthz')).status).toBe(200);
      await free();
      const newTeam = JSON.stringify({ type: 'unit', id: 'NEW-T', name: 'New team', kind: 'team', parentId: 'N-LPA' });
      expect((await postExtract(app, newTeam)).status).toBe(200);
    } finally {
      await free();
      app.child.kill('SIGTERM');
      await exited(app.child);
    }
  }, 300_000);

  it('the disk filling while PGlite writes its log: the process says why and exits, and a new one opens the folder', async () => {
    // The check for room off: what happens when the disk fills anyway (another process filled it meanwhile).
    const app = await startMain({ VCOP_DISK_HEADROOM_MB: '0' });
    let ended: { code: number | null; signal: NodeJS.Signals | null } | undefined;
    try {
      // Where the log write fails depends on how full its current segment is: a few fills find it. PGlite then
      // either fails every statement (the store watch sees it: exit 70) or loops inside WebAssembly and never
      // answers again (the event-loop watchdog ends it: SIGKILL). Either way the process says why and ends.
      for (const leaveKb of [20_000, 25_000, 30_000, 40_000, 20_000, 25_000]) {
        fill(leaveKb);
        const answer = await postExtract(app).catch(() => ({ status: 0, error: undefined }));
        const goingDown = answer.status === 0 || /restarting/.test(answer.error?.message ?? '');
        if (goingDown && (await endsWithin(app.child, 25_000))) {
          ended = { code: app.child.exitCode, signal: app.child.signalCode };
          break;
        }
        await free();
      }
      expect(ended, `no fill broke the log write; the app said:\n${app.output.join('').slice(-2000)}`).toBeDefined();
      if (ended?.signal === 'SIGKILL') {
        await said(
          app,
          /"level":60[^\n]*the process stopped answering \(its event loop has not turned for \d+ s; with PGlite, most often a full/,
        );
      } else {
        expect(ended).toEqual({ code: 70, signal: null });
        await said(app, /"level":60[^\n]*the data disk is full and the store stopped working/);
      }
    } finally {
      await free();
      if (app.child.exitCode === null && app.child.signalCode === null) {
        app.child.kill('SIGKILL');
        await exited(app.child);
      }
    }
    const restarted = await startMain();
    try {
      expect((await get(restarted, '/healthz')).status).toBe(200);
      const figures = await get(restarted, '/v1/units/FORCE/compliance');
      expect(figures.status).toBe(200);
    } finally {
      restarted.child.kill('SIGTERM');
      await exited(restarted.child);
    }
  }, 600_000);

  it('a new store that does not fit: "the data disk is full", and nothing half-made is left to refuse later', async () => {
    const newDir = join(disk, 'new-store');
    try {
      fill(5_000);
      await expect(openDb({ dataDir: newDir })).rejects.toThrow(StoreDiskFullError);
      expect(await readdir(newDir)).toEqual([]);
      await free();
      const db = await openDb({ dataDir: newDir });
      expect(await db.query('select 1 as one')).toEqual([{ one: 1 }]);
      await db.close();
    } finally {
      await free();
    }
  }, 120_000);
});
