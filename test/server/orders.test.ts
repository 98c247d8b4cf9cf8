// Orders: staff create, list and release them. The refused orders are in orders-refused.test.ts.
import { describe, expect, test } from 'vitest';
import { createOrderOnce } from '../../src/server/register-writes.js';
import { inOneDay, orderCount, register, useFreshRegister } from './orders-fixture.js';
import { createOrder, startTestRegister } from './setup.js';

useFreshRegister();

describe('creating orders', () => {
  test('with a chosen id: the same order again is this order (a retry whose answer was lost), another order with that id is refused', async () => {
    const request = { patientRef: 'demo-patient', questionnaires: ['demo-wellbeing@1'], measurementPoint: 'basis', validUntil: inOneDay() };
    const first = await register.register.createOrder(request, { id: 'demo-order' });
    expect(first.order.id).toBe('demo-order');
    const stored = await register.store.getOrder('demo-order');
    if (!stored) throw new Error('not stored');
    const snapshot = await register.store.getDefinition('demo-wellbeing@1');
    if (!snapshot) throw new Error('no snapshot');
    expect(await createOrderOnce(register.store, stored, [snapshot])).toEqual({ isCreated: true });
    expect(await createOrderOnce(register.store, { ...stored, codeHash: 'another-code-hash' }, [snapshot])).toEqual({
      isCreated: false,
      reason: 'idTaken',
    });
    await expect(register.register.createOrder(request, { id: 'demo-order' })).rejects.toMatchObject({
      status: 409,
      message: 'An order with the id demo-order exists already',
    });
    expect(await orderCount()).toBe(1);
    // Two at the same moment (as instances starting together do with the demo order): one of them.
    const both = await Promise.allSettled([
      register.register.createOrder(request, { id: 'at-once' }),
      register.register.createOrder(request, { id: 'at-once' }),
    ]);
    expect(both.map((outcome) => outcome.status).sort()).toEqual(['fulfilled', 'rejected']);
    expect(await orderCount()).toBe(2);
  });

  test('an id, a readable access code with over 50 bits, and a link with the code in the fragment', async () => {
    const created = await createOrder(register);
    expect(created.accessCode).toMatch(/^[2-9A-HJKMNP-TW-Z]{4}-[2-9A-HJKMNP-TW-Z]{4}-[2-9A-HJKMNP-TW-Z]{4}$/);
    expect(created.link).toBe(`https://register.example/#/claim/${created.accessCode}`);
    const listed = await register.staff('GET', '/api/orders');
    expect(listed.json.orders).toEqual([
      expect.objectContaining({ id: created.order.id, state: 'open', patientRef: 'pseudo-42', submissionCount: 0, claimedAt: null }),
    ]);
    // Only a keyed hash of the code is kept, in the database too.
    expect(JSON.stringify(listed.json)).not.toContain(created.accessCode);
    const stored = await register.store.getOrder(created.order.id);
    expect(JSON.stringify(stored)).not.toContain(created.accessCode.replace(/-/g, ''));
    // The definition is snapshotted when an order first uses it, pinned by its hash.
    const snapshot = await register.store.getDefinition('demo-wellbeing@1');
    expect(stored?.questionnaires).toEqual([{ key: 'demo-wellbeing@1', hash: snapshot?.hash }]);
  });

  test('the link starts with PUBLIC_URL, and by default with the local address and port', async () => {
    const local = await startTestRegister({ env: { PUBLIC_URL: undefined, PORT: '8123' } });
    try {
      expect((await createOrder(local)).link).toMatch(/^http:\/\/127\.0\.0\.1:8123\/#\/claim\/[2-9A-Z-]{14}$/);
    } finally {
      await local.close();
    }
  });
});

describe('listing and releasing', () => {
  test('list by patient reference; release an order; releasing an unknown order is a 404', async () => {
    const first = await createOrder(register);
    await createOrder(register, undefined, { patientRef: 'pseudo-43' });
    const mine = await register.staff('GET', '/api/orders?patientRef=pseudo-43');
    expect((mine.json.orders as { patientRef: string }[]).map((o) => o.patientRef)).toEqual(['pseudo-43']);
    expect((await register.staff('GET', '/api/orders')).json.orders).toHaveLength(2);

    const released = await register.staff('POST', `/api/orders/${first.order.id}/release`);
    expect([released.status, released.json]).toEqual([200, { released: first.order.id }]);
    expect((await register.store.getOrder(first.order.id))?.releasedAt).toEqual(expect.any(String));
    const unknown = await register.staff('POST', '/api/orders/no-such-order/release');
    expect([unknown.status, unknown.json.error]).toEqual([404, 'notFound']);
    expect((await register.app.inject({ method: 'GET', url: '/api/orders' })).statusCode).toBe(401);
  });
});
