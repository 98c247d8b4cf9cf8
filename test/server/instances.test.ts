// Several endpoint instances over one PostgreSQL database (see instances-fixture.ts). What must hold
// across instances is decided by the database: one demo order, one stored submission per id, one
// device per order, one count of failed claims.
import { describe, expect, test } from 'vitest';
import { newDevice, payloadFor, sealFor, testStore } from './setup.js';
import { call, claimed, newOrder, staff, storedIds, useInstances, type Instance } from './instances-fixture.js';

const describeOnPostgres = describe.skipIf(testStore !== 'postgres');

describeOnPostgres('several endpoint instances over one PostgreSQL', () => {
  const { instances } = useInstances();

  test('started together on an empty database, they make one demo order between them', async () => {
    const [a, b] = instances as [Instance, Instance];
    // Each prints its start message once it has looked at the orders (after it began listening);
    // waited for within the test's 5 s, and a failure shows the output of those still silent.
    const silent = () => instances.map((instance) => instance.output.join('')).filter((output) => !output.includes('Stop it with Ctrl+C'));
    await expect.poll(silent, { interval: 20, timeout: 4_000, message: 'every instance prints its start message' }).toEqual([]);
    for (const instance of [a, b]) {
      const orders = (await staff(instance, 'GET', '/api/orders')).json.orders as { id: string; patientRef: string }[];
      expect(orders.filter((order) => order.patientRef === 'demo-patient')).toEqual([expect.objectContaining({ id: 'demo-order' })]);
    }
    expect(
      instances.map((instance) => instance.output.join('')).filter((output) => output.includes('A demo order for trying it out')),
    ).toHaveLength(1);
  });

  test('the same submission posted to both at the same moment is stored once, and both answer with the same receipt', async () => {
    const [a, b] = instances as [Instance, Instance];
    const device = await newDevice();
    // One order each: an order's questionnaire takes one submission (issue 14, item 2).
    for (let round = 0; round < 12; round++) {
      const { order, accessCode } = await newOrder(a);
      const claim = await claimed(b, accessCode, device, '10.1.0.1');
      const token = await sealFor(device, claim, payloadFor(claim));
      const [fromA, fromB] = await Promise.all([
        call(a, 'POST', '/api/submissions', { token }),
        call(b, 'POST', '/api/submissions', { token }),
      ]);
      expect([fromA.status, fromB.status].sort()).toEqual([200, 201]);
      expect(fromA.json.receipt).toBe(fromB.json.receipt);
      expect(fromA.json.submissionId).toBe(fromB.json.submissionId);
      expect(await storedIds(a, order.id)).toEqual([fromA.json.submissionId]);
    }
  });

  test('two devices claiming the same code on two instances at once: exactly one wins', async () => {
    const [a, b] = instances as [Instance, Instance];
    for (let round = 0; round < 10; round++) {
      const { accessCode } = await newOrder(a);
      const [one, two] = [await newDevice(), await newDevice()];
      const answers = await Promise.all([
        call(a, 'POST', '/api/claim', { code: accessCode, deviceKey: one.publicJwk }, { 'x-forwarded-for': `10.2.${round}.1` }),
        call(b, 'POST', '/api/claim', { code: accessCode, deviceKey: two.publicJwk }, { 'x-forwarded-for': `10.3.${round}.1` }),
      ]);
      expect(answers.map((answer) => answer.status).sort()).toEqual([200, 409]);
      expect(answers.find((answer) => answer.status === 409)?.json.error).toBe('orderClaimed');
    }
  });

  test('failed claims from one address count across instances', async () => {
    const [a, b] = instances as [Instance, Instance];
    const statuses: number[] = [];
    for (let guess = 0; guess < 14; guess++) {
      const instance = guess % 2 === 0 ? a : b;
      const response = await call(
        instance,
        'POST',
        '/api/claim',
        { code: 'ABCD-EFGH-JKMN', deviceKey: (await newDevice()).publicJwk },
        { 'x-forwarded-for': '10.4.0.1' },
      );
      statuses.push(response.status);
    }
    // Ten failures in the window in all, wherever they landed; then every instance refuses.
    expect(statuses.filter((status) => status === 404).length).toBe(10);
    expect(statuses.slice(10)).toEqual([429, 429, 429, 429]);
  });
});
