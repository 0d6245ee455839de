import { defineConfig } from 'vitest/config';

/** The long-running reliability suite: more generated cases, load and fault runs (npm run test:reliability). */
export default defineConfig({
  test: {
    include: ['tests/reliability/**/*.test.ts', 'tests/integration/service/import-records-fuzz.test.ts'],
    env: { VCOP_FUZZ_RUNS: '3000' },
    testTimeout: 900_000,
    hookTimeout: 120_000,
    maxWorkers: 1,
  },
});
