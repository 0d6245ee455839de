import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/**
 * The product's shared spec lives beside the repository (../shared/spec) on a developer's machine, but a
 * clean CI checkout may not have it. Tests read the shared file when it is there and the copy committed
 * under tests/fixtures/spec otherwise; tests/unit/spec-copies.test.ts fails when the two differ.
 */
export const SHARED_SPEC_DIR = fileURLToPath(new URL('../../../shared/spec/', import.meta.url));
export const SPEC_COPIES_DIR = fileURLToPath(new URL('../fixtures/spec/', import.meta.url));

export function specFile(name: string): string {
  const shared = SHARED_SPEC_DIR + name;
  return existsSync(shared) ? shared : SPEC_COPIES_DIR + name;
}
