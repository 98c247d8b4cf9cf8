import { defineConfig } from 'vitest/config';
import react from '@vitejs/plugin-react';

export default defineConfig({
  plugins: [react()],
  define: { __APP_VERSION__: JSON.stringify('test') },
  test: {
    // A worker per core: vitest's default leaves one core free, which on CI's two-core machine means
    // one test file at a time (the unit tests took 596 s there; 338 s with both cores).
    maxWorkers: '100%',
    projects: [
      {
        extends: true,
        test: {
          name: 'node',
          environment: 'node',
          include: ['test/core/**/*.test.ts', 'test/cli/**/*.test.ts', 'test/device/**/*.test.ts', 'test/server/**/*.test.ts'],
          // Several endpoint instances, the move to PostgreSQL and lost connections need PostgreSQL: node-postgres runs them.
          exclude: ['test/server/instances*.test.ts', 'test/server/migrate*.test.ts', 'test/server/pg-connection*.test.ts'],
        },
      },
      {
        // The server tests again, on PostgreSQL (a throwaway cluster for the run), and the tests
        // with several endpoint instances over one database.
        extends: true,
        test: {
          name: 'node-postgres',
          environment: 'node',
          include: ['test/server/**/*.test.ts'],
          // On the SQLite file itself: its folder, its bytes.
          exclude: ['test/server/data-folder.test.ts', 'test/server/abuse-*.test.ts'],
          env: { REGISTER_TEST_STORE: 'postgres' },
          globalSetup: ['test/server/postgres.ts'],
        },
      },
      {
        extends: true,
        test: {
          name: 'dom',
          environment: 'jsdom',
          include: ['test/app/**/*.test.{ts,tsx}'],
          setupFiles: ['test/app/setup.ts'],
        },
      },
    ],
  },
});
