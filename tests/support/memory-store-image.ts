import { randomUUID } from 'node:crypto';
import { readFile, rename, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { useEmptyClusterImage } from '../../src/store/connect.js';

/**
 * Run before every test file (vitest.config.ts `setupFiles`): PGlite's initdb takes 2-4 s for each in-memory store,
 * so the suite keeps one empty cluster's image in the machine's temporary folder, per PGlite version, and every
 * in-memory store of every file starts from it (src/store/connect.ts). Written once, by whichever file comes first
 * (atomically: a file being written is never read).
 */
const manifest = new URL('../../node_modules/@electric-sql/pglite/package.json', import.meta.url);
const { version } = JSON.parse(await readFile(manifest, 'utf8')) as { version: string };
const path = join(tmpdir(), `vcop-test-pglite-${version}-empty-cluster.tar`);

async function emptyClusterImage(): Promise<Blob> {
  const kept = await readFile(path).catch((error: NodeJS.ErrnoException) => {
    if (error.code === 'ENOENT') return null;
    throw error;
  });
  if (kept !== null) return new Blob([kept]);
  const seed = await PGlite.create('memory://');
  const image = await seed.dumpDataDir('none');
  await seed.close();
  const partial = `${path}.${randomUUID()}`;
  await writeFile(partial, Buffer.from(await image.arrayBuffer()));
  await rename(partial, path);
  return image;
}

useEmptyClusterImage(await emptyClusterImage());
