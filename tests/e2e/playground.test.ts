/**
 * End to end through Microsoft's own Teams-like client: `npm run playground`'s script starts the bot on the
 * demo force and the Microsoft 365 Agents Playground against it; headless Chromium (playwright-core) drives
 * the playground's web page as the supervisor of North Team 2.
 *
 * Runs whenever Debian's chromium is found (`apt-get install -y chromium fonts-noto-color-emoji`, or
 * CHROMIUM_PATH). Without it the test is skipped with one line saying how to run it, so `npm install && npm test`
 * passes on a fresh machine; under VCOP_REQUIRE_PLAYGROUND_E2E=1 (set by .ci/run) a missing Chromium fails the run.
 * Screenshots go to a temporary folder (printed); VCOP_PLAYGROUND_SCREENSHOT=docs/playground.png also saves
 * the digest picture there.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { copyFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser, type Locator, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findPlaygroundCli, PLAYGROUND_PACKAGE } from '../../scripts/playground/cli-package.js';
import { demoForceRecords } from '../../src/demo/demo-force.js';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const NOW = '2026-11-20T07:30:00Z';
const TOKEN = 'playground-e2e-token-0123456789';
const TEAM = { id: 'N-T2', name: 'North Team 2' };
const DEMO_VICTIMS = 3000;

const cli = findPlaygroundCli();
const REQUIRED = process.env.VCOP_REQUIRE_PLAYGROUND_E2E === '1';
const HOW_TO_RUN =
  'install Chromium (`apt-get update && apt-get install -y chromium fonts-noto-color-emoji`, or set CHROMIUM_PATH) and run npm test again';
const SKIP_REASON = !cli
  ? `${PLAYGROUND_PACKAGE} is not installed (a devDependency: npm ci installs it)`
  : !existsSync(CHROMIUM) && !REQUIRED
    ? `no Chromium at ${CHROMIUM}: to run the Agents Playground end-to-end test, ${HOW_TO_RUN}`
    : undefined;
if (SKIP_REASON) console.warn(`tests/e2e/playground.test.ts skipped: ${SKIP_REASON}`);

/** The demo force's supervisor of the team, as the script will seed it (same generator, same size). */
function demoSupervisorOf(unitId: string): { id: string; name: string } {
  for (const record of demoForceRecords({ victims: DEMO_VICTIMS, now: new Date(NOW) })) {
    if (record.type === 'person' && record.role === 'supervisor' && record.unitId === unitId) {
      return { id: String(record.id), name: String(record.name) };
    }
    if (record.type === 'case') break;
  }
  throw new Error(`the demo force has no supervisor of ${unitId}`);
}

function freePort(): Promise<number> {
  return new Promise((resolvePort, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => resolvePort(typeof address === 'object' && address ? address.port : 0));
    });
  });
}

describe.skipIf(SKIP_REASON !== undefined)(
  `Microsoft 365 Agents Playground, end to end${SKIP_REASON ? ` (skipped: ${SKIP_REASON})` : ''}`,
  () => {
    const supervisor = demoSupervisorOf(TEAM.id);
    const shots = mkdtempSync(join(tmpdir(), 'vcop-playground-e2e-'));
    let script: ChildProcess | undefined;
    let exited: Promise<number | string> | undefined;
    let output = '';
    let playgroundUrl = '';
    let botBase = '';
    let browser: Browser | undefined;
    let page: Page;
    const externalRequests = new Set<string>();
    /** Keeps the screenshots and the playground's log (in `shots`) when anything failed. */
    let failed = true;
    const localErrors: string[] = [];

    async function screenshot(name: string): Promise<string> {
      const file = join(shots, `${name}.png`);
      await page?.screenshot({ path: file }).catch(() => undefined);
      return file;
    }

    function onFailure(context: { onTestFailed(fn: () => Promise<void>): void }, name: string): void {
      context.onTestFailed(async () => {
        failed = true;
        const file = await screenshot(`failed-${name}`);
        console.error(`playground e2e: screenshot of the failure: ${file}\nscript output so far:\n${output.slice(-3000)}`);
      });
    }

    beforeAll(async () => {
      if (!existsSync(CHROMIUM)) {
        throw new Error(`Chromium not found at ${CHROMIUM}, and VCOP_REQUIRE_PLAYGROUND_E2E=1 requires this test: ${HOW_TO_RUN}.`);
      }
      const playgroundPort = await freePort();
      script = spawn(
        process.execPath,
        [
          '--import',
          'tsx',
          'scripts/playground.ts',
          '--as',
          supervisor.id,
          '--port',
          '0',
          '--playground-port',
          String(playgroundPort),
          '--data-dir',
          'memory://',
          '--work-dir',
          join(shots, 'work'),
          '--now',
          NOW,
          '--no-open',
        ],
        {
          cwd: ROOT,
          env: { ...process.env, VCOP_API_TOKEN: TOKEN, VCOP_SCHEDULER: '0', VCOP_DEMO_VICTIMS: String(DEMO_VICTIMS), LOG_LEVEL: 'warn' },
          stdio: ['ignore', 'pipe', 'pipe'],
        },
      );
      const child = script;
      exited = new Promise((resolveExit) => child.once('exit', (code, signal) => resolveExit(code ?? signal ?? 'unknown')));
      child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')));
      child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')));

      await new Promise<void>((ready, fail) => {
        const timer = setTimeout(() => fail(new Error(`npm run playground did not print its URLs within 150 s:\n${output}`)), 150_000);
        const poll = setInterval(() => {
          const playground = /Playground: +(http:\/\/\S+)/.exec(output);
          const bot = /Bot: +(http:\/\/127\.0\.0\.1:\d+)\/api\/messages/.exec(output);
          if (playground && bot) {
            playgroundUrl = playground[1] as string;
            botBase = bot[1] as string;
            clearInterval(poll);
            clearTimeout(timer);
            ready();
          }
        }, 200);
        void exited?.then((how) => {
          clearInterval(poll);
          clearTimeout(timer);
          fail(new Error(`npm run playground stopped before it was ready (${how}):\n${output}`));
        });
      });

      browser = await chromium.launch({
        executablePath: CHROMIUM,
        headless: true,
        args: ['--no-sandbox', '--disable-background-networking', '--disable-dev-shm-usage'],
      });
      const context = await browser.newContext({
        viewport: { width: 1400, height: 1000 },
        deviceScaleFactor: 1,
        locale: 'en-GB',
        timezoneId: 'Europe/London',
      });
      // The same run with or without internet: anything not served by the playground is refused and noted.
      await context.route(/^https?:\/\/(?!(localhost|127\.0\.0\.1)[:/])/, async (route) => {
        externalRequests.add(new URL(route.request().url()).host);
        await route.abort('internetdisconnected');
      });
      page = await context.newPage();
      page.on('response', (response) => {
        if (response.status() >= 400) localErrors.push(`${response.status()} ${response.url()}`);
      });
      await page.goto(playgroundUrl);
      await sendBox().waitFor({ timeout: 60_000 });
      failed = false;
    }, 240_000);

    afterAll(async () => {
      await browser?.close();
      if (script && script.exitCode === null && script.signalCode === null) {
        script.kill('SIGINT');
        const timer = setTimeout(() => script?.kill('SIGKILL'), 20_000);
        await exited;
        clearTimeout(timer);
      }
      if (localErrors.length > 0) console.info(`playground e2e: local HTTP errors seen by the page: ${localErrors.join(', ')}`);
      if (failed) console.info(`playground e2e: screenshots and the playground's log in ${shots}`);
      else rmSync(shots, { recursive: true, force: true });
    }, 60_000);

    function sendBox(): Locator {
      return page.locator('[data-lexical-editor="true"]');
    }

    function cards(): Locator {
      return page.locator('.ac-adaptiveCard');
    }

    async function send(text: string): Promise<void> {
      await sendBox().click();
      await page.keyboard.type(text);
      await page.keyboard.press('Enter');
    }

    /** Waits for a card at index >= `from` whose text matches; on timeout, says what arrived instead. */
    async function waitForCard(
      from: number,
      matches: (text: string) => boolean,
      what: string,
      timeoutMs = 45_000,
    ): Promise<{ card: Locator; text: string }> {
      const deadline = Date.now() + timeoutMs;
      let texts: string[] = [];
      while (Date.now() < deadline) {
        texts = await cards().allInnerTexts();
        for (let i = from; i < texts.length; i++) {
          if (matches(texts[i] as string)) return { card: cards().nth(i), text: texts[i] as string };
        }
        await page.waitForTimeout(250);
      }
      const arrived = texts.slice(from).map((t) => `  ${t.replace(/\s+/g, ' ').slice(0, 300)}`);
      throw new Error(`no ${what} within ${timeoutMs / 1000} s; cards that arrived:\n${arrived.join('\n') || '  (none)'}`);
    }

    it('answers "my team\'s compliance this month" with the figure the API gives', async (context) => {
      onFailure(context, 'figure');
      const response = await fetch(`${botBase}/v1/units/${TEAM.id}/compliance?period=2026-11`, {
        headers: { authorization: `Bearer ${TOKEN}` },
      });
      expect(response.status).toBe(200);
      const figures = (await response.json()) as { unit: { name: string }; rate: number; compliant: number; total: number };
      const headline = `${figures.unit.name}: ${figures.rate.toFixed(1)}% fully compliant — ${figures.compliant} of ${figures.total} victims`;

      const before = await cards().count();
      await send("my team's compliance this month");
      const { text } = await waitForCard(
        before,
        (t) => /fully compliant — \d+ of \d+ victims — at /.test(t),
        `figure card (headline like "${headline} — at 20 Nov 2026")`,
      );
      expect(text).toContain(`${headline} — at 20 Nov 2026`);
      await screenshot('figure');
    }, 120_000);

    it('shows the digest and updates the card when the supervisor presses Acknowledge', async (context) => {
      onFailure(context, 'digest');
      const before = await cards().count();
      await send('digest');
      const { card, text } = await waitForCard(before, (t) => t.includes('Act on these first') && t.includes(TEAM.name), 'digest card');
      const listed = text.slice(text.indexOf('Act on these first'));
      const cases = listed.match(/CR-\d{2}-\d{6}/g) ?? [];
      expect(cases.length, 'the digest lists items').toBeGreaterThan(1);
      expect(text).not.toContain('Acknowledged by');

      await card.getByRole('button', { name: 'Acknowledge', exact: true }).first().click();
      const acknowledged = `Acknowledged by ${supervisor.name}`;
      const deadline = Date.now() + 45_000;
      let after = '';
      while (Date.now() < deadline && !after.includes(acknowledged)) {
        await page.waitForTimeout(250);
        // biome-ignore lint/performance/useDomNodeTextContent: playwright's Locator.innerText (the text as rendered), not the DOM property.
        after = await card.innerText().catch(() => '');
      }
      expect(after, 'the card updates in place').toContain(acknowledged);
      // The first item is the one acknowledged: its line comes after the first case and before the second.
      const at = after.indexOf(acknowledged);
      expect(at).toBeGreaterThan(after.indexOf(cases[0] as string));
      expect(at).toBeLessThan(after.indexOf(cases[1] as string));

      // The digest's top with the bot's name above it, for the picture.
      await card.evaluate((element) => {
        const style = (globalThis as unknown as { getComputedStyle(e: unknown): { overflowY: string } }).getComputedStyle;
        element.scrollIntoView({ block: 'start' });
        for (let parent = element.parentElement; parent; parent = parent.parentElement) {
          if (parent.scrollHeight > parent.clientHeight && /auto|scroll/.test(style(parent).overflowY)) {
            parent.scrollTop -= 40;
            break;
          }
        }
      });
      await page.waitForTimeout(500);
      const file = await screenshot('digest-acknowledged');
      const wanted = process.env.VCOP_PLAYGROUND_SCREENSHOT;
      if (wanted) {
        const target = resolve(ROOT, wanted);
        mkdirSync(dirname(target), { recursive: true });
        await copyFile(file, target);
      }
    }, 120_000);

    it('needs nothing from the internet but web fonts and an animation from the Office CDN', (context) => {
      onFailure(context, 'internet');
      expect([...externalRequests].filter((host) => host !== 'res-1.cdn.office.net')).toEqual([]);
    });

    it('stops the playground and the bot on Ctrl-C', async (context) => {
      onFailure(context, 'ctrl-c');
      script?.kill('SIGINT');
      const how = await Promise.race([
        exited,
        new Promise((resolveWait) => setTimeout(() => resolveWait('still running after 30 s'), 30_000)),
      ]);
      expect(how, output.slice(-2000)).toBe(0);
      expect(output).toContain('Stopped.');
      await expect(fetch(playgroundUrl)).rejects.toThrow();
      await expect(fetch(`${botBase}/healthz`)).rejects.toThrow();
    }, 60_000);
  },
);
