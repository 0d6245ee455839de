import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { SHARED_SPEC_DIR, SPEC_COPIES_DIR } from '../../support/spec-file.js';

describe('the copies of the shared spec used by tests', () => {
  it.skipIf(!existsSync(SHARED_SPEC_DIR))('are identical to ../shared/spec (refresh them with cp when the spec changes)', () => {
    const copies = readdirSync(SPEC_COPIES_DIR);
    expect(copies.length).toBeGreaterThan(0);
    for (const name of copies) {
      expect(readFileSync(SPEC_COPIES_DIR + name, 'utf8'), name).toBe(readFileSync(SHARED_SPEC_DIR + name, 'utf8'));
    }
  });
});
