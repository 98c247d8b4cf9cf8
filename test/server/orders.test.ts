// Orders: staff create, list and release them; refused orders store nothing.
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { createOrderOnce } from '../../src/server/register-writes.js';
import { createOrder, startTestRegister, type TestRegister } from './setup.js';

let register: TestRegister;
beforeEach(async () => {
  register = await startTestRegister();
});
afterEach(async () => register.close());

const orderCount = async () => (await register.store.listOrders({})).length;
const inOneDay = () => new Date(Date.now() + 86_400_000).toISOString();

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

  test.each([
    ['without a staff token', undefined, 401, 'unauthorized'],
    ['with a national identity number as reference', { patientRef: '010190 12345' }, 400, 'patientRefLooksLikeNationalId'],
    ['with a D-number written with dots', { patientRef: '41.01.90.123.45' }, 400, 'patientRefLooksLikeNationalId'],
    ['for a questionnaire the register does not have', { questionnaires: ['nope@1'] }, 400, 'unknownQuestionnaire'],
    ['when only the second questionnaire is unknown', { questionnaires: ['demo-wellbeing@1', 'nope@1'] }, 400, 'unknownQuestionnaire'],
    ['with a questionnaire not written as id@version', { questionnaires: ['demo-wellbeing'] }, 400, 'badRequest'],
    ['with a missing validity', { validUntil: undefined }, 400, 'badRequest'],
    ['ending before it begins', { validFrom: '2030-02-01T00:00:00Z', validUntil: '2030-01-01T00:00:00Z' }, 400, 'badRequest'],
    ['with a field the API does not have', { nationalId: 'x' }, 400, 'badRequest'],
  ])('refuses an order %s, and stores nothing', async (_name, change, status, code) => {
    const body = { patientRef: 'p1', questionnaires: ['demo-wellbeing@1'], measurementPoint: 'basis', validUntil: inOneDay(), ...change };
    const response = change === undefined ? await register.post('/api/orders', body) : await register.staff('POST', '/api/orders', body);
    expect([response.status, response.json.error]).toEqual([status, code]);
    expect(await orderCount()).toBe(0);
    expect(await register.store.getDefinition('demo-wellbeing@1')).toBeUndefined();
  });

  test('a wrong staff token is refused before the body is read', async () => {
    const response = await register.app.inject({
      method: 'POST',
      url: '/api/orders',
      headers: { authorization: 'Bearer not-the-staff-token-at-all-0000', 'content-type': 'application/json' },
      payload: '{ this is not even JSON',
    });
    expect([response.statusCode, response.json().error]).toEqual([401, 'unauthorized']);
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
