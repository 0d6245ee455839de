import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/**
 * The product's shared spec lives beside the repository (../shared/spec) on a developer's machine, but a
 * clean CI checkout may not have it. Tests read the shared file when it is there and the copy committed
 * under tests/fixtures/spec otherwise; tests/unit/support/spec-file.test.ts fails when the two differ.
 */
export const SHARED_SPEC_DIR = fileURLToPath(new URL('../../../shared/spec/', import.meta.url));
export const SPEC_COPIES_DIR = fileURLToPath(new URL('../fixtures/spec/', import.meta.url));

export function specFile(name: string): string {
  const shared = SHARED_SPEC_DIR + name;
  return existsSync(shared) ? shared : SPEC_COPIES_DIR + name;
}

/** One line of queries-examples.tsv: who asks, what, and the unit, metric and instant the answer must have. */
export interface QueryExample {
  persona: string;
  question: string;
  unit: string;
  metric: string;
  instant: string;
}

export function queryExamples(): QueryExample[] {
  return readFileSync(specFile('queries-examples.tsv'), 'utf8')
    .split('\n')
    .filter((row) => row.trim() !== '' && !row.startsWith('#'))
    .map((row) => {
      const [persona = '', question = '', unit = '', metric = '', instant = ''] = row.split('\t').map((cell) => cell.trim());
      return { persona, question, unit, metric, instant };
    });
}
