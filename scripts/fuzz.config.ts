/** vitest configuration for `npm run fuzz` (scripts/fuzz.ts), kept apart from the test suite. */
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  root: fileURLToPath(new URL('..', import.meta.url)),
  test: {
    include: ['scripts/fuzz.ts'],
    testTimeout: 24 * 3600 * 1000,
  },
});
