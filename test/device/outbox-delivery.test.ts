// The outbox delivers every sealed submission exactly once, whatever the network and the register
// do on the way: failed, timed-out and lost uploads, a tab closed mid-upload, calls at once.
import 'fake-indexeddb/auto';
import { describe, expect, test } from 'vitest';
import { completeAndSeal, createSyncEngine, listOutbox } from '../../src/device/index.js';
import type { Behaviour } from './fake-register.js';
import { answeredResponse, appVersion, claimedDevice, clock, sealedOnce, timedEngine } from './outbox-fixture.js';

describe('the outbox', () => {
  const failures: Behaviour[][] = [
    ['network'],
    ['timeout', 'timeout'],
    ['error500', 'busy503', 'error500'],
    ['lostAnswer'],
    ['lostAnswer', 'network', 'lostAnswer', 'error500'],
  ];

  for (const script of failures) {
    test(`delivers exactly once after: ${script.join(', ')}`, async () => {
      const { db, register, sealed } = await sealedOnce();
      register.fail(...script);
      const time = clock();
      const engine = timedEngine({ db, register }, time.now);
      for (let round = 0; round < 20; round++) {
        await engine.sendDue();
        time.advance(10 * 60_000);
      }
      const [row] = await listOutbox(db);
      expect(row).toMatchObject({ submissionId: sealed.submissionId, status: 'acknowledged', token: null, lastError: null });
      expect(row?.receipt?.receivedAt).toBe(register.stored.get(sealed.submissionId)?.receipt.receivedAt);
      expect(register.stored.size).toBe(1);
      expect(register.requestCount()).toBe(script.length + 1);
    });
  }

  test('a submission left "sending" by a closed tab is sent again, and stored once', async () => {
    const { db, register, sealed } = await sealedOnce();
    register.fail('lostAnswer');
    const engine = createSyncEngine({ db, client: register.client, isOnline: () => true, exclusive: (t) => t() });
    await engine.sendDue();
    await db.outbox.update(sealed.submissionId, { status: 'sending' }); // as if the tab closed mid-upload
    await createSyncEngine({ db, client: register.client, isOnline: () => true, exclusive: (t) => t() }).sendNow();
    expect((await listOutbox(db))[0]?.status).toBe('acknowledged');
    expect(register.stored.size).toBe(1);
  });

  test('two calls at once make one upload', async () => {
    const { db, register } = await sealedOnce();
    const engine = createSyncEngine({ db, client: register.client, isOnline: () => true, exclusive: (t) => t() });
    await Promise.all([engine.sendDue(), engine.sendDue(), engine.sendDue()]);
    expect(register.requestCount()).toBe(1);
  });

  test('many submissions under random failures: each is stored exactly once', async () => {
    const device = await claimedDevice();
    const behaviours: Behaviour[] = ['network', 'timeout', 'lostAnswer', 'error500', 'busy503', 'ok', 'ok'];
    let seed = 7;
    const random = () => (seed = (seed * 16807) % 2147483647) / 2147483647;
    const ids: string[] = [];
    for (let i = 0; i < 6; i++) {
      const response = await answeredResponse(device.db, device.definition, device.order.id, 20 + i);
      ids.push((await completeAndSeal(device.db, response.id, { appVersion })).submissionId);
    }
    for (let i = 0; i < 40; i++) device.register.fail(behaviours[Math.floor(random() * behaviours.length)] ?? 'ok');
    const time = clock();
    const engine = createSyncEngine({
      db: device.db,
      client: device.register.client,
      now: time.now,
      random,
      isOnline: () => true,
      exclusive: (t) => t(),
    });
    for (let round = 0; round < 100 && (await listOutbox(device.db)).some((r) => r.status !== 'acknowledged'); round++) {
      await engine.sendDue();
      time.advance(6 * 60_000);
    }
    expect((await listOutbox(device.db)).map((r) => r.status)).toEqual(Array(6).fill('acknowledged'));
    expect([...device.register.stored.keys()].sort()).toEqual([...ids].sort());
    expect(new Set([...device.register.stored.values()].map((s) => s.payload.answers.age)).size).toBe(6);
  });
});
