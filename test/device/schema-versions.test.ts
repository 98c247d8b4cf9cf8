import 'fake-indexeddb/auto';
import { Dexie } from 'dexie';
import { describe, expect, it } from 'vitest';
import {
  declaredVersions,
  getAnswers,
  getResponse,
  getSharedDevice,
  listOutbox,
  nextDue,
  openDeviceDatabase,
  schemaVersions,
  setAnswer,
} from '../../src/device/index.js';

describe('the device schema', () => {
  it('is a list of versions that only grows: 1, 2, 3, …', () => {
    expect(schemaVersions.map((v) => v.version)).toEqual(schemaVersions.map((_, i) => i + 1));
  });

  it('keeps shipped versions as they shipped', () => {
    // Devices already hold these; change the schema by appending a version instead.
    expect(schemaVersions[0]?.stores).toEqual({
      definitions: 'key',
      responses: 'id, definitionKey, status, updatedAt',
      answers: '[responseId+itemId], responseId',
    });
  });

  it('declares to Dexie only the versions with an upgrade and the newest, each with every table as of then', () => {
    const declared = declaredVersions();
    expect(declared.map((v) => v.version)).toEqual(
      schemaVersions.filter((v, i) => v.upgrade || i === schemaVersions.length - 1).map((v) => v.version),
    );
    expect(declared.at(-1)?.stores).toEqual(Object.assign({}, ...schemaVersions.map((v) => v.stores)));
    // Version 2 as it shipped: version 1's tables, with responses indexed by order.
    expect(declared[0]).toMatchObject({ version: 2, stores: { definitions: 'key', answers: '[responseId+itemId], responseId' } });
  });

  it('opens at the newest version, under the default name unless told otherwise', async () => {
    const db = openDeviceDatabase(`test-${crypto.randomUUID()}`);
    await db.open();
    expect(db.verno).toBe(schemaVersions.at(-1)?.version);
    expect(db.tables.map((t) => t.name).sort()).toEqual([
      'answers',
      'definitions',
      'deviceKeys',
      'orders',
      'outbox',
      'progress',
      'responses',
      'settings',
    ]);
    db.close();
    expect(openDeviceDatabase().name).toBe('eprom');
  });
});

/** A database as version `version` of the app left it, upgrades included. */
function databaseAt(name: string, version: number): Dexie {
  const old = new Dexie(name);
  for (const { version: v, stores, upgrade } of schemaVersions.filter((s) => s.version <= version)) {
    const declared = old.version(v).stores({ ...stores });
    if (upgrade) declared.upgrade(upgrade);
  }
  return old;
}

/** Outbox rows in every state, as version 4 stored them. */
function outboxRows() {
  const row = (id: number, fields: Record<string, unknown>) => ({
    submissionId: `00000000-0000-4000-8000-00000000000${id}`,
    orderId: 'o1',
    responseId: `r${id}`,
    definitionKey: 'demo@1',
    status: 'queued',
    token: 'jwe',
    attempts: 0,
    nextAttemptAt: null,
    waitingFor: null,
    lastError: null,
    receipt: null,
    createdAt: `2026-10-01T10:0${id}:00.000Z`,
    updatedAt: `2026-10-01T10:0${id}:00.000Z`,
    ...fields,
  });
  return [
    row(1, {
      status: 'acknowledged',
      token: null,
      receipt: { receivedAt: '2026-10-01T10:01:01.000Z', storedHash: 'sha256-x', receipt: 'jws' },
    }),
    row(2, { nextAttemptAt: '2026-10-01T12:00:00.000Z', waitingFor: 'failure', attempts: 1 }),
    row(3, { nextAttemptAt: '2026-10-01T11:00:00.000Z' }),
    row(4, { nextAttemptAt: '2026-10-01T11:00:00.000Z' }),
    row(5, { status: 'rejected', lastError: { error: 'badRequest', message: 'no' } }),
  ];
}

describe('the device schema, upgrading a device', () => {
  it('migrates a device on version 1: its response in progress resumes with every answer, outside any order', async () => {
    const name = `test-${crypto.randomUUID()}`;
    // The database as version 1 of the app left it.
    const old = new Dexie(name);
    old.version(1).stores(schemaVersions[0]?.stores ?? {});
    const at = '2026-10-01T10:00:00.000Z';
    await old.table('responses').add({
      id: 'r1',
      definitionKey: 'demo@1',
      definitionHash: 'sha256-x',
      status: 'in-progress',
      pageIndex: 2,
      onReview: false,
      language: 'nn',
      startedAt: at,
      updatedAt: at,
      completedAt: null,
    });
    await old.table('answers').add({ responseId: 'r1', itemId: 'q1', answer: { value: 'yes' }, answeredAt: at });
    old.close();

    const db = openDeviceDatabase(name);
    expect(await getResponse(db, 'r1')).toMatchObject({ id: 'r1', orderId: null, pageIndex: 2, language: 'nn' });
    expect(await getAnswers(db, 'r1')).toEqual({ q1: { value: 'yes' } });
    await setAnswer(db, 'r1', 'q2', { value: 3 });
    expect(await getAnswers(db, 'r1')).toEqual({ q1: { value: 'yes' }, q2: { value: 3 } });
    db.close();
  });

  it('migrates a device on version 4: its outbox is kept whole and the next due submission is found by index', async () => {
    const name = `test-${crypto.randomUUID()}`;
    // The database as version 4 of the app left it, upgrades included.
    const old = databaseAt(name, 4);
    const rows = outboxRows();
    await old.table('outbox').bulkAdd(rows);
    old.close();

    const db = openDeviceDatabase(name);
    expect(await listOutbox(db)).toEqual(rows);
    expect(await nextDue(db, Date.parse('2026-10-01T10:59:59.999Z'))).toBeUndefined();
    // Due at the same time: the older first.
    expect((await nextDue(db, Date.parse('2026-10-01T11:00:00.000Z')))?.responseId).toBe('r3');
    await db.outbox.update(rows[2]!.submissionId, { status: 'sending' });
    expect((await nextDue(db, Date.parse('2026-10-01T11:30:00.000Z')))?.responseId).toBe('r4');
    await db.outbox.update(rows[3]!.submissionId, { status: 'acknowledged', nextAttemptAt: null });
    expect(await nextDue(db, Date.parse('2026-10-01T11:30:00.000Z'))).toBeUndefined();
    expect((await nextDue(db, Date.parse('2026-10-01T12:00:00.000Z')))?.responseId).toBe('r2');
    db.close();
  });

  it('migrates a tablet on version 5: its unit, stored twice, becomes the one field unit', async () => {
    const name = `test-${crypto.randomUUID()}`;
    // The database as version 5 of the app left it, upgrades included.
    const old = databaseAt(name, 5);
    const stored = {
      id: 'shared-device',
      unitId: 'Poliklinikk Nord',
      unitName: 'Poliklinikk Nord',
      deviceToken: 'tablet-token',
      vaultSalt: 'c2FsdHNhbHRzYWx0c2FsdA',
      idleSeconds: 120,
      leaveVerifier: 'dmVyaWZpZXJ2ZXJpZmllcg',
      enrolledAt: '2026-10-01T10:00:00.000Z',
    };
    await old.table('settings').add(stored);
    old.close();

    const db = openDeviceDatabase(name);
    const { unitId: _id, unitName: _name, ...rest } = stored;
    expect(await getSharedDevice(db)).toEqual({ ...rest, unit: 'Poliklinikk Nord' });
    db.close();
  });
});
