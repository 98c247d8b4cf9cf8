// A register made before the Kysely store (test/fixtures/register-v3: a SQLite file at
// schema_version 3, a PostgreSQL dump at schema_version 1, each with its keys and what the register
// answered while it was built), opened by this code: upgraded to the Migrator's bookkeeping with
// every row as it was, and working as it did for devices, tablets and staff.
import { readFileSync } from 'node:fs';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { z } from 'zod';
import { registerTables, type Digests } from '../../src/server/store/migrate-digest.js';
import { openSqliteStore } from '../../src/server/store/kysely-store.js';
import { registerMigrations } from '../../src/server/store/migrations.js';
import { claim, createOrder, newDevice, payloadFor, sealFor, startTestRegister, testStore, type TestRegister } from './setup.js';
import { copyOfFixture, digest, fixtures, withPg } from './upgrade-fixture.js';

const story = z.object({
  retry: z.object({ token: z.string(), receipt: z.record(z.string(), z.unknown()) }),
  claimed: z.object({
    code: z.string(),
    devicePublicJwk: z.object({ kty: z.literal('EC'), crv: z.literal('P-256'), x: z.string(), y: z.string() }),
  }),
  released: z.object({ code: z.string() }),
  open: z.object({ code: z.string() }),
  tabletToken: z.string(),
  orders: z.record(z.string(), z.unknown()),
  exportJson: z.string(),
  exportCsv: z.string(),
  submissionCount: z.number(),
});

/** Every start without an administrator makes a new first-administrator link: that table aside, a restart changes nothing. */
const restartTables = registerTables.filter((table) => table.name !== 'staff_links');

async function tables(register: TestRegister): Promise<string[]> {
  if (register.databaseUrl === undefined) {
    const db = new Database(path.join(register.dataDir, 'register.sqlite'), { readonly: true, fileMustExist: true });
    try {
      return z
        .array(z.object({ name: z.string() }))
        .parse(db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name").all())
        .map((row) => row.name);
    } finally {
      db.close();
    }
  }
  return withPg(register.databaseUrl, async (client) =>
    z
      .array(z.object({ table_name: z.string() }))
      .parse(
        (await client.query("SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' ORDER BY table_name")).rows,
      )
      .map((row) => row.table_name),
  );
}

/** The migrations the Migrator has recorded as run. */
async function migrationNames(register: TestRegister): Promise<string[]> {
  const rows = z.array(z.object({ name: z.string() }));
  if (register.databaseUrl === undefined) {
    const db = new Database(path.join(register.dataDir, 'register.sqlite'), { readonly: true, fileMustExist: true });
    try {
      return rows.parse(db.prepare('SELECT name FROM kysely_migration ORDER BY name').all()).map((row) => row.name);
    } finally {
      db.close();
    }
  }
  return withPg(register.databaseUrl, async (client) =>
    rows.parse((await client.query('SELECT name FROM kysely_migration ORDER BY name')).rows).map((row) => row.name),
  );
}

const expected = story.parse(JSON.parse(readFileSync(path.join(fixtures, 'story.json'), 'utf8')));
let register: TestRegister;
let before: Digests;

beforeAll(async () => {
  const copy = await copyOfFixture();
  before = copy.before;
  register = await startTestRegister(
    copy.database
      ? {
          store: 'postgres',
          dataDir: copy.dataDir,
          database: copy.database,
          env: { REGISTER_KEYS_FILE: path.join(copy.dataDir, 'keys.json') },
        }
      : { store: 'sqlite', dataDir: copy.dataDir },
  );
});
afterAll(async () => register?.close());

/** The exports have gained whether the device's scores differ (issue 17); the demo has no scores, so the rest is as before. */
async function expectSameExports(register: TestRegister) {
  const exported = z.object({ submissions: z.array(z.looseObject({ scoresDiffer: z.null() })) });
  const json = exported.parse(JSON.parse((await register.staff('GET', '/api/export.json')).body));
  expect(JSON.stringify({ submissions: json.submissions.map(({ scoresDiffer: _differ, ...rest }) => rest) })).toBe(expected.exportJson);
  const csv = (await register.staff('GET', '/api/export.csv?questionnaire=demo-wellbeing@1')).body.split('\r\n');
  const column = csv[0]?.split(',').indexOf('scores_differ') ?? -1;
  expect(column).toBeGreaterThan(0);
  // No cell before the column holds a comma (ids, times, the hash).
  const without = csv.map((line) =>
    line
      .split(',')
      .toSpliced(column, line === '' ? 0 : 1)
      .join(','),
  );
  expect(without.join('\r\n')).toBe(expected.exportCsv);
}

describe(`a ${testStore} register made before migration 0003`, () => {
  test('0003: the enrolment code made before keeps enrolling (50 uses left), the tablet is neither named, seen nor revoked', async () => {
    expect(await register.store.listTablets({})).toEqual([
      expect.objectContaining({ unit: 'Poliklinikk A', name: null, lastSeenAt: null, revokedAt: null }),
    ]);
    const query = 'SELECT uses_left FROM enrolments';
    let rows: unknown;
    if (register.databaseUrl === undefined) {
      const db = new Database(path.join(register.dataDir, 'register.sqlite'), { readonly: true, fileMustExist: true });
      try {
        rows = db.prepare(query).all();
      } finally {
        db.close();
      }
    } else rows = await withPg(register.databaseUrl, async (client) => (await client.query(query)).rows);
    expect(rows).toEqual([{ uses_left: 50 }]);
  });
});

describe(`a ${testStore} register made before the Kysely store`, () => {
  test('upgraded: the Migrator keeps the books instead of schema_version, and every row is there as it was', async () => {
    expect(before.get('orders')?.rows).toBe(4);
    expect(before.get('submissions')?.rows).toBe(expected.submissionCount);
    const after = await digest(register);
    expect(new Map([...after].filter(([name]) => before.has(name)))).toEqual(before);
    // The tables added since are there, and empty.
    for (const [name, table] of after) if (!before.has(name)) expect([name, table.rows]).toEqual([name, 0]);
    expect((await register.store.listOrders({})).map((order) => order.cancelledAt)).toEqual([null, null, null, null]);
    const names = await tables(register);
    expect(names).not.toContain('schema_version');
    expect(names).toEqual(
      expect.arrayContaining([
        'kysely_migration',
        'definitions',
        'orders',
        'claim_attempts',
        'submissions',
        'enrolments',
        'tablets',
        ...registerTables.map((table) => table.name),
      ]),
    );
    expect(await migrationNames(register)).toEqual(registerMigrations.map((migration) => migration.name));
  });

  test('staff see the same orders and the same exports', async () => {
    expect((await register.staff('GET', '/api/orders')).json).toEqual(expected.orders);
    await expectSameExports(register);
  });

  test('a resent submission gets the receipt it got before, and nothing is stored twice', async () => {
    const retry = await register.post('/api/submissions', { token: expected.retry.token });
    expect(retry.status).toBe(200);
    expect(retry.json).toEqual(expected.retry.receipt);
    expect(await register.store.countSubmissions()).toBe(expected.submissionCount);
  });

  test('the claimed order refuses another device and lets its own in; the released and the open order can be claimed', async () => {
    const intruder = await register.post('/api/claim', { code: expected.claimed.code, deviceKey: (await newDevice()).publicJwk });
    expect([intruder.status, intruder.json.error]).toEqual([409, 'orderClaimed']);
    expect((await register.post('/api/claim', { code: expected.claimed.code, deviceKey: expected.claimed.devicePublicJwk })).status).toBe(
      200,
    );
    expect((await register.post('/api/claim', { code: expected.released.code, deviceKey: (await newDevice()).publicJwk })).status).toBe(
      200,
    );
    expect(
      (await register.post('/api/claim', { code: expected.open.code, deviceKey: (await newDevice()).publicJwk }, { address: '10.3.3.3' }))
        .status,
    ).toBe(200);
  });

  test("the enrolled tablet lists its unit's orders", async () => {
    const listed = await register.app.inject({
      method: 'GET',
      url: '/api/tablets/orders',
      headers: { authorization: `Bearer ${expected.tabletToken}` },
    });
    expect(listed.statusCode).toBe(200);
    expect(
      z
        .object({ orders: z.array(z.object({ patientRef: z.string() })) })
        .parse(listed.json())
        .orders.map((o) => o.patientRef),
    ).toEqual(['pseudo-7']);
  });

  test('new orders and submissions work after the upgrade, and a restart migrates nothing', async () => {
    const device = await newDevice();
    const claimed = await claim(register, (await createOrder(register)).accessCode, device);
    expect((await register.post('/api/submissions', { token: await sealFor(device, claimed, payloadFor(claimed)) })).status).toBe(201);
    const beforeRestart = await digest(register, restartTables);
    register = await register.restart();
    expect(await digest(register, restartTables)).toEqual(beforeRestart);
    expect(await migrationNames(register)).toEqual(registerMigrations.map((migration) => migration.name));
    expect(await register.store.countSubmissions()).toBe(expected.submissionCount + 1);
  });
});

describe.skipIf(testStore !== 'sqlite')('a SQLite register at schema_version 1', () => {
  test('gets the steps it missed (units, tablets, the signing device per submission, releases) and is adopted', async () => {
    const dataDir = await mkdtemp(path.join(tmpdir(), 'eprom-upgrade-v1-'));
    const file = path.join(dataDir, 'register.sqlite');
    const device = await newDevice();
    const old = new Database(file);
    old.exec(await readFile(path.resolve(import.meta.dirname, '../fixtures/register-v3/sqlite-v1-schema.sql'), 'utf8'));
    old.exec('CREATE TABLE schema_version (version INTEGER NOT NULL); INSERT INTO schema_version (version) VALUES (1)');
    old
      .prepare(
        `INSERT INTO orders VALUES ('o1', 'pseudo-1', 'basis', '[{"key":"demo-wellbeing@1","hash":"h"}]', '2026-01-01T00:00:00.000Z',
          '2099-01-01T00:00:00.000Z', '2026-01-01T00:00:00.000Z', 'code-1', 'kid-1', ?, 'thumb-1', '2026-01-02T00:00:00.000Z')`,
      )
      .run(JSON.stringify(device.publicJwk));
    old
      .prepare(
        `INSERT INTO submissions VALUES ('s1', 'o1', 'demo-wellbeing@1', 'h', 'token', 'sha256-t', 'sha256-p', '{}', NULL, NULL, '[]', 'nb',
          '2026-01-02T00:00:00.000Z', '2026-01-02T00:01:00.000Z', 'test', '2026-01-02T00:02:00.000Z', 'receipt')`,
      )
      .run();
    old.close();
    const store = await openSqliteStore(file);
    try {
      expect(await store.getOrder('o1')).toMatchObject({ unit: null, releasedAt: null, deviceThumbprint: 'thumb-1' });
      expect(await store.getSubmission('s1')).toMatchObject({
        deviceThumbprint: 'thumb-1',
        deviceKey: device.publicJwk,
      });
      expect(await store.insertTablet({ id: 't1', unit: 'A', tokenHash: 'th', enrolledAt: '2026-01-03T00:00:00.000Z' })).toBe(true);
    } finally {
      await store.close();
    }
    const upgraded = new Database(file, { readonly: true });
    try {
      expect(upgraded.prepare('SELECT name FROM kysely_migration ORDER BY name').all()).toEqual(
        registerMigrations.map(({ name }) => ({ name })),
      );
      expect(upgraded.prepare("SELECT name FROM sqlite_master WHERE name = 'schema_version'").all()).toEqual([]);
    } finally {
      upgraded.close();
      await rm(dataDir, { recursive: true, force: true });
    }
  });
});
