// A SQLite register moved to PostgreSQL (migrate-fixture.ts), then a row changed and one removed on
// the PostgreSQL side: the comparison no longer verifies, and names the tables that differ.
import path from 'node:path';
import pg from 'pg';
import { expect, test } from 'vitest';
import { verifyCopy } from '../../src/server/store/migrate.js';
import { describeOnPostgres, migrateCli, useMigratedRegister } from './migrate-fixture.js';
import { freshDatabase } from './postgres.js';

describeOnPostgres('migrate-to-postgres', () => {
  const state = useMigratedRegister();

  test('a copy whose rows differ from the SQLite register is not verified, table by table', async () => {
    const { sqlite, before } = state;
    const target = await freshDatabase();
    try {
      expect((await migrateCli(sqlite.dataDir, target.url)).code).toBe(0);
      expect((await verifyCopy(path.join(sqlite.dataDir, 'register.sqlite'), target.url)).isEqual).toBe(true);
      const client = new pg.Client({ connectionString: target.url });
      await client.connect();
      try {
        await client.query("UPDATE submissions SET answers = replace(answers, 'good', 'poor') WHERE submission_id = $1", [
          before.retry.receipt.submissionId,
        ]);
        await client.query('DELETE FROM claim_attempts WHERE id = (SELECT min(id) FROM claim_attempts)');
      } finally {
        await client.end();
      }
      const comparison = await verifyCopy(path.join(sqlite.dataDir, 'register.sqlite'), target.url);
      expect(comparison.isEqual).toBe(false);
      expect(comparison.tables.filter((table) => !table.isEqual).map((table) => table.name)).toEqual(['claim_attempts', 'submissions']);
      const submissions = comparison.tables.find((table) => table.name === 'submissions');
      expect(submissions?.source.rows).toBe(submissions?.target.rows);
    } finally {
      await target.drop();
    }
  });
});
