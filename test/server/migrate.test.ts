// Moving a SQLite register to PostgreSQL (npm run register -- migrate-to-postgres): a register built
// through the real API on SQLite, copied, and then run on PostgreSQL with the same keys. Devices and
// staff must not notice: a retried submission gets its receipt, a claimed order stays claimed, the
// export lists the same rows. The SQLite file is not changed; a non-empty database is refused; a
// copy that differs is not reported as verified.
import path from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { runRegisterCli } from '../../src/cli/register.js';
import { verifyCopy } from '../../src/server/store/migrate.js';
import { snapshotDatabase } from './db-snapshot.js';
import { freshDatabase } from './postgres.js';
import {
  claim,
  createOrder,
  newDevice,
  payloadFor,
  sealFor,
  startTestRegister,
  testStore,
  type TestDevice,
  type TestRegister,
} from './setup.js';

const describeOnPostgres = describe.skipIf(testStore !== 'postgres');

async function migrateCli(dataDir: string, databaseUrl: string, extra: string[] = []) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runRegisterCli(
    ['migrate-to-postgres', '--data-dir', dataDir, '--database-url', databaseUrl, ...extra],
    {},
    (t) => out.push(t),
    (t) => err.push(t),
  );
  return { code, out: out.join(''), err: err.join('') };
}

describeOnPostgres('migrate-to-postgres', () => {
  let sqlite: TestRegister;
  let database: Awaited<ReturnType<typeof freshDatabase>>;
  /** What the SQLite register told devices and staff, to hold the PostgreSQL one to. */
  const before = {} as {
    retry: { device: TestDevice; token: string; receipt: Record<string, unknown> };
    claimed: { code: string; device: TestDevice };
    released: { code: string };
    tabletToken: string;
    exportJson: string;
    exportCsv: string;
    orders: unknown;
  };
  let migrated: Awaited<ReturnType<typeof migrateCli>>;
  let sourceBefore: ReturnType<typeof snapshotDatabase>;

  beforeAll(async () => {
    sqlite = await startTestRegister({ store: 'sqlite' });
    // Completed: claimed, answered, receipted.
    const completedDevice = await newDevice();
    const completed = await claim(sqlite, (await createOrder(sqlite)).accessCode, completedDevice);
    const token = await sealFor(completedDevice, completed, payloadFor(completed));
    const first = await sqlite.post('/api/submissions', { token });
    expect(first.status).toBe(201);
    before.retry = { device: completedDevice, token, receipt: first.json };
    // Claimed, one of two questionnaires answered.
    const claimedDevice = await newDevice();
    const claimedCode = (await createOrder(sqlite, ['demo-wellbeing@1', 'norspis-outcome@1'])).accessCode;
    const claimedOrder = await claim(sqlite, claimedCode, claimedDevice);
    expect(
      (await sqlite.post('/api/submissions', { token: await sealFor(claimedDevice, claimedOrder, payloadFor(claimedOrder)) })).status,
    ).toBe(201);
    before.claimed = { code: claimedCode, device: claimedDevice };
    // Released after a claim.
    const releasedCode = (await createOrder(sqlite)).accessCode;
    const released = await claim(sqlite, releasedCode, await newDevice());
    expect((await sqlite.staff('POST', `/api/orders/${released.order.id}/release`)).status).toBe(200);
    before.released = { code: releasedCode };
    // Open, for a tablet's unit; a tablet enrolled; some wrong codes tried.
    await createOrder(sqlite, undefined, { unit: 'Poliklinikk A' });
    const enrolment = await sqlite.staff('POST', '/api/enrolments', { unit: 'Poliklinikk A' });
    before.tabletToken = String((await sqlite.post('/api/tablets', { code: String(enrolment.json.code) })).json.tabletToken);
    for (let i = 0; i < 3; i++)
      expect(
        (await sqlite.post('/api/claim', { code: 'AAAA-AAAA-AAAA', deviceKey: (await newDevice()).publicJwk }, { address: '10.9.9.9' }))
          .status,
      ).toBe(404);

    before.exportJson = (await sqlite.staff('GET', '/api/export.json')).body;
    before.exportCsv = (await sqlite.staff('GET', '/api/export.csv?questionnaire=demo-wellbeing@1')).body;
    before.orders = (await sqlite.staff('GET', '/api/orders')).json;
    // Stopped, as the command asks; its folder (register.sqlite, keys.json) stays.
    await sqlite.app.close();
    sourceBefore = snapshotDatabase(sqlite.dataDir);

    database = await freshDatabase();
    migrated = await migrateCli(sqlite.dataDir, database.url, ['--progress-every', '2']);
  });

  afterAll(async () => {
    await sqlite?.close();
    await database?.drop();
  });

  test('copies every table, verifies it, says which keys to configure, and leaves the SQLite file as it was', async () => {
    expect(migrated.err).toBe('');
    expect(migrated.code).toBe(0);
    expect(migrated.out).toContain('Verified: every table holds the same rows');
    for (const table of ['definitions', 'orders', 'claim_attempts', 'submissions', 'enrolments', 'tablets'])
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

  test('a register on PostgreSQL with the same keys: retries get their receipts, claims hold, staff see the same', async () => {
    const register = await startTestRegister({
      store: 'postgres',
      database: { url: database.url, drop: async () => undefined },
      env: { REGISTER_KEYS_FILE: path.join(sqlite.dataDir, 'keys.json') },
    });
    try {
      expect((await register.staff('GET', '/api/orders')).json).toEqual(before.orders);
      expect((await register.staff('GET', '/api/export.json')).body).toBe(before.exportJson);
      expect((await register.staff('GET', '/api/export.csv?questionnaire=demo-wellbeing@1')).body).toBe(before.exportCsv);

      // The device never heard its answer and sends the same sealed submission again.
      const retry = await register.post('/api/submissions', { token: before.retry.token });
      expect(retry.status).toBe(200);
      expect(retry.json).toEqual(before.retry.receipt);
      expect(await register.store.countSubmissions()).toBe(2);

      // The claimed order: another device is refused, its own device is let in again.
      const intruder = await register.post('/api/claim', { code: before.claimed.code, deviceKey: (await newDevice()).publicJwk });
      expect([intruder.status, intruder.json.error]).toEqual([409, 'orderClaimed']);
      expect((await register.post('/api/claim', { code: before.claimed.code, deviceKey: before.claimed.device.publicJwk })).status).toBe(
        200,
      );
      // The released order: a new device may claim it.
      expect((await register.post('/api/claim', { code: before.released.code, deviceKey: (await newDevice()).publicJwk })).status).toBe(
        200,
      );
      // The enrolled tablet still lists its unit's order.
      const listed = await register.app.inject({
        method: 'GET',
        url: '/api/tablets/orders',
        headers: { authorization: `Bearer ${before.tabletToken}` },
      });
      expect(listed.json().orders).toHaveLength(1);
      // The failed claims came along: the address that tried 3 wrong codes has 7 left, not 10.
      for (let i = 0; i < 7; i++)
        expect(
          (await register.post('/api/claim', { code: 'AAAA-AAAA-AAAA', deviceKey: (await newDevice()).publicJwk }, { address: '10.9.9.9' }))
            .status,
        ).toBe(404);
      expect(
        (await register.post('/api/claim', { code: 'AAAA-AAAA-AAAA', deviceKey: (await newDevice()).publicJwk }, { address: '10.9.9.9' }))
          .status,
      ).toBe(429);
      // New rows get new ids after the copied ones.
      expect((await createOrder(register)).accessCode).toBeTruthy();
    } finally {
      await register.close();
    }
  });

  test('refuses a database that already holds a register, and writes nothing to it', async () => {
    const again = await migrateCli(sqlite.dataDir, database.url);
    expect(again.code).toBe(1);
    expect(again.err).toMatch(
      /^Refused: The PostgreSQL database at .* already holds a register \(\d+ definitions, \d+ orders, \d+ claim_attempts, \d+ submissions, 1 enrolments, 1 tablets\)/,
    );
    expect(again.err).toContain('copies into an empty one only');

    const other = await freshDatabase();
    try {
      const started = await startTestRegister({ store: 'postgres', database: { url: other.url, drop: async () => undefined } });
      await createOrder(started);
      await started.close();
      const refused = await migrateCli(sqlite.dataDir, other.url);
      expect([refused.code, refused.err]).toEqual([1, expect.stringContaining('(1 definitions, 1 orders)')]);
    } finally {
      await other.drop();
    }
  });

  test('a copy whose rows differ from the SQLite register is not verified, table by table', async () => {
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

  test('says what is wrong: no database named, no SQLite register, an unknown option', async () => {
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
