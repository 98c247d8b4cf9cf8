// Moving a SQLite register to PostgreSQL (npm run register -- migrate-to-postgres): what the
// migrate*.test.ts files share. useMigratedRegister() builds a register through the real API on
// SQLite (completed, claimed, released and open orders, a tablet, failed claims), notes what it told
// devices and staff, stops it and copies it into a fresh PostgreSQL database with the command.
import { afterAll, beforeAll, describe, expect } from 'vitest';
import { runRegisterCli } from '../../src/cli/register.js';
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
import { makeAccount, signIn, signInRaw } from './staff-fixture.js';

export const describeOnPostgres = describe.skipIf(testStore !== 'postgres');

export async function migrateCli(dataDir: string, databaseUrl: string, extra: string[] = []) {
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

/** What the SQLite register told devices and staff, to hold the PostgreSQL one to. */
export interface Before {
  retry: { device: TestDevice; token: string; receipt: Record<string, unknown> };
  claimed: { code: string; device: TestDevice };
  released: { code: string };
  tabletToken: string;
  exportJson: string;
  exportCsv: string;
  orders: unknown;
}

export interface Migrated {
  sqlite: TestRegister;
  database: Awaited<ReturnType<typeof freshDatabase>>;
  before: Before;
  migrated: Awaited<ReturnType<typeof migrateCli>>;
  sourceBefore: ReturnType<typeof snapshotDatabase>;
}

/** Builds the register on SQLite through the API and returns what it answered. */
async function buildOnSqlite(sqlite: TestRegister): Promise<Before> {
  const before = {} as Before;
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

  // Staff: an account, its session, a failed sign-in; the audit trail holds the reads above and these.
  await makeAccount(sqlite, { username: 'kari', roles: ['clinician'], units: ['Poliklinikk A'] });
  await signIn(sqlite, 'kari');
  expect((await signInRaw(sqlite, { username: 'kari', password: 'not the password at all' })).status).toBe(401);

  before.exportJson = (await sqlite.staff('GET', '/api/export.json')).body;
  before.exportCsv = (await sqlite.staff('GET', '/api/export.csv?questionnaire=demo-wellbeing@1')).body;
  before.orders = (await sqlite.staff('GET', '/api/orders')).json;
  return before;
}

/** The SQLite register, built and moved in beforeAll; its fields are set when the tests run. */
export function useMigratedRegister(): Migrated {
  const state = {} as Migrated;
  beforeAll(async () => {
    state.sqlite = await startTestRegister({ store: 'sqlite' });
    state.before = await buildOnSqlite(state.sqlite);
    // Stopped, as the command asks; its folder (register.sqlite, keys.json) stays.
    await state.sqlite.app.close();
    state.sourceBefore = snapshotDatabase(state.sqlite.dataDir);

    state.database = await freshDatabase();
    state.migrated = await migrateCli(state.sqlite.dataDir, state.database.url, ['--progress-every', '2']);
  });

  afterAll(async () => {
    await state.sqlite?.close();
    await state.database?.drop();
  });
  return state;
}
