import { copyFileSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { AppManifestUtils, type AppManifest } from '@microsoft/app-manifest';
import JSZip from 'jszip';
import { describe, expect, it } from 'vitest';
import { ICONS, PackageError, buildAppPackage, fillManifest, pngSize, readPackageOptions } from '../../../scripts/package-app.js';

const MANIFEST_DIR = fileURLToPath(new URL('../../../manifest/', import.meta.url));
const BOT_ID = '11111111-2222-3333-4444-555555555555';
const ENV = { MicrosoftAppId: BOT_ID, VCOP_PUBLIC_HOSTNAME: 'vcop-bot.example.police.uk' };

type Bot = {
  botId: string;
  scopes: string[];
  supportsFiles: boolean;
  commandLists: { scopes: string[]; commands: { title: string; description: string }[] }[];
};

function filledManifest(
  env: Record<string, string> = ENV,
): AppManifest & { bots: Bot[]; validDomains: string[]; $schema: string; id: string; developer: Record<string, string> } {
  const template = readFileSync(`${MANIFEST_DIR}manifest.json`, 'utf8');
  return fillManifest(template, readPackageOptions(env)) as ReturnType<typeof filledManifest>;
}

describe('the Teams manifest', () => {
  it('is on a manifest schema that @microsoft/app-manifest bundles, v1.17 or newer', () => {
    const schema = filledManifest().$schema;
    const version = /teams\/v1\.(\d+)\/MicrosoftTeams\.schema\.json$/.exec(schema);
    expect(Number(version?.[1])).toBeGreaterThanOrEqual(17);
    const bundled = fileURLToPath(
      new URL(
        `../../../node_modules/@microsoft/app-manifest/build/json-schemas/teams/v1.${version?.[1]}/MicrosoftTeams.schema.json`,
        import.meta.url,
      ),
    );
    expect(() => readFileSync(bundled)).not.toThrow();
  });

  it('passes the official schema offline once filled', async () => {
    expect(await AppManifestUtils.validateAgainstSchema(filledManifest())).toEqual([]);
  });

  it('the schema check is live: a wrong bot id fails it', async () => {
    const manifest = filledManifest();
    manifest.bots[0]!.botId = 'not-a-guid';
    const errors = await AppManifestUtils.validateAgainstSchema(manifest);
    expect(errors.some((e) => e.includes('/bots/0/botId'))).toBe(true);
  });

  it('fills the bot id, app id, domain and developer details from configuration', () => {
    const manifest = filledManifest({
      ...ENV,
      VCOP_TEAMS_APP_ID: 'aaaaaaaa-bbbb-cccc-dddd-eeeeeeeeeeee',
      VCOP_DEVELOPER_NAME: 'Example "Constabulary"',
    });
    expect(manifest.bots[0]!.botId).toBe(BOT_ID);
    expect(manifest.id).toBe('aaaaaaaa-bbbb-cccc-dddd-eeeeeeeeeeee');
    expect(manifest.validDomains).toEqual(['vcop-bot.example.police.uk']);
    expect(manifest.developer).toMatchObject({ name: 'Example "Constabulary"', privacyUrl: 'https://vcop-bot.example.police.uk/privacy' });
    expect(JSON.stringify(manifest)).not.toContain('${{');
  });

  it('has a personal, team and group chat bot with no files and the main commands', () => {
    const bot = filledManifest().bots[0]!;
    expect(bot.scopes).toEqual(['personal', 'team', 'groupChat']);
    expect(bot.supportsFiles).toBe(false);
    const personal = bot.commandLists.find((list) => list.scopes.includes('personal'))!.commands.map((c) => c.title);
    expect(personal).toEqual(
      expect.arrayContaining(['help', 'digest', 'my items', "my team's compliance this month", 'digest at 06:30', 'digest off']),
    );
    for (const command of bot.commandLists.flatMap((list) => list.commands)) {
      expect(command.title.length).toBeLessThanOrEqual(32);
      expect(command.description.length).toBeGreaterThan(0);
    }
  });
});

describe('readPackageOptions', () => {
  it('takes the bot id from MICROSOFT_APP_ID too, and uses it as the app id by default', () => {
    const options = readPackageOptions({ MICROSOFT_APP_ID: BOT_ID, VCOP_PUBLIC_HOSTNAME: 'bot.example.org' });
    expect(options).toMatchObject({
      BOT_ID,
      TEAMS_APP_ID: BOT_ID,
      PUBLIC_HOSTNAME: 'bot.example.org',
      DEVELOPER_WEBSITE_URL: 'https://bot.example.org/',
    });
    expect(options.APP_VERSION).toMatch(/^\d+\.\d+\.\d+$/);
  });

  it('names every wrong or missing variable at once', () => {
    let error: unknown;
    try {
      readPackageOptions({
        MicrosoftAppId: 'nope',
        VCOP_PUBLIC_HOSTNAME: 'https://bot.example.org/path',
        VCOP_PRIVACY_URL: 'http://insecure',
      });
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(PackageError);
    const problems = (error as PackageError).problems;
    expect(problems).toEqual([
      expect.stringMatching(/^MicrosoftAppId: must be a GUID/),
      expect.stringMatching(/^VCOP_PUBLIC_HOSTNAME: must be a host name only/),
      expect.stringMatching(/^VCOP_PRIVACY_URL: must be an https:\/\/ URL/),
    ]);
    expect(() => readPackageOptions({})).toThrow(/MicrosoftAppId: is required[\s\S]*VCOP_PUBLIC_HOSTNAME: is required/);
  });
});

describe('the icons', () => {
  it.each(ICONS.map((icon) => [icon.file, icon.width, icon.height] as const))('%s is %ix%i', (file, width, height) => {
    expect(pngSize(readFileSync(`${MANIFEST_DIR}${file}`))).toEqual({ width, height });
  });

  it('the outline icon has an alpha channel (transparent background)', () => {
    const png = readFileSync(`${MANIFEST_DIR}outline.png`);
    // IHDR colour type 6 is RGBA.
    expect(png.readUInt8(25)).toBe(6);
  });

  it('pngSize refuses a file that is not a PNG', () => {
    expect(() => pngSize(Buffer.from('GIF89a not a png at all'))).toThrow(/not a PNG/);
  });
});

describe('buildAppPackage', () => {
  it('zips exactly manifest.json and the two icons, with the filled manifest', async () => {
    const { zip } = await buildAppPackage(readPackageOptions(ENV));
    const archive = await JSZip.loadAsync(zip);
    expect(Object.keys(archive.files).sort()).toEqual(['color.png', 'manifest.json', 'outline.png']);
    const manifest = JSON.parse(await archive.file('manifest.json')!.async('string')) as { bots: Bot[] };
    expect(manifest.bots[0]!.botId).toBe(BOT_ID);
    expect(await archive.file('color.png')!.async('nodebuffer')).toEqual(readFileSync(`${MANIFEST_DIR}color.png`));
  });

  it('refuses icons of the wrong size, naming the file', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'vcop-manifest-'));
    copyFileSync(`${MANIFEST_DIR}manifest.json`, join(dir, 'manifest.json'));
    copyFileSync(`${MANIFEST_DIR}outline.png`, join(dir, 'color.png'));
    copyFileSync(`${MANIFEST_DIR}outline.png`, join(dir, 'outline.png'));
    await expect(buildAppPackage(readPackageOptions(ENV), dir)).rejects.toThrow(/color\.png is 32x32; Teams needs 192x192/);
  });

  it('makes the same bytes for the same configuration', async () => {
    const first = await buildAppPackage(readPackageOptions(ENV));
    const second = await buildAppPackage(readPackageOptions(ENV));
    expect(first.zip.equals(second.zip)).toBe(true);
  });
});
