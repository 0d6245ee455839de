import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['tests/**/*.test.ts'],
    exclude: ['tests/reliability/**', 'node_modules/**'],
    // In-memory PGlite stores start from one empty cluster's image instead of running initdb each (a second or more).
    setupFiles: ['tests/support/memory-store-image.ts'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    // PGlite instances are memory-hungry WASM; keep parallelism modest on 2-core machines.
    maxWorkers: 2,
  },
});
