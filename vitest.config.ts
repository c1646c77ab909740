import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // CLI tests start real processes; on a loaded 2-core machine one can take seconds. These are
    // limits against hangs, not speed assertions.
    testTimeout: 60_000,
    hookTimeout: 60_000,
  },
});
