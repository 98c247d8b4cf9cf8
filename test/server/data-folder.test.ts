// The data folder: migrations, restarts, keys and their rotation, the staff token, and definition
// files that change after orders used them.
import { cp, mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { describeKeys, rotateEncryptionKey } from '../../src/server/keys.js';
import Database from 'better-sqlite3';
import { sql } from 'kysely';
import { openSqliteDatabase } from '../../src/server/store/dialect.js';
import { openSqliteStore } from '../../src/server/store/kysely-store.js';
import { appliedMigrations, migrateToLatest, registerMigrations } from '../../src/server/store/migrations.js';
import { claim, createOrder, newDevice, payloadFor, sealFor, startTestRegister, type TestRegister } from './setup.js';

let register: TestRegister;
let scratch: string;
beforeEach(async () => {
  register = await startTestRegister();
  scratch = await mkdtemp(path.join(tmpdir(), 'eprom-scratch-'));
});
afterEach(async () => {
  await register.close();
  await rm(scratch, { recursive: true, force: true });
});

const mode = async (file: string) => ((await stat(file)).mode & 0o777).toString(8);

describe('migrations', () => {
  test('applied twice are a no-op: the same schema and the same version', async () => {
    const { db, raw, dialect } = openSqliteDatabase(path.join(scratch, 'm.sqlite'));
    try {
      const schema = () => raw.prepare('SELECT type, name, sql FROM sqlite_master ORDER BY name').all();
      expect(await migrateToLatest(db, dialect)).toBe(registerMigrations.length);
      const once = schema();
      expect(await migrateToLatest(db, dialect)).toBe(registerMigrations.length);
      expect(schema()).toEqual(once);
      // The Migrator's bookkeeping (kysely_migration) in place of schema_version: every migration, once.
      expect(await appliedMigrations(db)).toEqual(registerMigrations.map((migration) => migration.name));
    } finally {
      await db.destroy();
    }
  });

  test('a database from a newer version is refused with a clear message', async () => {
    const file = path.join(scratch, 'newer.sqlite');
    const { db, dialect } = openSqliteDatabase(file);
    await migrateToLatest(db, dialect);
    await sql`insert into kysely_migration (name, timestamp) values ('9999-from-a-newer-version', '2099-01-01T00:00:00.000Z')`.execute(db);
    await db.destroy();
    await expect(openSqliteStore(file)).rejects.toThrow(/newer than this code knows/);
  });

  test('the store is in WAL mode', () => {
    const db = new Database(path.join(register.dataDir, 'register.sqlite'), { readonly: true });
    try {
      expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    } finally {
      db.close();
    }
  });
});

describe('restarting', () => {
  test('a restart keeps keys, orders and submissions', async () => {
    const device = await newDevice();
    const created = await createOrder(register);
    const order = await claim(register, created.accessCode, device);
    const payload = payloadFor(order);
    const first = await register.post('/api/submissions', { token: await sealFor(device, order, payload) });
    register = await register.restart();
    expect(await register.store.countSubmissions()).toBe(1);
    // The same receipt, and a claim by the same device still works: the keys and the code's pepper are the same.
    const again = await register.post('/api/submissions', { token: await sealFor(device, order, payload) });
    expect([again.status, again.json.receipt]).toEqual([200, first.json.receipt]);
    expect(await claim(register, created.accessCode, device)).toEqual({ ...order, serverTime: expect.any(String) });
    expect((await register.staff('GET', '/api/orders')).json.orders).toHaveLength(1);
  });

  test('after a key rotation, new orders use the new key and submissions sealed to the old one still open', async () => {
    const device = await newDevice();
    const older = await createOrder(register);
    const before = await claim(register, older.accessCode, device);
    const kid = await rotateEncryptionKey(register.dataDir);
    register = await register.restart();
    const newer = await claim(register, (await createOrder(register)).accessCode, device);
    expect(newer.encryptionKey.kid).toBe(kid);
    expect(newer.encryptionKey.kid).not.toBe(before.encryptionKey.kid);
    expect(newer.receiptKey).toEqual(before.receiptKey);
    // The older order still hands out the key its device seals to.
    expect((await claim(register, older.accessCode, device)).encryptionKey.kid).toBe(before.encryptionKey.kid);
    for (const order of [before, newer])
      expect((await register.post('/api/submissions', { token: await sealFor(device, order, payloadFor(order)) })).status).toBe(201);
    expect(await register.store.countSubmissions()).toBe(2);
    expect(describeKeys(register.dataDir).encryption.map((k) => k.kid)).toEqual([before.encryptionKey.kid, kid]);
    expect(await mode(path.join(register.dataDir, 'keys.json'))).toBe('600');
  });

  test('keys.json, the staff token, the database and the data folder are readable by the owner only', async () => {
    const fresh = await startTestRegister({ env: { STAFF_TOKEN: undefined } });
    let current = fresh;
    try {
      expect(await mode(path.join(fresh.dataDir, 'keys.json'))).toBe('600');
      expect(await mode(path.join(fresh.dataDir, 'staff-token'))).toBe('600');
      expect(await mode(path.join(fresh.dataDir, 'register.sqlite'))).toBe('600');
      expect(await mode(path.join(fresh.dataDir, 'register.sqlite-wal'))).toBe('600');
      expect(await mode(fresh.dataDir)).toBe('700');
      const token = (await readFile(path.join(fresh.dataDir, 'staff-token'), 'utf8')).trim();
      expect(fresh.newStaffToken).toBe(token);
      expect(token.length).toBeGreaterThanOrEqual(32);
      const keys = JSON.parse(await readFile(path.join(fresh.dataDir, 'keys.json'), 'utf8')) as {
        encryption: { kid: string }[];
        receipt: { kid: string };
      };
      expect(keys.encryption[0]?.kid).toMatch(/^[\w-]{43}$/);
      // Printed once: the next start reads it and has nothing new to print.
      current = await fresh.restart();
      expect([current.newStaffToken, current.staffToken]).toEqual([null, token]);
      const listed = await current.app.inject({ method: 'GET', url: '/api/orders', headers: { authorization: `Bearer ${token}` } });
      expect(listed.statusCode).toBe(200);
    } finally {
      await current.close();
    }
  });

  test('REGISTER_KEYS_FILE: keys given by configuration are used, and a missing file stops the start', async () => {
    const keysFile = path.join(scratch, 'register-keys.json');
    await cp(path.join(register.dataDir, 'keys.json'), keysFile);
    const device = await newDevice();
    const order = await claim(register, (await createOrder(register)).accessCode, device);
    const elsewhere = await startTestRegister({ env: { REGISTER_KEYS_FILE: keysFile } });
    try {
      const again = await claim(elsewhere, (await createOrder(elsewhere)).accessCode, device);
      expect(again.encryptionKey).toEqual(order.encryptionKey);
    } finally {
      await elsewhere.close();
    }
    await expect(startTestRegister({ env: { REGISTER_KEYS_FILE: path.join(scratch, 'nope.json') } })).rejects.toThrow(/does not exist/);
  });
});

describe('questionnaire files', () => {
  async function questionnairesCopy() {
    const folder = path.join(scratch, 'questionnaires');
    await cp(path.resolve('questionnaires'), folder, { recursive: true });
    return folder;
  }

  test('a published definition that changes afterwards: a warning at start, new orders for it refused, old orders keep the original', async () => {
    const folder = await questionnairesCopy();
    const changing = await startTestRegister({ env: { QUESTIONNAIRES_DIR: folder } });
    let current = changing;
    try {
      const device = await newDevice();
      const created = await createOrder(current);
      const file = path.join(folder, 'demo-wellbeing.json');
      const text = await readFile(file, 'utf8');
      const original = JSON.parse(text) as { title: Record<string, string> };
      await writeFile(file, JSON.stringify({ ...original, title: { ...original.title, en: 'Changed after publishing' } }));
      current = await changing.restart();
      expect(current.warnings).toEqual([expect.stringContaining('demo-wellbeing@1 has changed since orders first used it')]);
      expect(current.logs.join('')).toContain('demo-wellbeing@1 has changed');

      const refused = await current.staff('POST', '/api/orders', {
        patientRef: 'p2',
        questionnaires: ['norspis-outcome@1', 'demo-wellbeing@1'],
        measurementPoint: 'basis',
        validUntil: new Date(Date.now() + 1e7).toISOString(),
      });
      expect([refused.status, refused.json.error, refused.json.message]).toEqual([
        409,
        'definitionChanged',
        expect.stringContaining('needs a new version'),
      ]);
      // Nothing of the refused order was kept, not even the snapshot of its first questionnaire.
      expect(await current.store.getDefinition('norspis-outcome@1')).toBeUndefined();
      expect((await current.store.listOrders({})).length).toBe(1);

      const order = await claim(current, created.accessCode, device);
      expect(JSON.stringify(order.definitions[0])).not.toContain('Changed after publishing');
      expect((await current.post('/api/submissions', { token: await sealFor(device, order, payloadFor(order)) })).status).toBe(201);
    } finally {
      await current.close();
    }
  });

  test('a file that is not a valid definition is left out with a warning; the register still starts', async () => {
    const folder = await questionnairesCopy();
    await writeFile(path.join(folder, 'broken.json'), '{ "id": "broken", ');
    await writeFile(path.join(folder, 'published.json'), '{}');
    const started = await startTestRegister({ env: { QUESTIONNAIRES_DIR: folder } });
    try {
      expect(started.warnings).toEqual([expect.stringMatching(/^broken\.json is left out: it is not a valid definition/)]);
      expect((await createOrder(started)).accessCode).toBeTruthy();
    } finally {
      await started.close();
    }
  });
});
