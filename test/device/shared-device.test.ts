// A tablet set up as a shared device, and leaving that mode again.
import 'fake-indexeddb/auto';
import { expect, test } from 'vitest';
import {
  completeAndSeal,
  createSyncEngine,
  enrolSharedDevice,
  findVaultOrder,
  getSharedDevice,
  leaveSharedDevice,
  listOutbox,
  listTabletOrders,
  openPatientVault,
  startResponse,
  type RegisterClient,
} from '../../src/device/index.js';
import { createFakeRegister } from './fake-register.js';
import { freshDatabase, parsed } from './fixture.js';
import { answeredResponse, appVersion, claimedDevice } from './outbox-fixture.js';

const fast = 1_000;

test('set up with an enrolment code; leaving needs that same code, checked on the tablet', async () => {
  const db = freshDatabase();
  const register = await createFakeRegister(parsed());
  const result = await enrolSharedDevice(db, register.client, { code: 'ABCD-EFGH-JKMN', idleSeconds: 120 }, fast);
  expect(result.kind).toBe('enrolled');
  expect(await getSharedDevice(db)).toMatchObject({ unit: 'Test unit', idleSeconds: 120, deviceToken: 'tablet-token' });
  // The code itself is not kept, only a slow hash of it.
  expect(JSON.stringify(await db.settings.toArray())).not.toContain('ABCD-EFGH-JKMN');
  expect(await leaveSharedDevice(db, 'WXYZ-WXYZ-WXYZ', fast)).toMatchObject({ error: 'unauthorized' });
  expect(await getSharedDevice(db)).toBeDefined();
  expect(await leaveSharedDevice(db, 'abcd efgh jkmn', fast)).toBe(true);
  expect(await getSharedDevice(db)).toBeUndefined();
});

test('an enrolment the register refuses, or cannot be reached for, sets nothing up', async () => {
  const db = freshDatabase();
  const register = await createFakeRegister(parsed());
  const refusing = {
    ...register.client,
    enrolTablet: async () => ({ kind: 'refused' as const, status: 404, error: { error: 'codeUnknown' as const, message: 'no' } }),
  };
  expect((await enrolSharedDevice(db, refusing, { code: 'x', idleSeconds: 120 }, fast)).kind).toBe('refused');
  const offline = {
    ...register.client,
    enrolTablet: async () => ({ kind: 'retry' as const, reason: 'network' as const, retryAfterMs: null, error: null }),
  };
  expect((await enrolSharedDevice(db, offline, { code: 'x', idleSeconds: 120 }, fast)).kind).toBe('unreachable');
  expect(await getSharedDevice(db)).toBeUndefined();
});

test("a revoked tablet is told so; enrolled again it keeps its patients' drafts and its outbox, which is still delivered", async () => {
  const { db, register, order, definition } = await claimedDevice();
  await enrolSharedDevice(db, register.client, { code: 'ABCD-EFGH-JKMN', idleSeconds: 300 }, fast);
  const first = await getSharedDevice(db);
  if (!first) throw new Error('not enrolled');
  // A patient's unfinished draft under their code, and another patient's answers sealed and waiting.
  const vault = await openPatientVault(first, 'PATIENT-CODE', fast);
  await startResponse(db, definition, 'en', order.id, vault);
  const sealed = await answeredResponse(db, definition, order.id);
  await completeAndSeal(db, sealed.id, { appVersion });

  const revoked = { kind: 'refused' as const, status: 401, error: { error: 'tabletRevoked' as const, message: 'revoked' } };
  const refusing: RegisterClient = { ...register.client, listUnitOrders: async () => revoked };
  expect(await listTabletOrders(refusing, first.deviceToken)).toEqual({ kind: 'revoked' });
  expect(await listTabletOrders(register.client, first.deviceToken)).toEqual({ kind: 'orders', orders: [] });

  const again: RegisterClient = {
    ...register.client,
    enrolTablet: async (_code, name) => ({ kind: 'ok', value: { tabletToken: `new-token-${name ?? ''}`, unit: 'Test unit' } }),
  };
  expect((await enrolSharedDevice(db, again, { code: 'NEWC-ODEN-EWCO', idleSeconds: 300, name: ' Venterom 2 ' }, fast)).kind).toBe(
    'enrolled',
  );
  const second = await getSharedDevice(db);
  expect(second).toMatchObject({ deviceToken: 'new-token-Venterom 2', vaultSalt: first.vaultSalt, idleSeconds: 300 });
  if (!second) throw new Error('not enrolled');
  expect(await findVaultOrder(db, await openPatientVault(second, 'PATIENT-CODE', fast))).toBe(order.id);
  // Leaving now takes the new code.
  expect(await leaveSharedDevice(db, 'ABCD-EFGH-JKMN', fast)).toMatchObject({ error: 'unauthorized' });

  expect((await listOutbox(db)).map((row) => row.status)).toEqual(['queued']);
  const report = await createSyncEngine({ db, client: register.client, isOnline: () => true, exclusive: (t) => t() }).sendDue();
  expect(report).toEqual({ acknowledged: 1, rejected: 0, waiting: 0 });
});
