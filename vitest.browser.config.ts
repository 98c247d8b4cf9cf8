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
    // A poll waits for the page, the service worker and the register: on a loaded machine one second
    // (vitest's default) is not always enough for a step that takes a tenth of that on a quiet one.
    expect: { poll: { timeout: 15_000 } },
  },
});
