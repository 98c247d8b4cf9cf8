// Claiming: a device binds its key to an order with the access code; guessing codes is rate
// limited per address, with every failed attempt counted in the database (what many addresses
// together meet, a proof of work and no refusal, is in claims-under-guessing.test.ts).
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { clientAddressKey } from '../../src/server/client-address.js';
import { claimLimits } from '../../src/server/register.js';
import { claim, createOrder, newDevice, startTestRegister, type TestRegister } from './setup.js';

let register: TestRegister;
beforeEach(async () => {
  register = await startTestRegister();
});
afterEach(async () => register.close());

const failedAttempts = (address?: string) => register.store.countFailedClaims('2000-01-01T00:00:00Z', address);

describe('claiming an order', () => {
  test('the device gets its order, the exact definitions and the register keys, but not the patient reference', async () => {
    const created = await createOrder(register, ['demo-wellbeing@1', 'norspis-outcome@1']);
    const answer = await claim(register, created.accessCode.toLowerCase().replace(/-/g, ' '), await newDevice());
    expect(answer.order).toMatchObject({ id: created.order.id, measurementPoint: 'basis', registerName: 'Demo quality register' });
    expect(answer.order.questionnaires.map((q) => q.key)).toEqual(['demo-wellbeing@1', 'norspis-outcome@1']);
    expect(answer.definitions.map((d) => d.id)).toEqual(['demo-wellbeing', 'norspis-outcome']);
    expect(answer.definitions[0]).toEqual((await register.store.getDefinition('demo-wellbeing@1'))?.json);
    expect(answer.encryptionKey.jwk).not.toHaveProperty('d');
    expect(answer.receiptKey.jwk).not.toHaveProperty('d');
    expect(JSON.stringify(answer)).not.toContain('pseudo-42');
    expect((await register.store.getOrder(created.order.id))?.claimedAt).toEqual(expect.any(String));
    expect(await failedAttempts()).toBe(0);
    // The register's own time, so that a device whose clock is off judges the order's validity by it.
    expect(Math.abs(Date.parse(answer.serverTime ?? '') - Date.now())).toBeLessThan(60_000);
  });

  test('the same device may claim again and gets the same answer; another device is refused until staff release the order', async () => {
    const created = await createOrder(register);
    const [first, second] = [await newDevice(), await newDevice()];
    const { serverTime: _, ...once } = await claim(register, created.accessCode, first);
    const { serverTime: __, ...again } = await claim(register, created.accessCode, first);
    expect(again).toEqual(once);
    const refused = await register.post('/api/claim', { code: created.accessCode, deviceKey: second.publicJwk });
    expect([refused.status, refused.json.error]).toEqual([409, 'orderClaimed']);
    expect((await register.staff('POST', `/api/orders/${created.order.id}/release`)).status).toBe(200);
    expect((await claim(register, created.accessCode, second)).order.id).toBe(created.order.id);
    // Now the first device is the other one.
    const firstAgain = await register.post('/api/claim', { code: created.accessCode, deviceKey: first.publicJwk });
    expect([firstAgain.status, firstAgain.json.error]).toEqual([409, 'orderClaimed']);
    expect((await register.store.getOrder(created.order.id))?.deviceThumbprint).toBe(second.thumbprint);
  });

  test('of two devices claiming at once, exactly one wins', async () => {
    const created = await createOrder(register);
    const devices = await Promise.all([1, 2, 3, 4].map(() => newDevice()));
    const answers = await Promise.all(
      devices.map((d) => register.post('/api/claim', { code: created.accessCode, deviceKey: d.publicJwk })),
    );
    expect(answers.map((a) => a.status).sort()).toEqual([200, 409, 409, 409]);
  });

  test.each([
    ['an unknown code', async () => 'ZZZZ-ZZZZ-ZZZZ', 404, 'codeUnknown'],
    ['a malformed code', async () => 'hello', 404, 'codeUnknown'],
    [
      'an expired order',
      async () =>
        (await createOrder(register, undefined, { validFrom: '2026-01-01T00:00:00Z', validUntil: '2026-02-01T00:00:00Z' })).accessCode,
      410,
      'orderExpired',
    ],
    [
      'an order not valid yet',
      async () =>
        (await createOrder(register, undefined, { validFrom: '2099-01-01T00:00:00Z', validUntil: '2099-02-01T00:00:00Z' })).accessCode,
      403,
      'orderNotYetValid',
    ],
  ])('refuses %s, and counts it as a failed attempt', async (_name, code, status, error) => {
    const response = await register.post('/api/claim', { code: await code(), deviceKey: (await newDevice()).publicJwk });
    expect([response.status, response.json.error]).toEqual([status, error]);
    expect(await failedAttempts()).toBe(1);
  });

  test.each([
    ['a private key', (jwk: Record<string, unknown>) => ({ ...jwk, d: 'A'.repeat(43) })],
    ['another curve', (jwk: Record<string, unknown>) => ({ ...jwk, crv: 'P-384' })],
    ['no key at all', () => undefined],
  ])('refuses a device key with %s', async (_name, change) => {
    const created = await createOrder(register);
    const response = await register.post('/api/claim', { code: created.accessCode, deviceKey: change((await newDevice()).publicJwk) });
    expect([response.status, response.json.error]).toEqual([400, 'badRequest']);
    expect((await register.store.getOrder(created.order.id))?.claimedAt).toBeNull();
  });
});

describe('rate limits', () => {
  const guess = (address: string, deviceKey: unknown) => register.post('/api/claim', { code: 'ZZZZ-ZZZZ-ZZZZ', deviceKey }, { address });

  test('per address: the 11th guess within ten minutes is refused with Retry-After; others still claim', async () => {
    const device = await newDevice();
    for (let i = 0; i < claimLimits.perAddress; i++) expect((await guess('10.0.0.1', device.publicJwk)).status).toBe(404);
    expect(await failedAttempts('10.0.0.1')).toBe(claimLimits.perAddress);
    const limited = await guess('10.0.0.1', device.publicJwk);
    expect([limited.status, limited.json.error]).toEqual([429, 'rateLimited']);
    const retryAfter = Number(limited.headers['retry-after']);
    expect(retryAfter).toBeGreaterThan(claimLimits.windowMinutes * 60 - 30);
    expect(retryAfter).toBeLessThanOrEqual(claimLimits.windowMinutes * 60);
    expect(limited.json.retryAfterSeconds).toBe(retryAfter);
    // A refused attempt is not counted again, and a valid code from the same address is refused too (the limit comes before lookup).
    const created = await createOrder(register);
    const blocked = await register.post('/api/claim', { code: created.accessCode, deviceKey: device.publicJwk }, { address: '10.0.0.1' });
    expect([blocked.status, blocked.json.error]).toEqual([429, 'rateLimited']);
    expect(await failedAttempts('10.0.0.1')).toBe(claimLimits.perAddress);
    expect((await claim(register, created.accessCode, device, '10.0.0.2')).order.id).toBe(created.order.id);
  });

  test('many addresses together refuse no one: a fresh address is asked for a proof of work, not told to wait', async () => {
    await register.store.withClaimAttempts(async (attempts) => {
      for (let i = 0; i < 300; i++) await attempts.record(`10.1.${Math.floor(i / 9)}.${i % 9}`, new Date().toISOString());
    });
    const asked = await guess('10.9.9.9', (await newDevice()).publicJwk);
    expect([asked.status, asked.json.error, asked.headers['retry-after']]).toEqual([428, 'proofOfWorkRequired', undefined]);
  });

  test('successful claims do not count: a clinic behind one address can hand out many codes', async () => {
    for (let i = 0; i < claimLimits.perAddress + 5; i++)
      await claim(register, (await createOrder(register)).accessCode, await newDevice(), '10.0.0.7');
    expect(await failedAttempts('10.0.0.7')).toBe(0);
  });

  test('a burst of parallel guesses cannot slip past the limit', async () => {
    const device = await newDevice();
    const answers = await Promise.all(Array.from({ length: 40 }, () => guess('10.0.0.9', device.publicJwk)));
    expect(answers.filter((a) => a.status === 404)).toHaveLength(claimLimits.perAddress);
    expect(answers.filter((a) => a.status === 429)).toHaveLength(40 - claimLimits.perAddress);
    expect(await failedAttempts()).toBe(claimLimits.perAddress);
  });

  test('IPv6 addresses in one /64 share a limit', async () => {
    const device = await newDevice();
    for (let i = 0; i < claimLimits.perAddress; i++) await guess(`2001:db8:1:2::${(i + 1).toString(16)}`, device.publicJwk);
    expect((await guess('2001:db8:1:2:ffff:ffff:ffff:ffff', device.publicJwk)).status).toBe(429);
    expect((await guess('2001:db8:1:3::1', device.publicJwk)).status).toBe(404);
  });
});

describe('the address attempts are counted under', () => {
  test.each([
    ['192.0.2.7', '192.0.2.7'],
    ['::ffff:192.0.2.7', '192.0.2.7'],
    ['2001:db8::1', '2001:db8:0:0::/64'],
    ['2001:0db8:0000:0000:abcd::1', '2001:db8:0:0::/64'],
    ['2001:db8:a:b:c:d:e:f', '2001:db8:a:b::/64'],
    ['fe80::1%eth0', 'fe80:0:0:0::/64'],
    ['::1', '0:0:0:0::/64'],
    // NAT64, well-known prefix: the IPv4 client behind the translator.
    ['64:ff9b::192.0.2.33', '192.0.2.33'],
    ['64:ff9b::c000:221', '192.0.2.33'],
    ['64:FF9B:0:0:0:0:C633:6401', '198.51.100.1'],
    ['64:ff9b::1:c000:221', '64:ff9b:0:0::/64'],
    // NAT64, local-use prefix: where the IPv4 address sits depends on the translator's prefix length, so each address is its own.
    ['64:ff9b:1::192.0.2.33', '64:ff9b:1:0:0:0:c000:221/128'],
    ['64:ff9b:1:c000:2:2100::', '64:ff9b:1:c000:2:2100:0:0/128'],
    ['64:ff9b:2::1', '64:ff9b:2:0::/64'],
    ['not an address', 'not an address'],
  ])('%s → %s', (address, key) => {
    expect(clientAddressKey(address)).toBe(key);
  });
});
