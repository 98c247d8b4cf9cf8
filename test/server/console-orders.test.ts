// The staff console's orders (GET /api/staff/orders, extend, cancel): the state of each questionnaire,
// filters and paging, and a cancelled order that can no longer be claimed; on both stores.
import { describe, expect, test } from 'vitest';
import { consoleDesk } from '../../src/server/register-console.js';
import { expectCountedRefusal } from './counted-refusal.js';
import { inOneDay, register, useFreshRegister } from './orders-fixture.js';
import { claim, createOrder, newDevice, payloadFor, sealFor } from './setup.js';

useFreshRegister();

interface Listed {
  orders: { id: string; patientRef: string; cancelledAt: string | null; validUntil: string; questionnaires: { state: string }[] }[];
  nextCursor: string | null;
}
const list = async (query = '') => {
  const response = await register.staff('GET', `/api/staff/orders${query}`);
  expect(response.status).toBe(200);
  return response.json as unknown as Listed;
};
const states = (listed: Listed) => listed.orders.map((order) => order.questionnaires.map((q) => q.state));
const daysFromNow = (days: number) => new Date(Date.now() + days * 86_400_000).toISOString();

describe('the list', () => {
  test('each questionnaire goes from not claimed to claimed to received; an order past its end is expired', async () => {
    const created = await createOrder(register, ['demo-wellbeing@1', 'cia@3.0']);
    expect(states(await list())).toEqual([['notClaimed', 'notClaimed']]);
    const device = await newDevice();
    const claimed = await claim(register, created.accessCode, device);
    expect(states(await list())).toEqual([['claimed', 'claimed']]);
    const sent = await register.post('/api/submissions', { token: await sealFor(device, claimed, payloadFor(claimed)) });
    expect(sent.status).toBe(201);
    const listed = await list();
    expect(states(listed)).toEqual([['received', 'claimed']]);
    expect(listed.orders[0]).toMatchObject({ unit: null, measurementPoint: 'basis', claimedAt: expect.any(String), cancelledAt: null });

    await createOrder(register, undefined, { patientRef: 'pseudo-old', validFrom: daysFromNow(-3), validUntil: daysFromNow(-1) });
    expect(states(await list('?patientRef=pseudo-old'))).toEqual([['expired']]);
    expect((await list('?state=received')).orders.map((o) => o.id)).toEqual([created.order.id]);
    expect((await list('?state=claimed')).orders.map((o) => o.id)).toEqual([created.order.id]);
    expect((await list('?state=expired')).orders.map((o) => o.patientRef)).toEqual(['pseudo-old']);
    expect((await list('?state=notClaimed')).orders).toEqual([]);
    expect((await list('?state=completed')).orders).toEqual([]);
  });

  test('by patient reference and period, newest first, a page at a time', async () => {
    const ids: string[] = [];
    for (const patientRef of ['pseudo-1', 'pseudo-2', 'pseudo-1', 'pseudo-1', 'pseudo-1'])
      ids.push((await createOrder(register, undefined, { patientRef })).order.id);
    const mine = ids.filter((_id, index) => index !== 1);
    const first = await list('?patientRef=pseudo-1&limit=3');
    expect(first.orders).toHaveLength(3);
    expect(first.nextCursor).toEqual(expect.any(String));
    const second = await list(`?patientRef=pseudo-1&limit=3&cursor=${encodeURIComponent(first.nextCursor ?? '')}`);
    expect(second.nextCursor).toBeNull();
    // Every order once, newest first (orders made in the same millisecond follow their ids).
    const paged = [...first.orders, ...second.orders];
    expect(paged.map((o) => o.id).sort()).toEqual([...mine].sort());
    const createdAt = paged.map((o) => (o as unknown as { createdAt: string }).createdAt);
    expect(createdAt).toEqual([...createdAt].sort().reverse());
    expect((await list('?patientRef=pseudo-2')).orders.map((o) => o.id)).toEqual([ids[1]]);

    const today = new Date().toISOString().slice(0, 10);
    expect((await list(`?from=${today}&to=${today}`)).orders).toHaveLength(5);
    expect((await list(`?to=${daysFromNow(-1).slice(0, 10)}`)).orders).toEqual([]);
    expect((await list(`?from=${encodeURIComponent(daysFromNow(1))}`)).orders).toEqual([]);
  });

  test('a unit sees its own orders only; another unit\u2019s order is not found', async () => {
    const mine = await createOrder(register, undefined, { unit: 'Poliklinikk A' });
    const theirs = await createOrder(register, undefined, { unit: 'Sengepost B' });
    await createOrder(register);
    const desk = consoleDesk({ store: register.store, definitions: new Map(), now: () => new Date() });
    const listed = await desk.listOrders({}, ['Poliklinikk A']);
    expect(listed.orders.map((o) => o.id)).toEqual([mine.order.id]);
    expect((await desk.listOrders({}, [])).orders).toEqual([]);
    expect((await desk.listOrders({}, 'all')).orders).toHaveLength(3);
    await expect(desk.cancelOrder(theirs.order.id, ['Poliklinikk A'])).rejects.toMatchObject({ status: 404, code: 'notFound' });
    await expect(desk.extendOrder(theirs.order.id, inOneDay(), ['Poliklinikk A'])).rejects.toMatchObject({ status: 404 });
    expect((await register.store.getOrder(theirs.order.id))?.cancelledAt).toBeNull();
  });

  test('refuses a cursor it did not give, a page size out of range, an unknown state, and callers without the token', async () => {
    for (const [name, query] of [
      ['cursor', '?cursor=not-a-cursor'],
      ['limit 0', '?limit=0'],
      ['limit 101', '?limit=101'],
      ['state', '?state=lost'],
      ['from', '?from=yesterday'],
    ] as const)
      expectCountedRefusal('console', `orders list: ${name}`, await register.staff('GET', `/api/staff/orders${query}`), 400, 'badRequest');
    const anonymous = await register.app.inject({ method: 'GET', url: '/api/staff/orders' });
    expectCountedRefusal(
      'console',
      'orders list without the token',
      { status: anonymous.statusCode, json: anonymous.json() },
      401,
      'unauthorized',
    );
  });
});

describe('cancelling and extending', () => {
  test('a cancelled order cannot be claimed, is not listed to tablets, and keeps its first cancel time', async () => {
    const created = await createOrder(register, undefined, { unit: 'Poliklinikk A' });
    const cancelled = await register.staff('POST', `/api/staff/orders/${created.order.id}/cancel`);
    expect(cancelled.status).toBe(200);
    const { order } = cancelled.json as { order: { cancelledAt: string; questionnaires: { state: string }[] } };
    expect(order.cancelledAt).toEqual(expect.any(String));
    expect(order.questionnaires.map((q) => q.state)).toEqual(['expired']);
    const again = await register.staff('POST', `/api/staff/orders/${created.order.id}/cancel`);
    expect((again.json.order as { cancelledAt: string }).cancelledAt).toBe(order.cancelledAt);

    const device = await newDevice();
    const claimed = await register.post('/api/claim', { code: created.accessCode, deviceKey: device.publicJwk }, { address: '10.0.0.9' });
    expectCountedRefusal('console', 'claim of a cancelled order', claimed, 410, 'orderExpired');
    const enrolment = await register.staff('POST', '/api/enrolments', { unit: 'Poliklinikk A' });
    const tablet = await register.post('/api/tablets', { code: String(enrolment.json.code) });
    const bearer = { authorization: `Bearer ${String(tablet.json.tabletToken)}` };
    const unitOrders = await register.app.inject({ method: 'GET', url: '/api/tablets/orders', headers: bearer });
    expect(unitOrders.json()).toEqual({ orders: [] });
    const onTablet = await register.post(
      '/api/tablets/claim',
      { orderId: created.order.id, deviceKey: device.publicJwk },
      { headers: { ...bearer, 'content-type': 'application/json' } },
    );
    expectCountedRefusal('console', 'tablet claim of a cancelled order', onTablet, 410, 'orderExpired');
    expect(await register.store.listOrderAnswered([created.order.id])).toEqual([]);
  });

  test('extend: a later end is kept; an end in the past, a cancelled order and an unknown order are refused', async () => {
    const created = await createOrder(register);
    const until = daysFromNow(14);
    const extended = await register.staff('POST', `/api/staff/orders/${created.order.id}/extend`, { validUntil: until });
    expect([extended.status, (extended.json.order as { validUntil: string }).validUntil]).toEqual([200, until]);
    expect((await register.store.getOrder(created.order.id))?.validUntil).toBe(until);

    const past = await register.staff('POST', `/api/staff/orders/${created.order.id}/extend`, { validUntil: daysFromNow(-1) });
    expectCountedRefusal('console', 'extend into the past', past, 400, 'badRequest');
    const notADate = await register.staff('POST', `/api/staff/orders/${created.order.id}/extend`, { validUntil: 'tomorrow' });
    expectCountedRefusal('console', 'extend to a non-date', notADate, 400, 'badRequest');
    await register.staff('POST', `/api/staff/orders/${created.order.id}/cancel`);
    const cancelled = await register.staff('POST', `/api/staff/orders/${created.order.id}/extend`, { validUntil: daysFromNow(20) });
    expectCountedRefusal('console', 'extend a cancelled order', cancelled, 400, 'badRequest');
    expect((await register.store.getOrder(created.order.id))?.validUntil).toBe(until);
    const unknown = await register.staff('POST', '/api/staff/orders/no-such-order/extend', { validUntil: daysFromNow(2) });
    expectCountedRefusal('console', 'extend an unknown order', unknown, 404, 'notFound');
    expectCountedRefusal(
      'console',
      'cancel an unknown order',
      await register.staff('POST', '/api/staff/orders/no-such-order/cancel'),
      404,
      'notFound',
    );
  });
});
