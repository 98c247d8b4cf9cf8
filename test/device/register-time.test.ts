// A device whose clock is days off: the order's validity is judged by the register's time, learnt
// when the order was claimed, and no draft the register would still take is deleted.
import 'fake-indexeddb/auto';
import { describe, expect, test } from 'vitest';
import { orderProgress } from '../../src/app/order-progress.js';
import {
  claimOrder,
  discardExpiredDrafts,
  getResponse,
  isOrderExpired,
  listResponses,
  setAnswer,
  startResponse,
  type OrderRow,
} from '../../src/device/index.js';
import { createFakeRegister } from './fake-register.js';
import { freshDatabase, parsed } from './fixture.js';

const day = 86_400_000;

/** A device whose clock is `aheadDays` ahead of the register's, with an order valid `validDays` by the register. */
async function deviceAhead(aheadDays: number, validDays: number) {
  const definition = parsed();
  const db = freshDatabase();
  const register = await createFakeRegister(definition, { now: () => Date.now() - aheadDays * day, validDays });
  const result = await claimOrder(db, register.client, 'ABCD-EFGH-JKMN');
  if (result.kind !== 'claimed') throw new Error('claim failed');
  const draft = await startResponse(db, definition, 'en', result.order.id);
  await setAnswer(db, draft.id, 'mood', { value: 'good' });
  return { db, order: result.order, draft };
}

describe('a device clock five days ahead, an order valid two days', () => {
  test('the claim keeps the difference, and the order is open until two days have passed by the register', async () => {
    const { db, order } = await deviceAhead(5, 2);
    expect(Math.abs((order.registerClockOffsetMs ?? 0) + 5 * day)).toBeLessThan(60_000);
    // By the device's own clock it ran out three days ago.
    expect(Date.parse(order.validUntil)).toBeLessThan(Date.now() - 2 * day);
    expect(isOrderExpired(order, Date.now())).toBe(false);
    expect(orderProgress(order, await listResponses(db), [], Date.now())).toMatchObject({ isExpired: false, next: 0 });
    expect(isOrderExpired(order, Date.now() + 2 * day - 60_000)).toBe(false);
    expect(isOrderExpired(order, Date.now() + 2 * day + 60_000)).toBe(true);
  });

  test('at start-up its draft is kept, and it goes only once the order has run out by the register', async () => {
    const { db, draft } = await deviceAhead(5, 2);
    expect(await discardExpiredDrafts(db)).toBe(0);
    expect(await discardExpiredDrafts(db, Date.now() + day)).toBe(0);
    expect((await getResponse(db, draft.id))?.status).toBe('in-progress');
    expect(await discardExpiredDrafts(db, Date.now() + 2 * day + 60_000)).toBe(1);
    expect(await getResponse(db, draft.id)).toBeUndefined();
  });
});

test('a device clock four days behind: the order runs out by the register, and its draft is kept until both clocks agree', async () => {
  const { db, order, draft } = await deviceAhead(-4, 2);
  // Two days later by the device, the order has run out by the register (by the device, four days are left).
  expect(isOrderExpired(order, Date.now() + 2 * day - 60_000)).toBe(false);
  expect(isOrderExpired(order, Date.now() + 2 * day + 60_000)).toBe(true);
  expect(await discardExpiredDrafts(db, Date.now() + 3 * day)).toBe(0);
  expect((await getResponse(db, draft.id))?.status).toBe('in-progress');
  expect(await discardExpiredDrafts(db, Date.now() + 6 * day + 60_000)).toBe(1);
});

test('an order claimed before registers said their time: validity by the device clock, and drafts are never discarded by it', async () => {
  const { db, order, draft } = await deviceAhead(0, 2);
  const { registerClockOffsetMs: _, ...older } = order;
  await db.orders.put(older satisfies OrderRow);
  expect(isOrderExpired(older, Date.now() + 2 * day + 60_000)).toBe(true);
  expect(await discardExpiredDrafts(db, Date.now() + 30 * day)).toBe(0);
  expect((await getResponse(db, draft.id))?.status).toBe('in-progress');
});
