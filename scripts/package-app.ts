/**
 * Builds the Teams app package a Teams admin uploads: manifest/manifest.json with the bot id,
 * app id, public host name and developer details filled from the environment, checked against
 * Microsoft's manifest schema (bundled in @microsoft/app-manifest, no network), plus the two icons.
 *
 *   npm run package -- [--out build/vcop-teams-app.zip]
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { AppManifestUtils, type AppManifest } from '@microsoft/app-manifest';
import JSZip from 'jszip';

const HELP = `Usage: npm run package -- [--out <file>]

Writes the Teams app package (manifest.json + color.png + outline.png) for a Teams admin to upload.

Options:
  --out <file>   where to write the zip (default: build/vcop-teams-app.zip)
  --help         show this help

Environment:
  MicrosoftAppId (or MICROSOFT_APP_ID)   the bot's Microsoft app id (GUID), required
  VCOP_PUBLIC_HOSTNAME                   host name the bot is reached at, e.g. vcop-bot.example.police.uk, required
  VCOP_TEAMS_APP_ID                      the Teams app's own id (GUID); defaults to the bot's app id
  VCOP_APP_VERSION                       app version (semver); defaults to package.json's version
  VCOP_DEVELOPER_NAME                    publisher shown in Teams (32 characters at most); default "Victims' Code compliance"
  VCOP_DEVELOPER_WEBSITE_URL             https URL; default https://<host>/
  VCOP_PRIVACY_URL                       https URL; default https://<host>/privacy
  VCOP_TERMS_URL                         https URL; default https://<host>/terms
`;

const ROOT = fileURLToPath(new URL('../', import.meta.url));
const MANIFEST_DIR = resolve(ROOT, 'manifest');
export const DEFAULT_PACKAGE_PATH = resolve(ROOT, 'build/vcop-teams-app.zip');

/** Icon files and the sizes Teams requires of them. */
export const ICONS = [
  { file: 'color.png', width: 192, height: 192 },
  { file: 'outline.png', width: 32, height: 32 },
] as const;

/** The values that fill the `${{NAME}}` placeholders of manifest/manifest.json (the Teams Toolkit convention). */
export interface PackageOptions {
  BOT_ID: string;
  TEAMS_APP_ID: string;
  PUBLIC_HOSTNAME: string;
  APP_VERSION: string;
  DEVELOPER_NAME: string;
  DEVELOPER_WEBSITE_URL: string;
  DEVELOPER_PRIVACY_URL: string;
  DEVELOPER_TERMS_URL: string;
}

export class PackageError extends Error {
  constructor(readonly problems: string[]) {
    super(`Cannot build the Teams app package:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'PackageError';
  }
}

const GUID = /^[0-9a-fA-F]{8}-([0-9a-fA-F]{4}-){3}[0-9a-fA-F]{12}$/;
const HOSTNAME = /^(?=.{1,253}$)([a-zA-Z0-9]([a-zA-Z0-9-]{0,61}[a-zA-Z0-9])?)(\.[a-zA-Z0-9]([a-zA-Z0-9-]{0,61}[a-zA-Z0-9])?)+$/;
const SEMVER = /^\d+\.\d+\.\d+$/;

/** Reads and checks the settings; every problem is reported at once, naming the variable to fix. */
export function readPackageOptions(env: Record<string, string | undefined> = process.env): PackageOptions {
  const problems: string[] = [];
  const value = (key: string) => (env[key] === '' ? undefined : env[key]);
  const botId = value('MicrosoftAppId') ?? value('MICROSOFT_APP_ID');
  if (!botId) problems.push("MicrosoftAppId: is required (the bot's Microsoft app id from its Azure Bot registration)");
  else if (!GUID.test(botId)) problems.push(`MicrosoftAppId: must be a GUID (got '${botId}')`);
  const appId = value('VCOP_TEAMS_APP_ID') ?? botId ?? '';
  if (value('VCOP_TEAMS_APP_ID') && !GUID.test(appId)) problems.push(`VCOP_TEAMS_APP_ID: must be a GUID (got '${appId}')`);
  const host = value('VCOP_PUBLIC_HOSTNAME');
  if (!host) problems.push('VCOP_PUBLIC_HOSTNAME: is required (the host name the bot is reached at, e.g. vcop-bot.example.police.uk)');
  else if (!HOSTNAME.test(host))
    problems.push(`VCOP_PUBLIC_HOSTNAME: must be a host name only, without https:// or a path (got '${host}')`);
  const version = value('VCOP_APP_VERSION') ?? packageVersion();
  if (!SEMVER.test(version)) problems.push(`VCOP_APP_VERSION: must be a version like 1.2.3 (got '${version}')`);
  const developerName = value('VCOP_DEVELOPER_NAME') ?? "Victims' Code compliance";
  if (developerName.length > 32) problems.push(`VCOP_DEVELOPER_NAME: must be 32 characters at most (got ${developerName.length})`);
  const url = (key: string, fallbackPath: string) => {
    const given = value(key);
    if (given !== undefined && !/^https:\/\/\S+$/.test(given)) problems.push(`${key}: must be an https:// URL (got '${given}')`);
    return given ?? `https://${host ?? 'localhost'}${fallbackPath}`;
  };
  const options: PackageOptions = {
    BOT_ID: botId ?? '',
    TEAMS_APP_ID: appId,
    PUBLIC_HOSTNAME: host ?? '',
    APP_VERSION: version,
    DEVELOPER_NAME: developerName,
    DEVELOPER_WEBSITE_URL: url('VCOP_DEVELOPER_WEBSITE_URL', '/'),
    DEVELOPER_PRIVACY_URL: url('VCOP_PRIVACY_URL', '/privacy'),
    DEVELOPER_TERMS_URL: url('VCOP_TERMS_URL', '/terms'),
  };
  if (problems.length > 0) throw new PackageError(problems);
  return options;
}

function packageVersion(): string {
  return (JSON.parse(readFileSync(resolve(ROOT, 'package.json'), 'utf8')) as { version: string }).version;
}

/**
 * Replaces every `${{NAME}}` of the template. Values are JSON-escaped before they go in, so a quote in a
 * developer name cannot break the manifest; a placeholder with no value is an error, not left behind.
 */
export function fillManifest(templateText: string, options: PackageOptions): AppManifest {
  const unknown = new Set<string>();
  const filled = templateText.replace(/\$\{\{([A-Z_]+)\}\}/g, (_match, name: string) => {
    const value = (options as unknown as Record<string, string | undefined>)[name];
    if (value === undefined) {
      unknown.add(name);
      return '';
    }
    return JSON.stringify(value).slice(1, -1);
  });
  if (unknown.size > 0)
    throw new PackageError([...unknown].map((name) => `manifest/manifest.json uses \${{${name}}} but nothing fills it`));
  return JSON.parse(filled) as AppManifest;
}

/** Width and height from a PNG's IHDR chunk; an error if the file is not a PNG. */
export function pngSize(png: Buffer): { width: number; height: number } {
  const signature = '89504e470d0a1a0a';
  if (png.length < 24 || png.subarray(0, 8).toString('hex') !== signature || png.subarray(12, 16).toString('ascii') !== 'IHDR') {
    throw new Error('not a PNG file');
  }
  return { width: png.readUInt32BE(16), height: png.readUInt32BE(20) };
}

/** A fixed file date keeps the zip byte-identical for the same inputs. */
const ZIP_DATE = new Date('2026-01-01T00:00:00Z');

export interface AppPackage {
  manifest: AppManifest;
  zip: Buffer;
}

/** Fills, validates and zips. Throws a PackageError listing every schema error or wrong icon. */
export async function buildAppPackage(options: PackageOptions, manifestDir = MANIFEST_DIR): Promise<AppPackage> {
  const manifest = fillManifest(readFileSync(resolve(manifestDir, 'manifest.json'), 'utf8'), options);
  const problems = (await AppManifestUtils.validateAgainstSchema(manifest)).map((error) => `manifest.json${error}`);
  const zip = new JSZip();
  zip.file('manifest.json', `${JSON.stringify(manifest, null, 2)}\n`, { date: ZIP_DATE });
  for (const icon of ICONS) {
    const png = readFileSync(resolve(manifestDir, icon.file));
    const size = pngSize(png);
    if (size.width !== icon.width || size.height !== icon.height) {
      problems.push(`manifest/${icon.file} is ${size.width}x${size.height}; Teams needs ${icon.width}x${icon.height}`);
    }
    zip.file(icon.file, png, { date: ZIP_DATE });
  }
  if (problems.length > 0) throw new PackageError(problems);
  const bytes = await zip.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE' });
  return { manifest, zip: bytes };
}

async function main(argv: string[]): Promise<void> {
  const { values } = parseArgs({ args: argv, options: { out: { type: 'string' }, help: { type: 'boolean', default: false } } });
  if (values.help) {
    process.stdout.write(HELP);
    return;
  }
  const options = readPackageOptions();
  const appPackage = await buildAppPackage(options);
  const out = resolve(values.out ?? DEFAULT_PACKAGE_PATH);
  mkdirSync(dirname(out), { recursive: true });
  writeFileSync(out, appPackage.zip);
  process.stdout.write(`wrote ${out} (Teams app ${options.TEAMS_APP_ID}, bot ${options.BOT_ID}, ${options.PUBLIC_HOSTNAME})\n`);
}

if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) {
  main(process.argv.slice(2)).catch((error: unknown) => {
    process.stderr.write(`package: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exitCode = 1;
  });
}
