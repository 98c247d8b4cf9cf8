// A tablet set up as a shared device, and leaving that mode again.
import 'fake-indexeddb/auto';
import { expect, test } from 'vitest';
import { enrolSharedDevice, getSharedDevice, leaveSharedDevice } from '../../src/device/index.js';
import { createFakeRegister } from './fake-register.js';
import { freshDatabase, parsed } from './fixture.js';

const fast = 1_000;

test('set up with an enrolment code; leaving needs that same code, checked on the tablet', async () => {
  const db = freshDatabase();
  const register = await createFakeRegister(parsed());
  const result = await enrolSharedDevice(db, register.client, 'ABCD-EFGH-JKMN', 120, fast);
  expect(result.kind).toBe('enrolled');
  expect(await getSharedDevice(db)).toMatchObject({ unit: 'Test unit', idleSeconds: 120, deviceToken: 'tablet-token' });
  // The code itself is not kept, only a slow hash of it.
  expect(JSON.stringify(await db.settings.toArray())).not.toContain('ABCD');
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
  expect((await enrolSharedDevice(db, refusing, 'x', 120, fast)).kind).toBe('refused');
  const offline = {
    ...register.client,
    enrolTablet: async () => ({ kind: 'retry' as const, reason: 'network' as const, retryAfterMs: null, error: null }),
  };
  expect((await enrolSharedDevice(db, offline, 'x', 120, fast)).kind).toBe('unreachable');
  expect(await getSharedDevice(db)).toBeUndefined();
});
