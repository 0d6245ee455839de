import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const WATCHDOG = fileURLToPath(new URL('../../../src/app/event-loop-watchdog.ts', import.meta.url));

/** A process that starts the watchdog, then holds its event loop for `holdMs` (as PGlite wedged in WebAssembly does). */
function run(stallMs: number, holdMs: number): Promise<{ code: number | null; signal: string | null; stdout: string }> {
  const script =
    `const { startEventLoopWatchdog } = await import(${JSON.stringify(WATCHDOG)});\n` +
    `const watchdog = startEventLoopWatchdog({ stallMs: ${stallMs}, onError: (e) => { throw e; } });\n` +
    `await new Promise((resolve) => setTimeout(resolve, 300));\n` +
    `const until = Date.now() + ${holdMs}; while (Date.now() < until) {}\n` +
    `await new Promise((resolve) => setTimeout(resolve, 300));\n` +
    `await watchdog.stop();\n`;
  const child = spawn(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], { stdio: ['ignore', 'pipe', 'inherit'] });
  let stdout = '';
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString('utf8')));
  return new Promise((resolve) => child.once('exit', (code, signal) => resolve({ code, signal, stdout })));
}

describe('the event-loop watchdog', () => {
  it('ends a process whose event loop stopped turning, and says why in one fatal JSON line', async () => {
    const result = await run(1500, 60_000);
    expect(result.signal).toBe('SIGKILL');
    const line = JSON.parse(result.stdout.trim().split('\n').pop() ?? '{}') as { level: number; msg: string; stalledSeconds: number };
    expect(line.level).toBe(60);
    expect(line.msg).toMatch(
      /^the process stopped answering \(its event loop has not turned for \d+ s; with PGlite, most often a full data disk\)/,
    );
    expect(line.stalledSeconds).toBeGreaterThanOrEqual(1);
  }, 30_000);

  it('leaves alone a process that holds its loop for less than the limit, and lets it exit by itself', async () => {
    const result = await run(3000, 1000);
    expect(result).toEqual({ code: 0, signal: null, stdout: '' });
  }, 30_000);
});
