// A valid submission and its order: completed when each questionnaire has arrived, a retry still
// receipted after staff released the order, and neither the order's validity nor the device's clock
// stopping a late delivery.
import { describe, expect, test, vi } from 'vitest';
import { claim, newDevice, payloadFor, sealFor } from './setup.js';
import { claimed, register, rows, submit, useFreshRegister } from './submissions-fixture.js';

useFreshRegister();

describe('a valid submission', () => {
  test('an order is completed when each of its questionnaires has arrived, not when enough submissions have', async () => {
    const { device, order } = await claimed(['demo-wellbeing@1', 'norspis-outcome@1']);
    const state = async () => ((await register.staff('GET', '/api/orders')).json.orders as { state: string; submissionCount: number }[])[0];
    expect((await submit(await sealFor(device, order, payloadFor(order)))).status).toBe(201);
    // A second answer to the same questionnaire is refused (one per questionnaire), and does not complete the order.
    expect((await submit(await sealFor(device, order, payloadFor(order)))).json.error).toBe('questionnaireAlreadyAnswered');
    expect(await state()).toMatchObject({ state: 'claimed', submissionCount: 1 });
    expect((await submit(await sealFor(device, order, payloadFor(order, { outcome: { value: '2' } }, 1)))).status).toBe(201);
    expect(await state()).toMatchObject({ state: 'completed', submissionCount: 2 });
  });

  test('a retry after staff released the order to another device still gets its receipt; a new submission from the old device does not', async () => {
    const { device, order, code } = await claimed(['demo-wellbeing@1', 'norspis-outcome@1']);
    const payload = payloadFor(order);
    const first = await submit(await sealFor(device, order, payload));
    await register.staff('POST', `/api/orders/${order.order.id}/release`);
    const retry = await submit(await sealFor(device, order, payload));
    expect([retry.status, retry.json.receipt]).toEqual([200, first.json.receipt]);
    const fresh = await submit(await sealFor(device, order, payloadFor(order, { outcome: { value: '2' } }, 1)));
    // Unverifiable (no device key bound) is answered like a bad signature, not orderNotClaimed (issue 14, item 6).
    expect([fresh.status, fresh.json.error]).toEqual([401, 'badSignature']);
    await claim(register, code, await newDevice());
    expect((await submit(await sealFor(device, order, payloadFor(order, { outcome: { value: '2' } }, 1)))).json.error).toBe('badSignature');
    expect((await submit(await sealFor(device, order, payload))).status).toBe(200);
    expect(await rows()).toBe(1);
  });

  test("neither the order's validity nor the device's clock matter: a device offline for weeks still delivers", async () => {
    const { device, order } = await claimed(undefined, {
      validFrom: new Date(Date.now() - 60_000).toISOString(),
      validUntil: new Date(Date.now() + 1_000).toISOString(),
    });
    // The register's clock (Date alone; timers stay real) moves past validUntil instead of the test sleeping.
    vi.useFakeTimers({ toFake: ['Date'], now: Date.now() + 1_100 });
    try {
      const payload = { ...payloadFor(order), startedAt: '2001-01-01T00:00:00Z', completedAt: '2001-01-01T00:10:00Z' };
      const response = await submit(await sealFor(device, order, payload));
      expect(response.status).toBe(201);
      expect(Date.parse(String(response.json.receivedAt))).toBeGreaterThan(Date.now() - 60_000);
      expect(await rows()).toBe(1);
    } finally {
      vi.useRealTimers();
    }
  });
});
