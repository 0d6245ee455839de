import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

/** biome.jsonc's lineWidth. The formatter breaks code to it but never a string, a regex or a comment: this holds those. */
const LINE_WIDTH = 140;
const ROOT = fileURLToPath(new URL('../../', import.meta.url));

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(path);
    return entry.name.endsWith('.ts') ? [path] : [];
  });
}

describe('the source', () => {
  it(`keeps every line of src within ${LINE_WIDTH} characters (break a long string with + or a join)`, () => {
    const long = sourceFiles(join(ROOT, 'src')).flatMap((file) =>
      readFileSync(file, 'utf8')
        .split('\n')
        .map((line, index) => ({ line, at: `${relative(ROOT, file)}:${index + 1}` }))
        .filter(({ line }) => [...line].length > LINE_WIDTH)
        .map(({ line, at }) => `${at} (${[...line].length})`),
    );
    expect(long).toEqual([]);
  });
});
