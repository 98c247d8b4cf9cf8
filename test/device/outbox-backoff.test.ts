// The outbox's waits after a failed upload: an exponential backoff capped at five minutes, a
// Retry-After from the register honoured, and "send now" not waiting for either.
import 'fake-indexeddb/auto';
import { describe, expect, test } from 'vitest';
import { createSyncEngine, listOutbox } from '../../src/device/index.js';
import type { Behaviour } from './fake-register.js';
import { clock, sealedOnce, timedEngine } from './outbox-fixture.js';

describe('the outbox', () => {
  test('backs off exponentially, records why it waits, and honours Retry-After', async () => {
    const { db, register } = await sealedOnce();
    register.fail('error500', 'error500', 'busy503', 'network');
    const time = clock();
    const engine = timedEngine({ db, register }, time.now);
    const waits: { waitingFor: string | null; inMs: number }[] = [];
    for (let i = 0; i < 4; i++) {
      await engine.sendDue();
      const [row] = await listOutbox(db);
      waits.push({ waitingFor: row?.waitingFor ?? null, inMs: Date.parse(row?.nextAttemptAt ?? '') - time.now() });
      time.advance(Date.parse(row?.nextAttemptAt ?? '') - time.now());
    }
    expect(waits).toEqual([
      { waitingFor: 'failure', inMs: 2_000 },
      { waitingFor: 'failure', inMs: 4_000 },
      { waitingFor: 'failure', inMs: 30_000 }, // Retry-After beats the 8 s backoff
      { waitingFor: 'network', inMs: 16_000 },
    ]);
    await engine.sendDue();
    expect((await listOutbox(db))[0]?.status).toBe('acknowledged');
  });

  test('the backoff is capped at five minutes', async () => {
    const { db, register } = await sealedOnce();
    register.fail(...Array<Behaviour>(12).fill('error500'));
    const time = clock();
    const engine = timedEngine({ db, register }, time.now);
    for (let i = 0; i < 12; i++) {
      await engine.sendDue();
      time.advance(6 * 60_000);
    }
    const [row] = await listOutbox(db);
    expect(Date.parse(row?.nextAttemptAt ?? '') - (time.now() - 6 * 60_000)).toBe(5 * 60_000);
  });

  test('"send now" does not wait for the backoff', async () => {
    const { db, register } = await sealedOnce();
    register.fail('error500');
    const engine = createSyncEngine({ db, client: register.client, isOnline: () => true, exclusive: (t) => t() });
    await engine.sendDue();
    expect((await listOutbox(db))[0]?.status).toBe('queued');
    await engine.sendNow();
    expect((await listOutbox(db))[0]?.status).toBe('acknowledged');
  });
});
