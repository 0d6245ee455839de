/**
 * Renders every card with sample data in headless Chromium, with the real Adaptive Cards renderer and
 * a Teams-like light host config, and saves a 2x screenshot of each to docs/cards/<name>.png.
 *
 *   npm run render-cards -- [--out docs/cards] [--chromium /usr/bin/chromium] [--only digest,help]
 */
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { chromium } from 'playwright-core';
import type { AdaptiveCard } from '../src/bot/cards/adaptive-card.js';
import { sampleCards } from '../tests/fixtures/cards/sample-card-data.js';

const HELP = `Usage: npm run render-cards -- [options]

Renders every Adaptive Card with sample data to PNG (2x) with headless Chromium.

Options:
  --out <dir>        where to write <name>.png (default: docs/cards)
  --chromium <path>  Chromium executable (default: /usr/bin/chromium;
                     install with: apt-get install -y chromium fonts-noto-color-emoji)
  --only <names>     comma-separated card names, e.g. digest,help
  --help             show this help
`;

/** Teams' card width in a chat; cards that ask for `msteams.width: Full` get the wider one. */
const CHAT_CARD_WIDTH = 520;
const FULL_CARD_WIDTH = 760;

function foreground(subtle: string) {
  return {
    default: { default: '#242424', subtle },
    dark: { default: '#242424', subtle },
    light: { default: '#ffffff', subtle: '#f3f2f1' },
    accent: { default: '#5b5fc7', subtle: '#7f85f5' },
    good: { default: '#237b4b', subtle: '#237b4bcc' },
    warning: { default: '#835b00', subtle: '#835b00cc' },
    attention: { default: '#c4314b', subtle: '#c4314bcc' },
  };
}

/** Close to Teams' light theme: Segoe-like fonts, Teams purple, tinted container styles. */
const TEAMS_LIGHT_HOST_CONFIG = {
  supportsInteractivity: true,
  spacing: { small: 8, default: 12, medium: 16, large: 20, extraLarge: 24, padding: 16 },
  separator: { lineThickness: 1, lineColor: '#e0e0e0' },
  fontTypes: {
    default: {
      fontFamily: "'Segoe UI', 'Noto Sans', 'DejaVu Sans', sans-serif",
      fontSizes: { small: 12, default: 14, medium: 16, large: 18, extraLarge: 24 },
      fontWeights: { lighter: 300, default: 400, bolder: 600 },
    },
    monospace: {
      fontFamily: "'DejaVu Sans Mono', 'Courier New', monospace",
      fontSizes: { small: 12, default: 14, medium: 14, large: 18, extraLarge: 24 },
      fontWeights: { lighter: 300, default: 400, bolder: 600 },
    },
  },
  containerStyles: {
    default: { backgroundColor: '#ffffff', foregroundColors: foreground('#616161') },
    emphasis: { backgroundColor: '#f5f5f5', foregroundColors: foreground('#616161') },
    accent: { backgroundColor: '#e8ebfa', foregroundColors: foreground('#616161') },
    good: { backgroundColor: '#e7f2da', foregroundColors: foreground('#4d4d4d') },
    warning: { backgroundColor: '#fbf6d9', foregroundColors: foreground('#4d4d4d') },
    attention: { backgroundColor: '#fcf4f6', foregroundColors: foreground('#4d4d4d') },
  },
  actions: {
    maxActions: 6,
    spacing: 'Default',
    buttonSpacing: 8,
    showCard: { actionMode: 'Inline', inlineTopMargin: 12, style: 'emphasis' },
    actionsOrientation: 'Horizontal',
    actionAlignment: 'Left',
  },
  adaptiveCard: { allowCustomStyle: true },
  factSet: {
    title: { size: 'Default', color: 'Default', isSubtle: false, weight: 'Bolder', wrap: true, maxWidth: 200 },
    value: { size: 'Default', color: 'Default', isSubtle: false, weight: 'Default', wrap: true },
    spacing: 16,
  },
};

/** Teams draws buttons and inputs itself; these rules give the screenshots the same look. */
const TEAMS_LIKE_CSS = `
  body { margin: 0; padding: 24px; background: #f5f5f5; font-family: 'Segoe UI', 'Noto Sans', 'DejaVu Sans', sans-serif; }
  #card { background: #fff; border-radius: 6px; box-shadow: 0 1px 3px rgba(0,0,0,.15); overflow: hidden; }
  .ac-pushButton { font: 600 14px 'Segoe UI', 'Noto Sans', 'DejaVu Sans', sans-serif; color: #242424; background: #fff;
    border: 1px solid #d1d1d1; border-radius: 4px; padding: 5px 12px; min-height: 32px; cursor: pointer; }
  .ac-pushButton.style-positive { background: #5b5fc7; border-color: #5b5fc7; color: #fff; }
  .ac-pushButton.style-destructive { color: #c4314b; }
  .ac-pushButton[aria-expanded='true'] { background: #e8ebfa; border-color: #5b5fc7; }
  .ac-input { font: 14px 'Segoe UI', 'Noto Sans', 'DejaVu Sans', sans-serif; border: 1px solid #d1d1d1; border-radius: 4px; padding: 5px 8px; }
`;

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      out: { type: 'string', default: 'docs/cards' },
      chromium: { type: 'string', default: '/usr/bin/chromium' },
      only: { type: 'string' },
      help: { type: 'boolean', default: false },
    },
  });
  if (values.help) {
    process.stdout.write(HELP);
    return;
  }
  if (!existsSync(values.chromium)) {
    throw new Error(
      `Chromium not found at ${values.chromium}: install it with "apt-get update && apt-get install -y chromium fonts-noto-color-emoji", or pass --chromium <path>`,
    );
  }
  const wanted = values.only ? new Set(values.only.split(',').map((name) => name.trim())) : undefined;
  const cards = sampleCards().filter((entry) => !wanted || wanted.has(entry.name));
  if (wanted && cards.length < wanted.size) {
    const known = sampleCards().map((entry) => entry.name);
    throw new Error(`Unknown card name in --only; known cards: ${known.join(', ')}`);
  }
  const outDir = resolve(values.out);
  mkdirSync(outDir, { recursive: true });

  const require = createRequire(import.meta.url);
  const rendererSource = readFileSync(require.resolve('adaptivecards/dist/adaptivecards.min.js'), 'utf8');
  const browser = await chromium.launch({
    executablePath: values.chromium,
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--no-first-run'],
  });
  try {
    const page = await browser.newPage({ deviceScaleFactor: 2, viewport: { width: FULL_CARD_WIDTH + 48, height: 800 } });
    for (const { name, card } of cards) {
      await renderOne(page, rendererSource, card);
      const file = join(outDir, `${name}.png`);
      await page.locator('#card').screenshot({ path: file });
      process.stdout.write(`wrote ${file}\n`);
    }
  } finally {
    await browser.close();
  }
}

async function renderOne(page: import('playwright-core').Page, rendererSource: string, card: AdaptiveCard): Promise<void> {
  const width = (card.msteams as { width?: string } | undefined)?.width === 'Full' ? FULL_CARD_WIDTH : CHAT_CARD_WIDTH;
  await page.setContent(`<!doctype html><html><head><meta charset="utf-8"><style>${TEAMS_LIKE_CSS}</style></head>
    <body><div id="card" style="width:${width}px"></div></body></html>`);
  await page.addScriptTag({ content: rendererSource });
  // Runs in the page, where the renderer's global `AdaptiveCards` lives; a string keeps DOM types out of this Node project.
  const problem = await page.evaluate(`(() => {
    const card = new AdaptiveCards.AdaptiveCard();
    card.hostConfig = new AdaptiveCards.HostConfig(${JSON.stringify(TEAMS_LIGHT_HOST_CONFIG)});
    card.parse(${JSON.stringify(card)});
    const element = card.render();
    if (!element) return 'the renderer returned nothing';
    document.getElementById('card').appendChild(element);
    return '';
  })()`);
  if (problem) throw new Error(`Could not render the card: ${String(problem)}`);
  await page.evaluate('document.fonts.ready');
}

main().catch((error: unknown) => {
  process.stderr.write(`render-cards: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exitCode = 1;
});
