// The register on PostgreSQL when a statement reaches the database but its answer never comes back
// (see faulty-proxy.ts): the work, tried again on a fresh connection, is recognised as done, so
// nothing is stored twice and the client gets the answer it would have got.
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { startProxiedRegister, type FaultyProxy } from './faulty-proxy.js';
import { claim, createOrder, newDevice, payloadFor, sealFor, testStore, type TestRegister } from './setup.js';

const describeOnPostgres = describe.skipIf(testStore !== 'postgres');

describeOnPostgres('through a proxy that stops, stalls and cuts', () => {
  let proxy: FaultyProxy;
  let register: TestRegister;
  let close: () => Promise<void>;
  beforeEach(async () => {
    ({ proxy, register, close } = await startProxiedRegister());
  });
  afterEach(async () => close());

  test('a COMMIT whose answer is lost: the order is created once and the retry recognises it', async () => {
    proxy.loseAnswerTo('COMMIT');
    const created = await createOrder(register);
    const orders = await register.staff('GET', '/api/orders');
    expect(orders.json.orders).toEqual([expect.objectContaining({ id: created.order.id })]);
  });

  test('a submission whose INSERT answer is lost: stored once, and the device gets the receipt it would have got', async () => {
    const device = await newDevice();
    const order = await claim(register, (await createOrder(register)).accessCode, device);
    const token = await sealFor(device, order, payloadFor(order));
    proxy.loseAnswerTo('INSERT INTO submissions');
    const sent = await register.post('/api/submissions', { token });
    expect([200, 201]).toContain(sent.status);
    const again = await register.post('/api/submissions', { token });
    expect([again.status, again.json]).toEqual([200, sent.json]);
    expect(await register.store.countSubmissions()).toBe(1);
  });

  test('a claim whose COMMIT answer is lost: the device has the order, and another device is refused', async () => {
    const device = await newDevice();
    const { accessCode } = await createOrder(register);
    proxy.loseAnswerTo('COMMIT', 'UPDATE orders SET device_key');
    await claim(register, accessCode, device);
    const other = await register.post('/api/claim', { code: accessCode, deviceKey: (await newDevice()).publicJwk });
    expect([other.status, other.json.error]).toEqual([409, 'orderClaimed']);
  });
});
