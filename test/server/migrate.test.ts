// Moving a SQLite register to PostgreSQL (npm run register -- migrate-to-postgres), the command
// itself: it copies every table and verifies it, leaves the SQLite file as it was, refuses a
// non-empty database and says what is wrong with its command line. The register on PostgreSQL
// afterwards is in migrate-register.test.ts, a copy that differs in migrate-verify.test.ts; the
// register they start from is built in migrate-fixture.ts.
import path from 'node:path';
import { expect, test } from 'vitest';
import { runRegisterCli } from '../../src/cli/register.js';
import { snapshotDatabase } from './db-snapshot.js';
import { describeOnPostgres, migrateCli, useMigratedRegister } from './migrate-fixture.js';
import { freshDatabase } from './postgres.js';
import { createOrder, startTestRegister } from './setup.js';

describeOnPostgres('migrate-to-postgres', () => {
  const state = useMigratedRegister();

  test('copies every table, verifies it, says which keys to configure, and leaves the SQLite file as it was', async () => {
    const { sqlite, migrated, sourceBefore } = state;
    expect(migrated.err).toBe('');
    expect(migrated.code).toBe(0);
    expect(migrated.out).toContain('Verified: every table holds the same rows');
    for (const table of [
      'definitions',
      'orders',
      'claim_attempts',
      'submissions',
      'enrolments',
      'tablets',
      'staff_accounts',
      'staff_sessions',
      'staff_links',
      'sign_in_attempts',
      'audit_log',
    ])
      expect(migrated.out).toMatch(new RegExp(`${table}\\s+\\d+ rows\\s+sha256 [0-9a-f]{64}\\s+same on both sides`));
    expect(migrated.out).toMatch(/orders\s+4 rows/);
    expect(migrated.out).toMatch(/submissions\s+2 rows/);
    // Progress every 2 rows of a table, and at its end.
    expect(migrated.out).toContain('orders: 2 of 4 rows copied');
    expect(migrated.out).toContain('orders: 4 of 4 rows copied');
    expect(migrated.out).toContain(`REGISTER_KEYS_FILE=${path.join(sqlite.dataDir, 'keys.json')}`);
    expect(migrated.out).not.toContain('WARNING');
    expect(snapshotDatabase(sqlite.dataDir)).toEqual(sourceBefore);
  });

  test('refuses a database that already holds a register, and writes nothing to it', async () => {
    const { sqlite, database } = state;
    const again = await migrateCli(sqlite.dataDir, database.url);
    expect(again.code).toBe(1);
    expect(again.err).toMatch(
      /^Refused: The PostgreSQL database at .* already holds a register \(\d+ definitions, \d+ orders, \d+ claim_attempts, \d+ submissions, 1 enrolments, 1 tablets, 1 staff_accounts, 1 staff_sessions, 1 staff_links, 1 sign_in_attempts, \d+ audit_log\)/,
    );
    expect(again.err).toContain('copies into an empty one only');

    const other = await freshDatabase();
    try {
      const started = await startTestRegister({ store: 'postgres', database: { url: other.url, drop: async () => undefined } });
      await createOrder(started);
      await started.close();
      const refused = await migrateCli(sqlite.dataDir, other.url);
      expect([refused.code, refused.err]).toEqual([1, expect.stringContaining('(1 definitions, 1 orders, 1 staff_links, 1 audit_log)')]);
    } finally {
      await other.drop();
    }
  });

  test('says what is wrong: no database named, no SQLite register, an unknown option', async () => {
    const { sqlite, database } = state;
    const unnamed = await runRegisterCli(
      ['migrate-to-postgres', '--data-dir', sqlite.dataDir],
      {},
      () => undefined,
      () => undefined,
    );
    expect(unnamed).toBe(2);
    const missing = await migrateCli(path.join(sqlite.dataDir, 'nowhere'), database.url);
    expect([missing.code, missing.err]).toEqual([1, expect.stringContaining('There is no SQLite register at')]);
    const wrong = await runRegisterCli(
      ['migrate-to-postgres', '--force'],
      {},
      () => undefined,
      () => undefined,
    );
    expect(wrong).toBe(2);
  });
});
