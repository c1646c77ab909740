import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    // Tests never assert on wall time (STYLE.md), and vitest's default 5 s timeout is one: on the
    // shared 2-core machine the CLI tests, which start several processes each, took 5-7 s under load.
    testTimeout: 60_000,
  },
});
