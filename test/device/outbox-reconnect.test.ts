// The outbox offline and back online: nothing is attempted without the network, and coming back
// sends at once what only the network held back, but not what the register asked to wait for.
import 'fake-indexeddb/auto';
import { describe, expect, test } from 'vitest';
import { completeAndSeal, createSyncEngine, listOutbox } from '../../src/device/index.js';
import type { Behaviour } from './fake-register.js';
import { answeredResponse, appVersion, clock, sealedOnce, timedEngine } from './outbox-fixture.js';

describe('the outbox', () => {
  test('offline, nothing is attempted and the submission waits for the network; back online, it is delivered', async () => {
    const { db, register } = await sealedOnce();
    let isOnline = false;
    const engine = createSyncEngine({ db, client: register.client, isOnline: () => isOnline, exclusive: (t) => t() });
    await engine.sendDue();
    expect(register.requestCount()).toBe(0);
    expect((await listOutbox(db))[0]).toMatchObject({ status: 'queued', waitingFor: 'network' });
    isOnline = true;
    await engine.sendDue();
    expect((await listOutbox(db))[0]?.status).toBe('acknowledged');
  });

  for (const { script, isSentAtOnce } of [
    { script: Array<Behaviour>(8).fill('network'), isSentAtOnce: true },
    { script: ['network', 'timeout', 'timeout'] satisfies Behaviour[], isSentAtOnce: true },
    { script: ['network', 'busy503'] satisfies Behaviour[], isSentAtOnce: false }, // the register asked for 30 s
    { script: ['network', 'error500'] satisfies Behaviour[], isSentAtOnce: false }, // the network is not what failed
  ]) {
    test(`back online after ${script.join(', ')}: ${isSentAtOnce ? 'sent at once, not at the end of the backoff' : 'waits as it was told'}`, async () => {
      const { db, register } = await sealedOnce();
      register.fail(...script);
      const time = clock();
      const engine = timedEngine({ db, register }, time.now);
      for (let attempt = 1; attempt <= script.length; attempt++) {
        await engine.sendDue();
        if (attempt < script.length) time.advance(Date.parse((await listOutbox(db))[0]?.nextAttemptAt ?? '') - time.now());
      }
      const waiting = (await listOutbox(db))[0];
      expect(waiting).toMatchObject({ status: 'queued', attempts: script.length });
      const dueAt = Date.parse(waiting?.nextAttemptAt ?? '');
      time.advance(1000);
      await engine.sendDue();
      expect(register.requestCount()).toBe(script.length); // not due yet by its backoff
      expect(await engine.sendOnReconnect()).toMatchObject({ acknowledged: isSentAtOnce ? 1 : 0 });
      expect(time.now()).toBeLessThan(dueAt);
      if (!isSentAtOnce) {
        expect(register.requestCount()).toBe(script.length);
        time.advance(dueAt - time.now());
        expect(await engine.sendDue()).toMatchObject({ acknowledged: 1 });
      }
      expect(register.stored.size).toBe(1);
    });
  }

  test('a Retry-After stands when the device was offline in between, and "send now" still overrides it', async () => {
    const { db, register, definition, order } = await sealedOnce();
    register.fail('busy503');
    const time = clock();
    let isOnline = true;
    const engine = timedEngine({ db, register }, time.now, () => isOnline);
    await engine.sendDue();
    expect((await listOutbox(db))[0]).toMatchObject({ waitingFor: 'failure', retryAfterAt: new Date(time.now() + 30_000).toISOString() });
    // Offline, a second submission is due: every queued one now waits for the network.
    isOnline = false;
    const second = await answeredResponse(db, definition, order.id, 42);
    await completeAndSeal(db, second.id, { appVersion });
    time.advance(5_000);
    await engine.sendDue();
    expect((await listOutbox(db)).map((row) => row.waitingFor)).toEqual(['network', 'network']);
    isOnline = true;
    // The second goes; the first waits for the time the register asked for, unless the person asks.
    expect(await engine.sendOnReconnect()).toEqual({ acknowledged: 1, rejected: 0, waiting: 1 });
    expect(register.requestCount()).toBe(2);
    expect(await engine.sendNow()).toEqual({ acknowledged: 1, rejected: 0, waiting: 0 });
    expect(register.stored.size).toBe(2);
  });
});
