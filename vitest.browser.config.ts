import { defineConfig } from 'vitest/config';

// Browser tests drive Debian's chromium against the production build (npm run build first).
export default defineConfig({
  test: {
    name: 'browser',
    environment: 'node',
    include: ['test/browser/**/*.test.ts'],
    fileParallelism: false,
    testTimeout: 90_000,
    hookTimeout: 90_000,
  },
});
